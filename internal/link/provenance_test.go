package link

import (
	"reflect"
	"testing"

	"github.com/crosswire-news/crosswire/internal/model"
)

func storyOrigins(st model.Story) map[string][]string {
	m := map[string][]string{}
	for _, o := range st.Origins {
		m[o.Source] = o.CitedBy
	}
	return m
}

// Five wordings of one invented agency, and the well-known aliases.
func TestProvOriginAliases(t *testing.T) {
	arts := []*model.Article{
		storyTArt(t, "a", "Reef Ledger", "2026-04-01T08:00:00Z",
			"The port closed, according to a Gullwing News Agency report.",
			storyTAtt{kind: "reported", content: "The port closed", cue: "according to", source: "a Gullwing News Agency report", speakerKind: model.SpeakerPublication}),
		storyTArt(t, "b", "Shoal Post", "2026-04-01T09:00:00Z",
			"The port closed on Friday, Gullwing News Agency reported.",
			storyTAtt{kind: "reported", content: "The port closed on Friday", cue: "reported", source: "Gullwing News Agency", speaker: "Gullwing News Agency", speakerKind: model.SpeakerPublication}),
		storyTArt(t, "c", "Tide Gazette", "2026-04-01T10:00:00Z",
			"The port closed, a Gullwing report said.",
			storyTAtt{kind: "indirect", content: "The port closed", cue: "said", source: "a Gullwing report", speakerKind: model.SpeakerOrganization}),
		storyTArt(t, "d", "Kelp Daily", "2026-04-01T11:00:00Z",
			"Three port officials told Gullwing that the valves leaked. The AP and Thomson Reuters also carried the story, citing the Associated Press.",
			storyTAtt{kind: "indirect", content: "the valves leaked", cue: "told", source: "Three port officials", speakerKind: model.SpeakerOfficials},
			storyTAtt{kind: "reported", content: "also carried the story", cue: "citing", source: "the Associated Press", speakerKind: model.SpeakerPublication}),
		storyTArt(t, "e", "Sand Times", "2026-04-01T12:00:00Z",
			"The closure was first reported by Reuters. A port spokesman told AP the port would reopen. Mayor Ines Roe told lawmakers it was safe.",
			storyTAtt{kind: "reported", content: "The closure was first", cue: "reported by", source: "Reuters", speaker: "Reuters", speakerKind: model.SpeakerPublication},
			storyTAtt{kind: "indirect", content: "the port would reopen", cue: "told", source: "A port spokesman", speakerKind: model.SpeakerAnonymous},
			storyTAtt{kind: "indirect", content: "it was safe", cue: "told", source: "Mayor Ines Roe", speaker: "Ines Roe"}),
	}
	st := BuildStory("s", storyMembers(arts...))
	got := storyOrigins(st)
	want := map[string][]string{
		"Gullwing News Agency": {"a", "b", "c", "d"},
		"Associated Press":     {"d", "e"},
		"Reuters":              {"e"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("origins %v, want %v", got, want)
	}
	if st.Origins[0].Source != "Gullwing News Agency" {
		t.Fatalf("most cited first: %+v", st.Origins)
	}
	// Citations are provenance, not quotes; "told" statements are quotes.
	for _, g := range st.QuoteGroups {
		for _, v := range g.Variants {
			if v.Text == "The port closed" || v.Text == "The closure was first" {
				t.Fatalf("citation in quote groups: %+v", g)
			}
		}
	}
	if storyGroupOf(st, "the valves leaked") == nil {
		t.Fatalf("statement told to the agency is a quote: %+v", st.QuoteGroups)
	}
	// Three origins; every article cites one, none reports first-hand.
	if st.IndependentSources != 3 {
		t.Fatalf("independent_sources = %d, want 3", st.IndependentSources)
	}
}

func TestProvTimesOnlyWhenUnambiguous(t *testing.T) {
	mk := func(id, src string) *model.Article {
		return storyTArt(t, id, "Outlet "+id, "2026-04-01T08:00:00Z", "It rained, according to "+src+".",
			storyTAtt{kind: "reported", content: "It rained", cue: "according to", source: src, speakerKind: model.SpeakerPublication})
	}
	st := BuildStory("s", storyMembers(mk("a", "the NYT"), mk("b", "The New York Times"), mk("c", "the Times")))
	if got := storyOrigins(st); !reflect.DeepEqual(got, map[string][]string{"The New York Times": {"a", "b", "c"}}) {
		t.Fatalf("origins %v", got)
	}
	st = BuildStory("s", storyMembers(mk("a", "The New York Times"), mk("b", "The Kessel Times"), mk("c", "the Times")))
	if got := storyOrigins(st); len(got) != 3 || len(got["Times"]) != 1 {
		t.Fatalf("ambiguous 'the Times' must stay apart: %v", got)
	}
}

// The definition: origins + copy-collapsed units that cite no origin or
// report first-hand; exclusive material in a relaying article is not a
// source.
func TestProvIndependentSources(t *testing.T) {
	cite := storyTAtt{kind: "reported", content: "The mine flooded", cue: "according to", source: "Gullwing News Agency", speakerKind: model.SpeakerPublication}
	relay := storyTArt(t, "relay", "Reef Ledger", "2026-04-01T08:00:00Z", "The mine flooded, according to Gullwing News Agency.", cite)
	copyA := storyTArt(t, "copy", "Shoal Post", "2026-04-01T09:00:00Z", "The mine flooded, according to Gullwing News Agency.", cite)
	expert := storyTArt(t, "expert", "Tide Gazette", "2026-04-01T10:00:00Z",
		`The mine flooded, according to Gullwing News Agency. "Pumps fail first," said Vera Lunn, a geologist.`, cite,
		storyTAtt{kind: "direct", content: "Pumps fail first", cue: "said", source: "Vera Lunn", speaker: "Vera Lunn"})
	own := storyTArt(t, "own", "Kelp Daily", "2026-04-01T11:00:00Z",
		`The pit filled with water overnight, miners said. "We ran," one miner said.`,
		storyTAtt{kind: "direct", content: "We ran", cue: "said", source: "one miner", speakerKind: model.SpeakerAnonymous})
	firstHand := storyTArt(t, "firsthand", "Sand Times", "2026-04-01T12:00:00Z",
		"The mine flooded, according to Gullwing News Agency. The owner told the Sand Times that pumps had failed.", cite,
		storyTAtt{kind: "indirect", content: "pumps had failed", cue: "told", source: "The owner", speakerKind: model.SpeakerAnonymous})

	st := BuildStory("s", []Member{{Article: relay}, {Article: copyA, CopyOf: "relay", Similarity: 0.95}, {Article: expert}, {Article: own}, {Article: firstHand}})
	// Gullwing (1) + own (cites nothing) + firsthand (told the Sand Times).
	if st.IndependentSources != 3 {
		t.Fatalf("independent_sources = %d, want 3; origins %+v", st.IndependentSources, st.Origins)
	}
	if got := storyOrigins(st); !reflect.DeepEqual(got, map[string][]string{"Gullwing News Agency": {"relay", "copy", "expert", "firsthand"}}) {
		t.Fatalf("origins %v (a self-citation is not an origin)", got)
	}

	// The origin's own report in the set is not counted twice.
	agency := storyTArt(t, "agency", "Gullwing News Agency", "2026-04-01T07:00:00Z", "The mine flooded overnight.")
	st = BuildStory("s", storyMembers(agency, relay))
	if st.IndependentSources != 1 {
		t.Fatalf("independent_sources = %d, want 1", st.IndependentSources)
	}
	// A copy of a text from outside the story is no source of its own.
	st = BuildStory("s", []Member{{Article: own, CopyOf: "elsewhere", Similarity: 0.9}})
	if st.IndependentSources != 0 {
		t.Fatalf("independent_sources = %d, want 0", st.IndependentSources)
	}
}

func TestProvDocumentKeepsItsNoun(t *testing.T) {
	a := storyTArt(t, "a", "Reef Ledger", "2026-04-01T08:00:00Z", "The pier was unsafe, according to a police report.",
		storyTAtt{kind: "reported", content: "The pier was unsafe", cue: "according to", source: "a police report", speakerKind: model.SpeakerDocument})
	st := BuildStory("s", storyMembers(a))
	if got := storyOrigins(st); !reflect.DeepEqual(got, map[string][]string{"Police report": {"a"}}) {
		t.Fatalf("origins %v", got)
	}
	if st.IndependentSources != 1 {
		t.Fatalf("independent_sources %d", st.IndependentSources)
	}
}

func TestProvClean(t *testing.T) {
	for in, want := range map[string]string{
		"a Tidewater News Agency report":    "Tidewater News Agency",
		"a report by the AP":                "AP",
		"Reuters'":                          "Reuters",
		"the Times's reporting":             "Times",
		"reports from Agence France-Presse": "Agence France-Presse",
		"the agency":                        "",
		"news reports":                      "",
	} {
		if got := provClean(in); got != want {
			t.Errorf("provClean(%q) = %q, want %q", in, got, want)
		}
	}
}
