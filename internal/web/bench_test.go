package web

import (
	"context"
	"net/http/httptest"
	"sort"
	"testing"
	"time"

	"github.com/crosswire-news/crosswire/internal/web/webbench"
)

// TestWebbenchSmall builds a small generated store and checks every story
// page renders: the generator and the pages must agree before the 100k
// benchmark means anything.
func TestWebbenchSmall(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a store")
	}
	p := webbench.Params{Articles: 600, Stories: 120, Seed: 3}
	db, err := webbench.Open(context.Background(), p, t.Logf)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	h := New(db, quietOptions())
	for _, path := range webbench.StoryPaths(p)[:20] {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if rec.Code != 200 {
			t.Fatalf("%s: %d %s", path, rec.Code, rec.Body.String()[:min(300, rec.Body.Len())])
		}
	}
	res := webbench.Measure(h, append(webbench.StoryPaths(p), webbench.ArticlePaths(p)...), 200, 1)
	if res.Errors > 0 || res.N != 200 || res.P50 <= 0 || res.P99 < res.P50 {
		t.Fatalf("measure: %+v", res)
	}
}

// BenchmarkStoryPage measures the story page handler over the 100,000
// article store (generated once and cached under os.TempDir()). It reports
// p50 and p99 in milliseconds; the target is p99 < 50 ms.
func BenchmarkStoryPage(b *testing.B) {
	p := webbench.Default
	db, err := webbench.Open(context.Background(), p, b.Logf)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	h := New(db, quietOptions())
	paths := webbench.StoryPaths(p)
	lat := make([]time.Duration, 0, b.N)
	i := 0
	for b.Loop() {
		// A fixed stride walks the stories in a scattered order.
		path := paths[(i*7919)%len(paths)]
		i++
		rec := httptest.NewRecorder()
		t0 := time.Now()
		h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		lat = append(lat, time.Since(t0))
		if rec.Code != 200 {
			b.Fatalf("%s: %d", path, rec.Code)
		}
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	if len(lat) > 0 {
		b.ReportMetric(float64(lat[len(lat)/2])/1e6, "p50-ms")
		b.ReportMetric(float64(lat[min(len(lat)-1, len(lat)*99/100)])/1e6, "p99-ms")
	}
}
