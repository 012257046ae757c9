package eval

import (
	"os"
	"strings"
	"testing"

	"github.com/crosswire-news/crosswire/internal/link"
)

// The gold sets live outside the repository; these tests skip without them.
// Floors sit a little under the figures measured with DefaultConfig, so a
// regression shows while tuning noise does not.
func TestStoriesGoldSets(t *testing.T) {
	for _, c := range []struct {
		file  string
		minF1 float64
	}{
		{"../../../shared/data/stories/gva.jsonl", 0.84},
		{"../../../shared/data/stories/ecbplus.jsonl", 0.80},
	} {
		if _, err := os.Stat(c.file); err != nil {
			t.Skipf("gold set absent: %v", err)
		}
		res, err := Stories(c.file, link.DefaultConfig())
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: P %.4f R %.4f F1 %.4f, %d stories (gold %d), singletons F1 %.4f",
			c.file, res.BCubed.Precision, res.BCubed.Recall, res.BCubed.F1, res.Stories, res.GoldStories, res.Singletons.F1)
		if res.BCubed.F1 < c.minF1 {
			t.Errorf("%s: BCubed F1 %.4f below %.2f", c.file, res.BCubed.F1, c.minF1)
		}
		if res.BCubed.F1 <= res.Singletons.F1 {
			t.Errorf("%s: no better than all-singletons (%.4f)", c.file, res.Singletons.F1)
		}
	}
}

func TestStoryArticlesLinkingOrder(t *testing.T) {
	d := func(s string) *string { return &s }
	docs := []StoryDoc{{DocID: "u1"}, {DocID: "b", Date: d("2020-01-02")}, {DocID: "a", Date: d("2020-01-01")}, {DocID: "u2"}, {DocID: "c", Date: d("2020-01-02T08:00:00Z")}}
	sorted, arts := storyArticles(docs)
	var got []string
	for i := range sorted {
		if arts[i].ID != sorted[i].DocID {
			t.Fatalf("article %d is %s, document %s", i, arts[i].ID, sorted[i].DocID)
		}
		got = append(got, sorted[i].DocID)
	}
	// A bare date counts as the end of its day; undated last, in input order.
	if want := "a c b u1 u2"; strings.Join(got, " ") != want {
		t.Errorf("order %v, want %s", got, want)
	}
}
