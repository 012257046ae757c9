package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/crosswire-news/crosswire/internal/model"
	"github.com/crosswire-news/crosswire/internal/textnorm"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// ErrNotFound is returned for an id the store does not hold.
var ErrNotFound = errors.New("not found")

// DB is the embedded SQLite store. It is safe for concurrent use; SQLite
// serialises writers, so one process should own ingestion at a time.
type DB struct {
	sql  *sql.DB
	path string
}

// Open opens (creating when needed) the database at path and brings its
// schema up to date.
func Open(path string) (*DB, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("store %s: %w", path, err)
		}
	}
	q := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", "busy_timeout(10000)", "synchronous(NORMAL)", "foreign_keys(1)"} {
		q.Add("_pragma", p)
	}
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("store %s: %w", path, err)
	}
	s := &DB{sql: db, path: path}
	if err := s.migrate(context.Background()); err != nil {
		db.Close()
		return nil, fmt.Errorf("store %s: %w", path, err)
	}
	return s, nil
}

// Close closes the database.
func (db *DB) Close() error { return db.sql.Close() }

// Path is the database file.
func (db *DB) Path() string { return db.path }

func (db *DB) migrate(ctx context.Context) error {
	return db.migrateTo(ctx, len(migrations))
}

// migrateTo applies migrations up to number target (tests stop early to
// check that later ones upgrade existing data).
func (db *DB) migrateTo(ctx context.Context, target int) error {
	var version int
	if err := db.sql.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return err
	}
	if version > len(migrations) {
		return fmt.Errorf("database schema version %d is newer than this crosswire (%d)", version, len(migrations))
	}
	for i := version; i < target; i++ {
		tx, err := db.sql.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, migrations[i]); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %d: %w", i+1, err)
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", i+1)); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}

// analysis is the part of an article the analyzer adds, kept as one JSON
// column: it is read whole, never queried field by field.
type analysis struct {
	Sentences     []model.Span         `json:"sentences,omitempty"`
	People        []model.Person       `json:"people"`
	Organizations []model.Organization `json:"organizations"`
	Attributions  []model.Attribution  `json:"attributions"`
}

// Pending is an article to save with what linking decided for it.
type Pending struct {
	Article *model.Article
	Membership
	// LinkNames is the linker's encoding of the article's incident names
	// (link.Assignment.Names), given back by EachLinkNames.
	LinkNames []byte
}

