package analyze

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/crosswire-news/crosswire/internal/model"
)

// TestNamedReports covers reports credited to a newsroom in the
// sentence-final and the leading position: "..., a Tidewater report
// said.", "A report by Tidewater said ...". A name known only from such a
// phrase is a publication, the report's author, as in "according to a
// Tidewater News Agency report".
func TestNamedReports(t *testing.T) {
	cases := []struct {
		text string
		w    wantRel
	}{
		{"Bakers across the valley shut their ovens on Tuesday after the flour mill flooded, a Northwind report said.",
			wantRel{"Bakers across the valley shut their ovens on Tuesday after the flour mill flooded", model.KindReported,
				"a Northwind report", "said", "Northwind", "", model.SpeakerPublication}},
		{"Bakers across the valley shut their ovens on Tuesday after the flour mill flooded, a Reuters report said.",
			wantRel{"Bakers across the valley shut their ovens on Tuesday after the flour mill flooded", model.KindReported,
				"a Reuters report", "said", "Reuters", "", model.SpeakerPublication}},
		{"Bakers across the valley shut their ovens on Tuesday after the flour mill flooded, the Reuters report said",
			wantRel{"Bakers across the valley shut their ovens on Tuesday after the flour mill flooded", model.KindReported,
				"the Reuters report", "said", "Reuters", "", model.SpeakerPublication}},
		{"A Northwind report said that the toll bridge would stay shut until April.",
			wantRel{"that the toll bridge would stay shut until April", model.KindReported,
				"A Northwind report", "said", "Northwind", "", model.SpeakerPublication}},
		{"A Northwind report said the toll bridge would stay shut until April.",
			wantRel{"the toll bridge would stay shut until April", model.KindReported,
				"A Northwind report", "said", "Northwind", "", model.SpeakerPublication}},
		{"A report by Northwind said the toll bridge would stay shut until April.",
			wantRel{"the toll bridge would stay shut until April", model.KindReported,
				"A report by Northwind", "said", "Northwind", "", model.SpeakerPublication}},
		{"The toll bridge would stay shut until April, a report by Northwind said.",
			wantRel{"The toll bridge would stay shut until April", model.KindReported,
				"a report by Northwind", "said", "Northwind", "", model.SpeakerPublication}},
		{"Bakers across the valley shut their ovens on Tuesday after the flour mill flooded, Reuters reported.",
			wantRel{"Bakers across the valley shut their ovens on Tuesday after the flour mill flooded", model.KindReported,
				"Reuters", "reported", "Reuters", "", model.SpeakerPublication}},
		{"The toll bridge would stay shut until April, according to a Northwind Press Agency report.",
			wantRel{"The toll bridge would stay shut until April", model.KindReported,
				"a Northwind Press Agency report", "according to", "Northwind Press Agency", "", model.SpeakerPublication}},
	}
	for _, c := range cases {
		a := run(c.text)
		if len(a.Attributions) != 1 {
			t.Errorf("%q: %d attributions, want 1: %+v", c.text, len(a.Attributions), a.Attributions)
		}
		check(t, a, c.w)
		for _, p := range a.People {
			t.Errorf("%q: the newsroom %q is not a person", c.text, p.Name)
		}
	}
}

// TestExampleReports: the example article whose first paragraph credits a
// newsroom's report gives that report as a reported relation.
func TestExampleReports(t *testing.T) {
	path := filepath.Join("..", "..", "examples", "islander-gazette.txt")
	if _, err := os.Stat(path); err != nil {
		t.Skip("no example file")
	}
	a := run(exampleBodies(t, path)[0])
	var n int
	for _, at := range a.Attributions {
		if at.Kind != model.KindReported {
			continue
		}
		n++
		if at.Source == nil || at.Source.Text != "a Tidewater report" || at.Cue.Text != "said" ||
			at.Speaker != "Tidewater" || at.SpeakerKind != model.SpeakerPublication {
			t.Errorf("reported relation = %+v", at)
		}
	}
	if n != 1 {
		t.Errorf("%d reported relations, want 1", n)
	}
}
