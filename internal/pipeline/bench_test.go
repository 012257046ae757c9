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
}