// inTx runs fn in one transaction: committed when fn returns nil,
// rolled back otherwise.
func (db *DB) inTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// Save stores articles and stories in one transaction: either all of it is
// committed or none. Articles whose id is already stored are left as they
// are; inserted[i] says whether arts[i] was new. Stories are replaced.
func (db *DB) Save(ctx context.Context, arts []Pending, stories []*model.Story) (inserted []bool, err error) {
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	now := time.Now().UTC().Format(time.RFC3339)
	inserted = make([]bool, len(arts))
	insArt, err := tx.PrepareContext(ctx, `INSERT INTO articles
		(id, source, url, outlet, title, byline, published, published_unix, language, text, dropped, analysis,
		 story_id, duplicate_of, copy_of, similarity, ingested_at, link_names, joined_by, join_score)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO NOTHING`)
	if err != nil {
		return nil, err
	}
	defer insArt.Close()
	insMention, err := tx.PrepareContext(ctx, `INSERT OR REPLACE INTO mentions (article_id, name, roles, mentions) VALUES (?,?,?,?)`)
	if err != nil {
		return nil, err
	}
	defer insMention.Close()
	insStatement, err := tx.PrepareContext(ctx, `INSERT OR REPLACE INTO statements (article_id, seq, speaker, role, kind, text) VALUES (?,?,?,?,?,?)`)
	if err != nil {
		return nil, err
	}
	defer insStatement.Close()
	for i, p := range arts {
		a := p.Article
		an, _ := json.Marshal(analysis{a.Sentences, a.People, a.Organizations, a.Attributions})
		var pubUnix any
		if t, ok := a.PublishedTime(); ok {
			pubUnix = t.Unix()
		}
		res, err := insArt.ExecContext(ctx, a.ID, a.Source, a.URL, a.Outlet, a.Title, jsonList(a.Byline), a.Published, pubUnix,
			a.Language, a.Text, jsonList(a.Dropped), string(an), p.StoryID, p.DuplicateOf, p.CopyOf, p.Similarity, now, p.LinkNames, p.JoinedBy, p.JoinScore)
		if err != nil {
			return nil, fmt.Errorf("saving article %s: %w", a.ID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			continue
		}
		inserted[i] = true
		for _, person := range a.People {
			if _, err := insMention.ExecContext(ctx, a.ID, person.Name, jsonList(person.Roles), person.Mentions); err != nil {
				return nil, err
			}
		}
		said := map[string]int{}
		for seq, at := range a.Attributions {
			if at.Speaker == "" || at.SpeakerKind != model.SpeakerPerson {
				continue
			}
			if _, err := insStatement.ExecContext(ctx, a.ID, seq, string(at.Speaker), at.SpeakerRole, at.Kind, at.Content.Text); err != nil {
				return nil, err
			}
			said[string(at.Speaker)]++
		}
		if err := notePeople(ctx, tx, a, p.StoryID, said); err != nil {
			return nil, fmt.Errorf("saving article %s: %w", a.ID, err)
		}
	}
	for _, s := range stories {
		if err := saveStory(ctx, tx, s, now); err != nil {
			return nil, err
		}
	}
	return inserted, tx.Commit()
}

// SaveArticle stores one article; see Save.
func (db *DB) SaveArticle(ctx context.Context, a *model.Article, m Membership) (bool, error) {
	ins, err := db.Save(ctx, []Pending{{Article: a, Membership: m}}, nil)
	if err != nil {
		return false, err
	}
	return ins[0], nil
}

// SaveStory stores (replaces) a story.
func (db *DB) SaveStory(ctx context.Context, s *model.Story) error {
	_, err := db.Save(ctx, nil, []*model.Story{s})
	return err
}

func saveStory(ctx context.Context, tx *sql.Tx, s *model.Story, now string) error {
	data, err := json.Marshal(s)
	if err != nil {
		return err
	}
	outlets := map[string]bool{}
	for _, a := range s.Articles {
		if a.Outlet != "" {
			outlets[a.Outlet] = true
		}
	}
	names := make([]string, 0, len(outlets))
	for o := range outlets {
		names = append(names, o)
	}
	sort.Strings(names)
	var firstUnix any
	if t, ok := model.ParseTime(s.FirstPublished); ok {
		firstUnix = t.Unix()
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO stories
		(id, title, first_published, first_unix, articles, outlets, outlet_names, independent_sources, data, updated_at)
		VALUES (?,?,?,?,?,?,?,?,?,?)
		ON CONFLICT(id) DO UPDATE SET title=excluded.title, first_published=excluded.first_published,
		first_unix=excluded.first_unix, articles=excluded.articles, outlets=excluded.outlets,
		outlet_names=excluded.outlet_names, independent_sources=excluded.independent_sources,
		data=excluded.data, updated_at=excluded.updated_at`,
		s.ID, s.Title, s.FirstPublished, firstUnix, len(s.Articles), len(names), jsonList(names), s.IndependentSources, string(data), now); err != nil {
		return fmt.Errorf("saving story %s: %w", s.ID, err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM story_outlets WHERE story_id = ?`, s.ID); err != nil {
		return err
	}
	for _, o := range names {
		if _, err := tx.ExecContext(ctx, `INSERT INTO story_outlets (story_id, outlet) VALUES (?, ?)`, s.ID, o); err != nil {
			return err
		}
	}
	return nil
}

// HasArticle reports whether an article id is stored.
func (db *DB) HasArticle(ctx context.Context, id string) (bool, error) {
	var n int
	err := db.sql.QueryRowContext(ctx, `SELECT count(*) FROM articles WHERE id = ?`, id).Scan(&n)
	return n > 0, err
}

// Counts returns how many articles and stories are stored.
func (db *DB) Counts(ctx context.Context) (articles, stories int, err error) {
	err = db.sql.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM stories)`).Scan(&articles, &stories)
	return
}

const articleColumns = `id, source, url, outlet, title, byline, published, language, text, dropped, analysis,
	story_id, duplicate_of, copy_of, similarity, joined_by, join_score, ingested_at`

type scanner interface{ Scan(dest ...any) error }

func scanArticle(r scanner) (*StoredArticle, error) {
	var a StoredArticle
	var byline, dropped, an string
	if err := r.Scan(&a.ID, &a.Source, &a.URL, &a.Outlet, &a.Title, &byline, &a.Published, &a.Language, &a.Text,
		&dropped, &an, &a.StoryID, &a.DuplicateOf, &a.CopyOf, &a.Similarity, &a.JoinedBy, &a.JoinScore, &a.IngestedAt); err != nil {
		return nil, err
	}
	var x analysis
	if err := errors.Join(json.Unmarshal([]byte(byline), &a.Byline), json.Unmarshal([]byte(dropped), &a.Dropped),
		json.Unmarshal([]byte(an), &x)); err != nil {
		return nil, fmt.Errorf("article %s: corrupt stored JSON: %w", a.ID, err)
	}
	a.Sentences, a.People, a.Organizations, a.Attributions = x.Sentences, x.People, x.Organizations, x.Attributions
	return &a, nil
}

// Article returns a stored article, or ErrNotFound.
func (db *DB) Article(ctx context.Context, id string) (*StoredArticle, error) {
	a, err := scanArticle(db.sql.QueryRowContext(ctx, `SELECT `+articleColumns+` FROM articles WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	return a, err
}

