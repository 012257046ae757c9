package link

import (
	"strings"
	"testing"

	"github.com/crosswire-news/crosswire/internal/model"
)

// Three invented outlets render one statement of an invented minister:
// a full quote, a partial quote in the third person, a translation that
// shares only the key words, and one through "she".
func storyTranslations(t *testing.T) []*model.Article {
	a := storyTArt(t, "one", "Bay Herald", "2026-05-02T09:00:00Z",
		`Fisheries Minister Lia Marsh said the ministry would not raise the quota. "We will not bow to pressure, we will negotiate," Marsh said on Tuesday. The fleet stayed in port.`,
		storyTAtt{kind: "indirect", content: "the ministry would not raise the quota", cue: "said", source: "Fisheries Minister Lia Marsh", speaker: "Lia Marsh"},
		storyTAtt{kind: "direct", content: "We will not bow to pressure, we will negotiate", cue: "said", source: "Marsh", speaker: "Lia Marsh"})
	b := storyTArt(t, "two", "Cape Courier", "2026-05-02T10:00:00Z",
		`The government "negotiates but does not bow to pressure," Minister Lia Marsh told reporters in the capital.`,
		storyTAtt{kind: "partial", content: "negotiates but does not bow to pressure", cue: "told", source: "Minister Lia Marsh", speaker: "Lia Marsh"})
	c := storyTArt(t, "three", "Dune Post", "2026-05-02T11:00:00Z",
		`"We are not going to give in to pressure. We are going to negotiate," Lia Marsh told lawmakers. Fishermen blocked the harbour for a third day.`,
		storyTAtt{kind: "direct", content: "We are not going to give in to pressure. We are going to negotiate", cue: "told", source: "Lia Marsh", speaker: "Lia Marsh"})
	d := storyTArt(t, "four", "Eel Gazette", "2026-05-02T12:00:00Z",
		`The minister spoke after a cabinet meeting. "We will not bow to pressure. We will negotiate," she said.`,
		storyTAtt{kind: "direct", content: "We will not bow to pressure. We will negotiate", cue: "said", source: "she"})
	return []*model.Article{a, b, c, d}
}

func TestAlignGroupsTranslationsOfOneStatement(t *testing.T) {
	st := BuildStory("s", storyMembers(storyTranslations(t)...))
	g := storyGroupOf(st, "We will not bow to pressure, we will negotiate")
	if g == nil {
		t.Fatal("no group for the statement")
	}
	got := map[string]string{}
	for _, v := range g.Variants {
		got[v.Article] = v.Text
	}
	want := map[string]string{
		"one":   "We will not bow to pressure, we will negotiate",
		"two":   "negotiates but does not bow to pressure",
		"three": "We are not going to give in to pressure. We are going to negotiate",
		"four":  "We will not bow to pressure. We will negotiate",
	}
	if len(got) != len(want) || len(g.Variants) != 4 {
		t.Fatalf("variants %+v", g.Variants)
	}
	for k, v := range want {
		if got[k] != v {
			t.Fatalf("variant of %s = %q, want %q (group %+v)", k, got[k], v, g.Variants)
		}
	}
	if g.Speaker != "Lia Marsh" || g.Identical {
		t.Fatalf("speaker %q identical %v", g.Speaker, g.Identical)
	}
	if &st.QuoteGroups[0] != g {
		t.Fatalf("the widest group should come first: %+v", st.QuoteGroups[0])
	}
	// The other statement of the minister stays apart, as a singleton.
	other := storyGroupOf(st, "the ministry would not raise the quota")
	if other == nil || other == g || len(other.Variants) != 1 {
		t.Fatalf("quota statement: %+v", other)
	}
}

