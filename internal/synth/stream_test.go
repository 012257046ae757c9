package synth

import (
	"testing"
	"time"
)

func TestStreamTimeOrderedAndComplete(t *testing.T) {
	s := NewStream(StreamConfig{Seed: 5, N: 3000, MeanArticles: 3, Span: 10 * 24 * time.Hour, CopyRate: 0.1, NearDupRate: 0.1})
	var last time.Time
	events := map[int32]int{}
	n := 0
	for {
		a, ev, ok := s.Next()
		if !ok {
			break
		}
		n++
		pt, ok := a.PublishedTime()
		if !ok || pt.Before(last) {
			t.Fatalf("article %d: time %q not after %v", n, a.Published, last)
		}
		last = pt
		if a.Title == "" || len(a.Text) < 100 {
			t.Fatalf("article %d too thin: %q", n, a.Title)
		}
		events[ev]++
	}
	if n != 3000 {
		t.Fatalf("produced %d articles, want 3000", n)
	}
	if mean := float64(n) / float64(len(events)); mean < 2.5 || mean > 3.5 {
		t.Errorf("mean articles per event %.2f, want about 3", mean)
	}
}
