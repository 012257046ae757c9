// Package store persists articles, their analyses, story membership and the
// stories link builds, in one SQLite file (modernc.org/sqlite: no cgo) with
// WAL and FTS5. Queries the web and CLI need live here too.
//
// The methods of *DB (see sqlite.go):
//
//	Open(path string) (*DB, error); (*DB).Close() error
//	SaveArticle(ctx, *model.Article, Membership) (inserted bool, err error)  // idempotent on id
//	HasArticle(ctx, id) (bool, error)
//	SaveStory(ctx, *model.Story) error
//	StoryMembers(ctx, storyID) ([]StoredArticle, error)
//	Stories(ctx, StoryFilter) ([]StorySummary, int /*total*/, error)
//	Story(ctx, id) (*model.Story, error)                  // nil, ErrNotFound
//	Article(ctx, id) (*StoredArticle, error)              // nil, ErrNotFound
//	Search(ctx, query string, limit int) ([]SearchHit, error)
//	PersonStatements(ctx, name string) ([]Statement, error)
//	People(ctx, limit int) ([]PersonSummary, error)
//	Outlets(ctx) ([]string, error)
//	EachArticle(ctx, since string, fn func(*StoredArticle) error) error  // in publication order; rebuilds the linker and feeds export
//	EachLinkNames(ctx, from, to time.Time, fn func(id, storyID, published string, names []byte) error) error  // the linker's saved incident names
//	Counts(ctx) (articles, stories int, err error)
package store
