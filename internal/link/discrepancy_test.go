package link

import (
	"reflect"
	"strings"
	"testing"

	"github.com/crosswire-news/crosswire/internal/model"
)

func TestDiscrepSpeakerMismatch(t *testing.T) {
	q := "The pumps should have been serviced last spring"
	mk := func(id, outlet, pub, speaker string) *model.Article {
		return storyTArt(t, id, outlet, pub, `"`+q+`," said `+speaker+`, who spoke at the quay.`,
			storyTAtt{kind: "direct", content: q, cue: "said", source: speaker, speaker: speaker})
	}
	st := BuildStory("s", storyMembers(
		mk("a", "Quay Times", "2026-02-01T08:00:00Z", "Rosa Tamm"),
		mk("b", "Fjord Daily", "2026-02-01T09:00:00Z", "Rosa Tamm"),
		mk("c", "North Wire", "2026-02-01T10:00:00Z", "Otto Berg"),
	))
	g := storyGroupOf(st, q)
	if g == nil || len(g.Variants) != 3 || g.Speaker != "Rosa Tamm" || !g.Identical {
		t.Fatalf("group %+v", g)
	}
	ds := storyDiscrepancies(st, model.DiscrepancySpeaker)
	if len(ds) != 1 {
		t.Fatalf("discrepancies %+v", st.Discrepancies)
	}
	want := `'The pumps should have been serviced last spring' is Rosa Tamm's in Quay Times, Fjord Daily but Otto Berg's in North Wire`
	if ds[0].Detail != want || !reflect.DeepEqual(ds[0].Articles, []string{"a", "b", "c"}) {
		t.Fatalf("got %q %v\nwant %q", ds[0].Detail, ds[0].Articles, want)
	}
	if len(storyDiscrepancies(st, model.DiscrepancySplit)) != 0 {
		t.Fatalf("not a split: %+v", st.Discrepancies)
	}
}

func TestDiscrepSplit(t *testing.T) {
	q := "Nobody will lose their job over the merger"
	a := storyTArt(t, "a", "Mill Gazette", "2026-02-01T08:00:00Z",
		`"`+q+`," said chief executive Ivo Sand and union leader Mara Holm in a joint statement.`,
		storyTAtt{kind: "direct", content: q, cue: "said", source: "Ivo Sand", speaker: "Ivo Sand"},
		storyTAtt{kind: "direct", content: q, cue: "said", source: "Mara Holm", speaker: "Mara Holm"})
	b := storyTArt(t, "b", "Town Post", "2026-02-01T09:00:00Z",
		`"`+q+`," chief executive Ivo Sand said.`,
		storyTAtt{kind: "direct", content: q, cue: "said", source: "Ivo Sand", speaker: "Ivo Sand"})
	// A third outlet names both in one speaker string.
	c := storyTArt(t, "c", "Vale News", "2026-02-01T10:00:00Z",
		`"`+q+`," Ivo Sand and Mara Holm said.`,
		storyTAtt{kind: "direct", content: q, cue: "said", source: "Ivo Sand and Mara Holm", speaker: "Ivo Sand and Mara Holm"})
	st := BuildStory("s", storyMembers(a, b, c))
	if g := storyGroupOf(st, q); g == nil || len(g.Variants) != 4 {
		t.Fatalf("group %+v", g)
	}
	ds := storyDiscrepancies(st, model.DiscrepancySplit)
	if len(ds) != 1 {
		t.Fatalf("discrepancies %+v", st.Discrepancies)
	}
	if !reflect.DeepEqual(ds[0].Articles, []string{"a", "b", "c"}) ||
		!strings.Contains(ds[0].Detail, "is given to Ivo Sand and Mara Holm in Mill Gazette but only to Ivo Sand in Town Post") {
		t.Fatalf("split %+v", ds[0])
	}
	if len(storyDiscrepancies(st, model.DiscrepancySpeaker)) != 0 {
		t.Fatalf("a split is not a mismatch: %+v", st.Discrepancies)
	}
}