// StoryMembers returns a story's articles in publication order.
func (db *DB) StoryMembers(ctx context.Context, storyID string) ([]StoredArticle, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT `+articleColumns+` FROM articles WHERE story_id = ?
		ORDER BY published_unix IS NULL, published_unix, id`, storyID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []StoredArticle
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, *a)
	}
	return out, rows.Err()
}

// StorySizes returns how many articles each of the stories named holds;
// a story holding none is left out.
func (db *DB) StorySizes(ctx context.Context, storyIDs []string) (map[string]int, error) {
	ids, err := json.Marshal(storyIDs)
	if err != nil {
		return nil, err
	}
	// One JSON parameter, however many ids: no limit on bound variables.
	rows, err := db.sql.QueryContext(ctx, `SELECT story_id, COUNT(*) FROM articles
		WHERE story_id IN (SELECT value FROM json_each(?)) GROUP BY story_id`, string(ids))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := make(map[string]int, len(storyIDs))
	for rows.Next() {
		var id string
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, err
		}
		out[id] = n
	}
	return out, rows.Err()
}

// EachArticle calls fn for every stored article published at or after since
// (RFC 3339 or YYYY-MM-DD; "" for all) and every undated one, in
// publication order with the undated last. It is how the linker's state is
// rebuilt (undated articles never age out of it) and how exports stream.
func (db *DB) EachArticle(ctx context.Context, since string, fn func(*StoredArticle) error) error {
	query := `SELECT ` + articleColumns + ` FROM articles`
	var args []any
	if t, ok := model.ParseTime(since); ok {
		query += ` WHERE published_unix >= ? OR published_unix IS NULL`
		args = append(args, t.Unix())
	}
	query += ` ORDER BY published_unix IS NULL, published_unix, rowid`
	rows, err := db.sql.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return err
		}
		if err := fn(a); err != nil {
			return err
		}
	}
	return rows.Err()
}

// EachLinkNames calls fn, in publication order, for each article
// published in [from, to): its id, story, publication date as given and
// the link names it was saved with (nil when it was saved without).
// Start-up reads these instead of whole articles for the stories it only
// needs the names of.
func (db *DB) EachLinkNames(ctx context.Context, from, to time.Time, fn func(id, storyID, published string, names []byte) error) error {
	rows, err := db.sql.QueryContext(ctx, `SELECT id, story_id, published, link_names FROM articles
		WHERE published_unix >= ? AND published_unix < ? ORDER BY published_unix, rowid`, from.Unix(), to.Unix())
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id, story, published string
		var names []byte
		if err := rows.Scan(&id, &story, &published, &names); err != nil {
			return err
		}
		if err := fn(id, story, published, names); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Newest is the latest publication time stored; ok is false when no
// stored article has a date.
func (db *DB) Newest(ctx context.Context) (t time.Time, ok bool, err error) {
	var unix sql.NullInt64
	if err := db.sql.QueryRowContext(ctx, `SELECT max(published_unix) FROM articles`).Scan(&unix); err != nil {
		return time.Time{}, false, err
	}
	if !unix.Valid {
		return time.Time{}, false, nil
	}
	return time.Unix(unix.Int64, 0).UTC(), true, nil
}

// Story returns a stored story, or ErrNotFound.
func (db *DB) Story(ctx context.Context, id string) (*model.Story, error) {
	var data string
	err := db.sql.QueryRowContext(ctx, `SELECT data FROM stories WHERE id = ?`, id).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	var s model.Story
	if err := json.Unmarshal([]byte(data), &s); err != nil {
		return nil, fmt.Errorf("story %s: corrupt stored JSON: %w", id, err)
	}
	return &s, nil
}

// Stories lists stories matching f and the total number that match.
func (db *DB) Stories(ctx context.Context, f StoryFilter) ([]StorySummary, int, error) {
	var where []string
	var args []any
	if t, ok := model.ParseTime(f.From); ok {
		where = append(where, `first_unix >= ?`)
		args = append(args, t.Unix())
	}
	if t, ok := model.ParseTime(f.To); ok {
		if len(strings.TrimSpace(f.To)) == len("2006-01-02") {
			t = t.Add(24*time.Hour - time.Second) // a date bound includes its whole day
		}
		where = append(where, `first_unix <= ?`)
		args = append(args, t.Unix())
	}
	if f.Outlet != "" {
		where = append(where, `id IN (SELECT story_id FROM story_outlets WHERE outlet = ?)`)
		args = append(args, f.Outlet)
	}
	if f.Person != "" {
		where = append(where, `id IN (SELECT story_id FROM person_stories WHERE name = ?)`)
		args = append(args, f.Person)
	}
	if q := ftsQuery(f.Query); q != "" {
		where = append(where, `id IN (SELECT a.story_id FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid WHERE articles_fts MATCH ?)`)
		args = append(args, q)
	} else if strings.TrimSpace(f.Query) != "" {
		return nil, 0, nil // a query with no searchable word matches nothing
	}
	cond := ""
	if len(where) > 0 {
		cond = " WHERE " + strings.Join(where, " AND ")
	}
	var total int
	if err := db.sql.QueryRowContext(ctx, `SELECT count(*) FROM stories`+cond, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	// SQLite sorts NULL lowest, so DESC already puts undated stories last;
	// these orders match the stories_newest and stories_covered indexes.
	order := ` ORDER BY first_unix DESC, id`
	if f.Sort == "covered" {
		order = ` ORDER BY outlets DESC, articles DESC, first_unix DESC, id`
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	rows, err := db.sql.QueryContext(ctx, `SELECT id, title, first_published, articles, outlets, outlet_names, independent_sources
		FROM stories`+cond+order+` LIMIT ? OFFSET ?`, append(args, limit, max(f.Offset, 0))...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []StorySummary
	for rows.Next() {
		var s StorySummary
		var names string
		if err := rows.Scan(&s.ID, &s.Title, &s.FirstPublished, &s.Articles, &s.Outlets, &names, &s.IndependentSources); err != nil {
			return nil, 0, err
		}
		_ = json.Unmarshal([]byte(names), &s.OutletNames)
		out = append(out, s)
	}
	return out, total, rows.Err()
}

// ftsQuery turns what a person types into an FTS5 query that cannot be a
// syntax error: every word is quoted, "double-quoted phrases" stay phrases,
// and all terms must match.
func ftsQuery(q string) string {
	var parts []string
	for i, chunk := range strings.Split(q, `"`) {
		var words []string
		for _, t := range textnorm.Tokens(chunk) {
			words = append(words, `"`+strings.ReplaceAll(t.Text, `"`, ``)+`"`)
		}
		if len(words) == 0 {
			continue
		}
		if i%2 == 1 { // inside quotes: one phrase
			parts = append(parts, `"`+strings.Join(trimQuotes(words), " ")+`"`)
		} else {
			parts = append(parts, words...)
		}
	}
	return strings.Join(parts, " AND ")
}