func TestAlignKeepsDifferentStatementsApart(t *testing.T) {
	a := storyTArt(t, "a", "A", "2026-01-01T00:00:00Z", `"The bridge will reopen in June," Mayor Ito Kane said. "We will not raise taxes to pay for it," Kane said.`,
		storyTAtt{kind: "direct", content: "The bridge will reopen in June", cue: "said", speaker: "Ito Kane"},
		storyTAtt{kind: "direct", content: "We will not raise taxes to pay for it", cue: "said", speaker: "Ito Kane"})
	b := storyTArt(t, "b", "B", "2026-01-01T01:00:00Z", `Mayor Ito Kane said the bridge would reopen in June.`,
		storyTAtt{kind: "indirect", content: "the bridge would reopen in June", cue: "said", speaker: "Ito Kane"})
	st := BuildStory("s", storyMembers(a, b))
	g := storyGroupOf(st, "The bridge will reopen in June")
	if g == nil || len(g.Variants) != 2 || g.Variants[1].Text != "the bridge would reopen in June" {
		t.Fatalf("bridge group %+v", g)
	}
	if tg := storyGroupOf(st, "We will not raise taxes to pay for it"); tg == nil || len(tg.Variants) != 1 {
		t.Fatalf("tax group %+v", tg)
	}
	if len(st.QuoteGroups) != 2 {
		t.Fatalf("groups %+v", st.QuoteGroups)
	}
}

func TestAlignIdenticalAcrossPunctuation(t *testing.T) {
	a := storyTArt(t, "a", "A", "2026-01-01T00:00:00Z", `“We won’t close the school—ever,” Ada Lind said.`,
		storyTAtt{kind: "direct", content: "We won’t close the school—ever", cue: "said", speaker: "Ada Lind"})
	b := storyTArt(t, "b", "B", "2026-01-01T01:00:00Z", `"We Will NOT close the school -- ever" Ada Lind said.`,
		storyTAtt{kind: "direct", content: "We Will NOT close the school -- ever", cue: "said", speaker: "Ada Lind"})
	st := BuildStory("s", storyMembers(a, b))
	if len(st.QuoteGroups) != 1 || !st.QuoteGroups[0].Identical {
		t.Fatalf("%+v", st.QuoteGroups)
	}
	if len(storyDiscrepancies(st, model.DiscrepancyWording)) != 0 {
		t.Fatalf("punctuation, dashes, case and contractions are not a wording change: %+v", st.Discrepancies)
	}
}

func TestAlignSplitQuotePieces(t *testing.T) {
	// "A," said X. "B." is one relation with two statements: an outlet that
	// quotes only A lines up with A.
	textA := `"The pumps should have been serviced last spring," said Rosa Tamm. "Nobody wanted to pay for the work."`
	a := storyTArt(t, "a", "A", "2026-01-01T00:00:00Z", textA)
	p1, p2 := storySpan(textA, `"The pumps should have been serviced last spring,"`), storySpan(textA, `"Nobody wanted to pay for the work."`)
	a.Attributions = []model.Attribution{{Kind: "direct", Speaker: "Rosa Tamm", SpeakerKind: "person",
		Content: p1, ContentParts: []model.Span{p1, p2}}}
	b := storyTArt(t, "b", "B", "2026-01-01T01:00:00Z", `"The pumps should have been serviced last spring," Rosa Tamm said.`,
		storyTAtt{kind: "direct", content: "The pumps should have been serviced last spring", cue: "said", speaker: "Rosa Tamm"})
	st := BuildStory("s", storyMembers(a, b))
	g := storyGroupOf(st, "The pumps should have been serviced last spring")
	if g == nil || len(g.Variants) != 2 || !g.Identical {
		t.Fatalf("groups %+v", st.QuoteGroups)
	}
	if g2 := storyGroupOf(st, "Nobody wanted to pay for the work."); g2 == nil || len(g2.Variants) != 1 {
		t.Fatalf("groups %+v", st.QuoteGroups)
	}
	// Pieces of one sentence stay one statement.
	textC := `"The pumps," said Rosa Tamm, "leak."`
	c := storyTArt(t, "c", "C", "2026-01-01T00:00:00Z", textC)
	c1, c2 := storySpan(textC, `"The pumps,"`), storySpan(textC, `"leak."`)
	c.Attributions = []model.Attribution{{Kind: "direct", Speaker: "Rosa Tamm", SpeakerKind: "person",
		Content: c1, ContentParts: []model.Span{c1, c2}}}
	st = BuildStory("s", storyMembers(c))
	if len(st.QuoteGroups) != 1 || st.QuoteGroups[0].Variants[0].Text != "The pumps … leak." {
		t.Fatalf("groups %+v", st.QuoteGroups)
	}
}

func storySpan(text, s string) model.Span {
	k := strings.Index(text, s)
	return model.Span{Start: k, End: k + len(s), Text: s}
}
