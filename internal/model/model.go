// Package model holds the data contracts shared by every pipeline stage:
// the Article (extract fills the document fields, analyze the rest) and the
// Story that link builds. Field names follow ../shared/DESIGN.md and are
// stable: add fields, never rename them.
package model

import (
	"encoding/json"
	"sort"
	"strings"
	"time"
)

// Span is a piece of an article's Text. Start and End are byte offsets.
type Span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// Attribution kinds.
const (
	KindDirect   = "direct"   // the content is a full quotation
	KindPartial  = "partial"  // a quoted fragment inside reported speech
	KindIndirect = "indirect" // paraphrase: "X said that ..."
	KindReported = "reported" // "according to X", "X reported", "citing X"
)

// Speaker kinds.
const (
	SpeakerPerson       = "person"
	SpeakerOrganization = "organization"
	SpeakerPublication  = "publication"
	SpeakerOfficials    = "officials"
	SpeakerAnonymous    = "anonymous"
	SpeakerDocument     = "document"
	SpeakerUnknown      = "unknown"
)

// Attribution is one relation: source -> cue -> content.
type Attribution struct {
	Kind    string `json:"kind"`
	Content Span   `json:"content"`
	// ContentParts lists the pieces of a discontinuous content (a split
	// quote); empty when Content is one piece.
	ContentParts []Span `json:"content_parts,omitempty"`
	Cue          Span   `json:"cue"`
	Source       *Span  `json:"source"`
	// Speaker is the canonical name after resolving pronouns and short
	// names; empty is written as JSON null.
	Speaker     NullString `json:"speaker"`
	SpeakerRole string     `json:"speaker_role"`
	SpeakerKind string     `json:"speaker_kind"`
}

// Person is a person named in an article, once, with every role seen.
type Person struct {
	Name     string   `json:"name"`
	Roles    []string `json:"roles"`
	Mentions int      `json:"mentions"`
}

// Organization is an organisation named in an article.
type Organization struct {
	Name     string `json:"name"`
	Mentions int    `json:"mentions"`
}

// Article is one piece of coverage. Extract fills the document fields;
// analyze fills Sentences, People, Organizations and Attributions.
type Article struct {
	ID        string   `json:"id"`
	Source    string   `json:"source"` // where it was read from: file path, URL, WARC record
	URL       string   `json:"url"`
	Outlet    string   `json:"outlet"`
	Title     string   `json:"title"`
	Byline    []string `json:"byline"`
	Published string   `json:"published"` // RFC 3339 or YYYY-MM-DD, "" when unknown
	Language  string   `json:"language"`
	Text      string   `json:"text"`
	Dropped   []string `json:"dropped"`

	Sentences     []Span         `json:"sentences,omitempty"`
	People        []Person       `json:"people"`
	Organizations []Organization `json:"organizations"`
	Attributions  []Attribution  `json:"attributions"`
}

// PublishedTime parses Published; ok is false when it is empty or unparseable.
func (a *Article) PublishedTime() (t time.Time, ok bool) {
	return ParseTime(a.Published)
}

// OrderTime is the time used to put articles in publication order. A
// date without a time of day counts as the end of that day: the article
// appeared some time that day, so it must not sort ahead of (and claim to
// precede) same-day articles whose time is known.
func (a *Article) OrderTime() (time.Time, bool) {
	t, ok := ParseTime(a.Published)
	if ok && len(strings.TrimSpace(a.Published)) == len("2006-01-02") {
		t = t.Add(24*time.Hour - time.Second)
	}
	return t, ok
}

// SortByOrderTime puts articles in publication order (OrderTime), undated
// ones last, keeping input order among equals so that runs are
// deterministic. Linking consumes articles in this order.
func SortByOrderTime(arts []*Article) {
	type key struct {
		t  time.Time
		ok bool
	}
	keys := make(map[*Article]key, len(arts))
	for _, a := range arts {
		t, ok := a.OrderTime()
		keys[a] = key{t, ok}
	}
	sort.SliceStable(arts, func(i, j int) bool {
		ki, kj := keys[arts[i]], keys[arts[j]]
		if ki.ok != kj.ok {
			return ki.ok
		}
		return ki.t.Before(kj.t)
	})
}

// ParseTime reads the timestamp forms the contract allows (RFC 3339 or
// YYYY-MM-DD) plus a few common near-misses.
func ParseTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	for _, layout := range []string{time.RFC3339Nano, time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02", time.RFC1123Z, time.RFC1123} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// NullString is a string that is written as JSON null when empty.
type NullString string

// MarshalJSON implements json.Marshaler.
func (s NullString) MarshalJSON() ([]byte, error) {
	if s == "" {
		return []byte("null"), nil
	}
	return json.Marshal(string(s))
}

// UnmarshalJSON implements json.Unmarshaler.
func (s *NullString) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*s = ""
		return nil
	}
	var v string
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*s = NullString(v)
	return nil
}
