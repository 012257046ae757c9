package eval

import (
	"os"
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

func TestSortStoryDocsStable(t *testing.T) {
	d := func(s string) *string { return &s }
	docs := []StoryDoc{{DocID: "b", Date: d("2020-01-02")}, {DocID: "a", Date: d("2020-01-01")}, {DocID: "c", Date: d("2020-01-02")}}
	SortStoryDocs(docs)
	if docs[0].DocID != "a" || docs[1].DocID != "b" || docs[2].DocID != "c" {
		t.Errorf("order %v %v %v", docs[0].DocID, docs[1].DocID, docs[2].DocID)
	}
	undated := []StoryDoc{{DocID: "x"}, {DocID: "y"}, {DocID: "z"}}
	SortStoryDocs(undated)
	if undated[0].DocID != "x" || undated[2].DocID != "z" {
		t.Error("undated documents must keep input order")
	}
}
