package web

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/crosswire-news/crosswire/internal/model"
	"github.com/crosswire-news/crosswire/internal/store"
)

// segment is a run of article text with the attribution roles covering it.
// The template prints Text escaped; Class only ever holds our own names.
type segment struct {
	Text  string
	Class string
	Title string
}

type articleView struct {
	A            *store.StoredArticle
	Segments     []segment
	Attributions []attrRow
	Counts       map[string]int
}

type attrRow struct {
	model.Attribution
	Index int
}

// span roles, in the order their classes are written.
const (
	roleContent = iota
	roleCue
	roleSource
)

var roleClass = [...]string{"a-content", "a-cue", "a-source"}

type roleSpan struct {
	start, end int
	role       int
	title      string
}

// buildSegments cuts text at every span boundary so overlapping and nested
// spans (a source inside a partial quote's sentence, two attributions
// sharing a cue) each get every role that covers them. Offsets outside the
// text or inside a UTF-8 sequence are clamped rather than trusted.
func buildSegments(text string, attrs []model.Attribution) []segment {
	var spans []roleSpan
	add := func(sp model.Span, role int, title string) {
		s, e := clampSpan(text, sp.Start, sp.End)
		if s < e {
			if role == roleCue {
				title = "cue: " + text[s:e]
			}
			spans = append(spans, roleSpan{s, e, role, title})
		}
	}
	for _, a := range attrs {
		who := string(a.Speaker)
		if who == "" && a.Source != nil {
			who = a.Source.Text
		}
		if who == "" {
			who = "unknown speaker"
		}
		what := kindName(a.Kind) + " — " + who
		if len(a.ContentParts) > 0 {
			for _, p := range a.ContentParts {
				add(p, roleContent, what)
			}
		} else {
			add(a.Content, roleContent, what)
		}
		add(a.Cue, roleCue, "")
		if a.Source != nil {
			add(*a.Source, roleSource, "source: "+who)
		}
	}
	if len(spans) == 0 {
		return []segment{{Text: text}}
	}
	cuts := []int{0, len(text)}
	for _, sp := range spans {
		cuts = append(cuts, sp.start, sp.end)
	}
	sort.Ints(cuts)
	// Spans sorted by start let each piece look only at spans that can
	// cover it.
	sort.Slice(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	var segs []segment
	for i := 0; i+1 < len(cuts); i++ {
		a, b := cuts[i], cuts[i+1]
		if a == b {
			continue
		}
		var has [3]bool
		var titles []string
		for _, sp := range spans {
			if sp.start > a {
				break
			}
			if sp.end >= b {
				if !has[sp.role] || sp.role == roleContent {
					titles = appendUnique(titles, sp.title)
				}
				has[sp.role] = true
			}
		}
		var cls []string
		for r, ok := range has {
			if ok {
				cls = append(cls, roleClass[r])
			}
		}
		seg := segment{Text: text[a:b], Class: strings.Join(cls, " "), Title: strings.Join(titles, "; ")}
		// Merge with the previous piece when nothing changes between them.
		if n := len(segs); n > 0 && segs[n-1].Class == seg.Class && segs[n-1].Title == seg.Title {
			segs[n-1].Text += seg.Text
			continue
		}
		segs = append(segs, seg)
	}
	return segs
}

func appendUnique(l []string, s string) []string {
	for _, x := range l {
		if x == s {
			return l
		}
	}
	return append(l, s)
}

// clampSpan keeps [s, e) inside text and on rune boundaries.
func clampSpan(text string, s, e int) (int, int) {
	if s < 0 {
		s = 0
	}
	if e > len(text) {
		e = len(text)
	}
	if s >= e {
		return 0, 0
	}
	for s < e && !utf8.RuneStart(text[s]) {
		s++
	}
	for e < len(text) && !utf8.RuneStart(text[e]) {
		e++
	}
	return s, e
}

func buildArticleView(a *store.StoredArticle) *articleView {
	v := &articleView{A: a, Segments: buildSegments(a.Text, a.Attributions), Counts: map[string]int{}}
	for i, at := range a.Attributions {
		v.Attributions = append(v.Attributions, attrRow{Attribution: at, Index: i + 1})
		v.Counts[at.Kind]++
	}
	return v
}

// personGroup is one story's statements by a person, clustered by the
// story's quote groups so that the variants of one statement sit together.
type personGroup struct {
	StoryID    string
	StoryTitle string
	Statements []statementGroup
}

type statementGroup struct {
	Variants []statementVariant
}

type statementVariant struct {
	store.Statement
	Diff    []diffPiece
	Changed bool
}

// groupStatements orders a person's statements by story, and inside a
// story by the quote group they belong to (when the story is known).
func groupStatements(sts []store.Statement, stories map[string]*model.Story) []personGroup {
	var groups []personGroup
	idx := map[string]int{}
	for _, st := range sts {
		i, ok := idx[st.StoryID]
		if !ok {
			i = len(groups)
			idx[st.StoryID] = i
			groups = append(groups, personGroup{StoryID: st.StoryID, StoryTitle: st.StoryTitle})
		}
		_ = i
	}
	for gi := range groups {
		g := &groups[gi]
		qgOf := map[[2]string]int{} // (article, text) -> quote group
		if s := stories[g.StoryID]; s != nil {
			for qi, q := range s.QuoteGroups {
				for _, v := range q.Variants {
					qgOf[[2]string{v.Article, norm(v.Text)}] = qi
				}
			}
		}
		byGroup := map[int]int{}
		for _, st := range sts {
			if st.StoryID != g.StoryID {
				continue
			}
			qi, ok := qgOf[[2]string{st.ArticleID, norm(st.Text)}]
			if !ok {
				g.Statements = append(g.Statements, statementGroup{Variants: []statementVariant{{Statement: st}}})
				continue
			}
			si, seen := byGroup[qi]
			if !seen {
				byGroup[qi] = len(g.Statements)
				g.Statements = append(g.Statements, statementGroup{Variants: []statementVariant{{Statement: st}}})
				continue
			}
			first := g.Statements[si].Variants[0].Text
			sv := statementVariant{Statement: st, Diff: wordDiff(first, st.Text)}
			for _, p := range sv.Diff {
				if p.Op != "=" {
					sv.Changed = true
				}
			}
			g.Statements[si].Variants = append(g.Statements[si].Variants, sv)
		}
	}
	return groups
}

func norm(s string) string {
	return strings.Join(strings.Fields(strings.Trim(s, " \"'“”‘’,.;:!?…")), " ")
}
