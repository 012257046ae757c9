package store

import "github.com/crosswire-news/crosswire/internal/model"

// Membership is what linking decided for a stored article.
type Membership struct {
	StoryID     string  `json:"story_id"`
	DuplicateOf string  `json:"duplicate_of,omitempty"` // same text already stored (syndicated copy)
	CopyOf      string  `json:"copy_of,omitempty"`      // reposts this article's text
	Similarity  float64 `json:"similarity,omitempty"`   // with CopyOf / DuplicateOf
	// JoinedBy is the rule that placed the article (link.Via), JoinScore
	// its join score when that rule is "score"; empty and 0 for articles
	// stored before they were kept.
	JoinedBy  string  `json:"joined_by,omitempty"`
	JoinScore float64 `json:"join_score,omitempty"`
}

// Fold is a story folded into another after the fact: the linker found,
// when it closed, that its articles belong to Into.
type Fold struct {
	From, Into string
	// Moved says how the articles the linker moved stand in Into. An
	// article of From missing here keeps what it was stored with.
	Moved []Moved
}

// Moved is how a folded article stands in the story it was moved into.
type Moved struct {
	ID string
	// JoinedBy and JoinScore replace the placement stored under From
	// (link.ViaFolded and the article's score against Into).
	JoinedBy  string
	JoinScore float64
	// LinkNames are its incident names under Into, in the form
	// link.Linker.NameState gives (articles.link_names); nil stores NULL,
	// which has start-up read the article again.
	LinkNames []byte
}

// StoredArticle is an article as the store keeps it.
type StoredArticle struct {
	model.Article
	Membership
	IngestedAt string `json:"ingested_at"`
}

// StoryFilter selects stories for the list page and the API.
type StoryFilter struct {
	From, To string // YYYY-MM-DD bounds on first publication, inclusive; "" = open
	Outlet   string // stories with an article from this outlet
	Person   string // stories in which this person is named
	Query    string // full-text query over the stories' articles
	Sort     string // "covered" (most outlets first) or "newest" (default)
	Limit    int    // default 50
	Offset   int
}

// StorySummary is a row of the story list.
type StorySummary struct {
	ID                 string   `json:"id"`
	Title              string   `json:"title"`
	FirstPublished     string   `json:"first_published"`
	Articles           int      `json:"articles"`
	Outlets            int      `json:"outlets"`
	OutletNames        []string `json:"outlet_names"`
	IndependentSources int      `json:"independent_sources"`
}

// Snippet markers: search snippets come back with matches between MarkStart
// and MarkEnd so that the web layer can escape the text first and then turn
// the markers into <mark> elements.
const (
	MarkStart = "\x02"
	MarkEnd   = "\x03"
)

// SearchHit is one article matching a full-text query.
type SearchHit struct {
	ArticleID string  `json:"article_id"`
	StoryID   string  `json:"story_id"`
	Title     string  `json:"title"`
	Outlet    string  `json:"outlet"`
	Published string  `json:"published"`
	Snippet   string  `json:"snippet"` // with MarkStart/MarkEnd around matches
	Rank      float64 `json:"rank"`
}

// Statement is one attribution to a person, for the person page.
type Statement struct {
	Speaker    string `json:"speaker"`
	Role       string `json:"role"`
	Kind       string `json:"kind"`
	Text       string `json:"text"`
	ArticleID  string `json:"article_id"`
	Outlet     string `json:"outlet"`
	Published  string `json:"published"`
	StoryID    string `json:"story_id"`
	StoryTitle string `json:"story_title"`
}

// PersonSummary is a person named in the store, for filters and links.
type PersonSummary struct {
	Name       string   `json:"name"`
	Roles      []string `json:"roles"`
	Statements int      `json:"statements"`
	Stories    int      `json:"stories"`
}
