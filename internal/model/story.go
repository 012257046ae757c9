package model

// Story is what link makes of the coverage of one event.
type Story struct {
	ID             string         `json:"id"`
	Title          string         `json:"title"`
	FirstPublished string         `json:"first_published"`
	Articles       []StoryArticle `json:"articles"`
	// Origins are the reports the coverage traces back to.
	Origins []Origin `json:"origins"`
	// IndependentSources counts distinct origins after collapsing copies and
	// articles that only relay an origin (definition in the README).
	IndependentSources int                 `json:"independent_sources"`
	QuoteGroups        []QuoteGroup        `json:"quote_groups"`
	Claims             []Claim             `json:"claims"`
	Unique             map[string][]string `json:"unique"`
	Discrepancies      []Discrepancy       `json:"discrepancies"`
}

// StoryArticle is an article's place in a story.
type StoryArticle struct {
	ID        string   `json:"id"`
	Outlet    string   `json:"outlet"`
	Title     string   `json:"title"`
	Published string   `json:"published"`
	Byline    []string `json:"byline,omitempty"`
	// DelaySeconds is the time after the story's first publication; -1 when
	// the article has no date.
	DelaySeconds int64 `json:"delay_seconds"`
	// CopyOf names the article whose text this one reposts, with the
	// similarity of the two texts.
	CopyOf     string  `json:"copy_of,omitempty"`
	Similarity float64 `json:"similarity,omitempty"`
	// JoinedBy is the linker's rule that placed the article in the story
	// (link.Via: duplicate, copy, incident-name, score, incident-day,
	// named-person, new), so a reader can see why it is here; empty when
	// it was stored before linking kept it. JoinScore is the join score
	// when JoinedBy is score.
	JoinedBy  string  `json:"joined_by,omitempty"`
	JoinScore float64 `json:"join_score,omitempty"`
}

// Origin is a report that coverage cites.
type Origin struct {
	Source  string   `json:"source"`
	CitedBy []string `json:"cited_by"`
}

// QuoteGroup is one statement as each outlet renders it.
type QuoteGroup struct {
	Speaker   string    `json:"speaker"`
	Variants  []Variant `json:"variants"`
	Identical bool      `json:"identical"`
}

// Variant is one article's wording of a statement.
type Variant struct {
	Article string `json:"article"`
	Outlet  string `json:"outlet,omitempty"`
	Text    string `json:"text"`
	Speaker string `json:"speaker,omitempty"`
	Kind    string `json:"kind,omitempty"`
}

// Claim is a sentence-level statement and the articles that carry it.
type Claim struct {
	Text     string   `json:"text"`
	Articles []string `json:"articles"`
}

// Discrepancy kinds.
const (
	DiscrepancySpeaker = "speaker_mismatch" // same quote, different speakers
	DiscrepancySplit   = "speaker_split"    // one article gives a statement to two people, another to one
	DiscrepancyRole    = "role_conflict"    // a person's role contradicts itself
	DiscrepancyWording = "wording_changed"  // a quote's wording differs materially
)

// Discrepancy is something the outlets disagree on.
type Discrepancy struct {
	Kind     string   `json:"kind"`
	Detail   string   `json:"detail"`
	Articles []string `json:"articles"`
}