func trimQuotes(ws []string) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = strings.Trim(w, `"`)
	}
	return out
}

// Search runs a full-text query over titles and texts, best matches first.
func (db *DB) Search(ctx context.Context, query string, limit int) ([]SearchHit, error) {
	q := ftsQuery(query)
	if q == "" {
		return nil, nil
	}
	if limit <= 0 {
		limit = 50
	}
	rows, err := db.sql.QueryContext(ctx, `SELECT a.id, a.story_id, a.title, a.outlet, a.published,
		snippet(articles_fts, 1, ?, ?, '…', 16), bm25(articles_fts, 5.0, 1.0)
		FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid
		WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts, 5.0, 1.0) LIMIT ?`, MarkStart, MarkEnd, q, limit)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", query, err)
	}
	defer rows.Close()
	var out []SearchHit
	for rows.Next() {
		var h SearchHit
		if err := rows.Scan(&h.ArticleID, &h.StoryID, &h.Title, &h.Outlet, &h.Published, &h.Snippet, &h.Rank); err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// PersonStatements returns every statement attributed to a person, newest
// story first.
func (db *DB) PersonStatements(ctx context.Context, name string) ([]Statement, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT s.speaker, s.role, s.kind, s.text, a.id, a.outlet, a.published,
		a.story_id, coalesce(st.title, '')
		FROM statements s JOIN articles a ON a.id = s.article_id LEFT JOIN stories st ON st.id = a.story_id
		WHERE s.speaker = ? ORDER BY st.first_unix DESC, a.story_id, a.published_unix, a.id, s.seq`, name)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Statement
	for rows.Next() {
		var s Statement
		if err := rows.Scan(&s.Speaker, &s.Role, &s.Kind, &s.Text, &s.ArticleID, &s.Outlet, &s.Published, &s.StoryID, &s.StoryTitle); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// People lists the people named in the most stories.
func (db *DB) People(ctx context.Context, limit int) ([]PersonSummary, error) {
	if limit <= 0 {
		limit = 200
	}
	rows, err := db.sql.QueryContext(ctx, `SELECT name, roles, stories, statements FROM people
		ORDER BY stories DESC, mentions DESC, name LIMIT ?`, limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []PersonSummary
	for rows.Next() {
		var p PersonSummary
		var roles string
		if err := rows.Scan(&p.Name, &roles, &p.Stories, &p.Statements); err != nil {
			return nil, err
		}
		_ = json.Unmarshal([]byte(roles), &p.Roles)
		out = append(out, p)
	}
	return out, rows.Err()
}

// notePeople keeps the people summary current for one newly stored
// article: mentions and roles for everyone named, a story for each person
// not yet counted in it, and statements for each quoted speaker.
func notePeople(ctx context.Context, tx *sql.Tx, a *model.Article, storyID string, statements map[string]int) error {
	type delta struct {
		mentions, statements int
		roles                []string
	}
	ds := map[string]*delta{}
	get := func(name string) *delta {
		if ds[name] == nil {
			ds[name] = &delta{}
		}
		return ds[name]
	}
	for _, p := range a.People {
		d := get(p.Name)
		d.mentions += p.Mentions
		d.roles = append(d.roles, p.Roles...)
	}
	for name, n := range statements {
		get(name).statements += n
	}
	names := make([]string, 0, len(ds))
	for n := range ds {
		names = append(names, n)
	}
	sort.Strings(names) // a fixed order keeps concurrent writers from deadlocking on rows
	for _, name := range names {
		d := ds[name]
		var old string
		err := tx.QueryRowContext(ctx, `SELECT roles FROM people WHERE name = ?`, name).Scan(&old)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		var roles []string
		_ = json.Unmarshal([]byte(old), &roles)
		for _, r := range d.roles {
			if !containsString(roles, r) {
				roles = append(roles, r)
			}
		}
		newStory := 0
		if storyID != "" {
			res, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO person_stories (name, story_id) VALUES (?, ?)`, name, storyID)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n > 0 {
				newStory = 1
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO people (name, roles, mentions, stories, statements) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT(name) DO UPDATE SET roles = excluded.roles, mentions = mentions + excluded.mentions,
			stories = stories + excluded.stories, statements = statements + excluded.statements`,
			name, jsonList(roles), d.mentions, newStory, d.statements); err != nil {
			return err
		}
	}
	return nil
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Outlets lists every outlet stored, by name.
func (db *DB) Outlets(ctx context.Context) ([]string, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT DISTINCT outlet FROM story_outlets ORDER BY outlet`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var o string
		if err := rows.Scan(&o); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

func jsonList(v []string) string {
	if len(v) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(v)
	return string(b)
}