func TestDiscrepRoleConflict(t *testing.T) {
	a := storyTArt(t, "a", "Ridge Courier", "2026-02-01T08:00:00Z", "Governor Elsa Moor opened the dam.")
	a.People = []model.Person{{Name: "Elsa Moor", Roles: []string{"Governor"}, Mentions: 1}}
	b := storyTArt(t, "b", "Lake Post", "2026-02-01T09:00:00Z", "Former Governor Elsa Moor, who built the dam, said it was safe.",
		storyTAtt{kind: "indirect", content: "it was safe", cue: "said", source: "Former Governor Elsa Moor", speaker: "Elsa Moor", role: "Former Governor"})
	b.People = []model.Person{{Name: "Elsa Moor", Roles: []string{"Former Governor"}, Mentions: 1}}
	// Same person, a different title and a "former" of another: no conflict.
	c := storyTArt(t, "c", "Hill Daily", "2026-02-01T10:00:00Z", "Moor, an engineer and ex-mayor, spoke.")
	c.People = []model.Person{{Name: "Moor", Roles: []string{"engineer", "ex-mayor"}, Mentions: 1}}
	st := BuildStory("s", storyMembers(a, b, c))
	ds := storyDiscrepancies(st, model.DiscrepancyRole)
	if len(ds) != 1 {
		t.Fatalf("discrepancies %+v", st.Discrepancies)
	}
	want := `Elsa Moor is 'Governor' in Ridge Courier but 'Former Governor' in Lake Post`
	if ds[0].Detail != want || !reflect.DeepEqual(ds[0].Articles, []string{"a", "b"}) {
		t.Fatalf("got %+v\nwant %q", ds[0], want)
	}
}

func TestDiscrepRoleConflictInOneArticle(t *testing.T) {
	a := storyTArt(t, "a", "Ridge Courier", "2026-02-01T08:00:00Z", "Senator Jon Reyes spoke. Former senator Jon Reyes left.")
	a.People = []model.Person{{Name: "Jon Reyes", Roles: []string{"Senator", "former senator"}, Mentions: 2}}
	st := BuildStory("s", storyMembers(a))
	if ds := storyDiscrepancies(st, model.DiscrepancyRole); len(ds) != 1 || !reflect.DeepEqual(ds[0].Articles, []string{"a"}) {
		t.Fatalf("%+v", st.Discrepancies)
	}
}

func TestDiscrepWordingChanged(t *testing.T) {
	sts := storyTranslations(t)
	st := BuildStory("s", storyMembers(sts...))
	ds := storyDiscrepancies(st, model.DiscrepancyWording)
	if len(ds) != 1 {
		t.Fatalf("discrepancies %+v", st.Discrepancies)
	}
	// Direct quotes only: the partial (two) takes no part; one and four
	// differ only in punctuation and agree.
	if !reflect.DeepEqual(ds[0].Articles, []string{"one", "three", "four"}) {
		t.Fatalf("articles %v", ds[0].Articles)
	}
	want := `Lia Marsh's quote reads 'We will not bow to pressure, we will negotiate' in Bay Herald, Eel Gazette; 'We are not going to give in to pressure. We are going to negotiate' in Dune Post`
	if ds[0].Detail != want {
		t.Fatalf("got  %q\nwant %q", ds[0].Detail, want)
	}
	if len(storyDiscrepancies(st, model.DiscrepancySpeaker)) != 0 {
		t.Fatalf("an unresolved 'she' is no mismatch: %+v", st.Discrepancies)
	}
}

func TestDiscrepShortenedQuoteIsNoWordingChange(t *testing.T) {
	a := storyTArt(t, "a", "A", "2026-01-01T00:00:00Z", `"The road is closed until Monday, and maybe longer," Ida Falk said.`,
		storyTAtt{kind: "direct", content: "The road is closed until Monday, and maybe longer", cue: "said", speaker: "Ida Falk"})
	b := storyTArt(t, "b", "B", "2026-01-01T01:00:00Z", `"The road is closed until Monday," Ida Falk said.`,
		storyTAtt{kind: "direct", content: "The road is closed until Monday", cue: "said", speaker: "Ida Falk"})
	st := BuildStory("s", storyMembers(a, b))
	if len(st.QuoteGroups) != 1 {
		t.Fatalf("groups %+v", st.QuoteGroups)
	}
	if len(st.Discrepancies) != 0 {
		t.Fatalf("%+v", st.Discrepancies)
	}
}
