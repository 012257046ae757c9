package pipeline

import (
	"context"
	"testing"
)

// BenchmarkIngestWARC measures the whole pipeline on a generated archive;
// b.N is the number of pages. `crosswire bench ingest` runs the same code
// at 10,000 pages and prints the per-stage breakdown.
func BenchmarkIngestWARC(b *testing.B) {
	dir := b.TempDir()
	b.ResetTimer()
	r, err := BenchWARC(context.Background(), dir, 1, b.N)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(r.Pages)/r.Total.Seconds(), "pages/s")
}

func TestBenchWARCStoresEveryPage(t *testing.T) {
	r, err := BenchWARC(context.Background(), t.TempDir(), 3, 120)
	if err != nil {
		t.Fatal(err)
	}
	if r.Pages != 120 || r.Articles != 120 || r.Failed != 0 {
		t.Fatalf("pages %d articles %d failed %d, want 120/120/0", r.Pages, r.Articles, r.Failed)
	}
	if r.Stories == 0 || r.Stories >= 120 {
		t.Errorf("%d stories for 120 pages of grouped events", r.Stories)
	}
	// Every stored article comes back with its generated event and its
	// story, so that the run can be scored.
	if len(r.Gold) != 120 || len(r.Found) != 120 {
		t.Fatalf("%d gold and %d found labels for 120 articles", len(r.Gold), len(r.Found))
	}
	events, stories := map[string]bool{}, map[string]bool{}
	for i := range r.Gold {
		if r.Gold[i] == "" || r.Found[i] == "" {
			t.Fatalf("article %d: gold %q, story %q", i, r.Gold[i], r.Found[i])
		}
		events[r.Gold[i]], stories[r.Found[i]] = true, true
	}
	if len(stories) != r.Stories || len(events) < 2 {
		t.Errorf("%d stories in the labels against %d stored; %d events", len(stories), r.Stories, len(events))
	}
}
