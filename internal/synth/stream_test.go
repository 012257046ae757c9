package synth

import (
	"regexp"
	"strconv"
	"strings"
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

// With DayRate 1 every freshly written article names the day its event
// began, and every article of an event names the same day, at most six
// days before it is published; with DayRate 0 none names a day.
func TestStreamNamesEventDay(t *testing.T) {
	dated := regexp.MustCompile(` on (Jan\.|Feb\.|March|April|May|June|July|Aug\.|Sept\.|Oct\.|Nov\.|Dec\.) (\d+)\.`)
	for _, rate := range []float64{0, 1} {
		s := NewStream(StreamConfig{Seed: 9, N: 2000, MeanArticles: 3, Span: 60 * 24 * time.Hour,
			Start: time.Date(2025, 7, 20, 0, 0, 0, 0, time.UTC), DayRate: rate})
		dayOf := map[int32]string{}
		named := 0
		for {
			a, ev, ok := s.Next()
			if !ok {
				break
			}
			m := dated.FindStringSubmatch(a.Text)
			if m == nil {
				if rate == 1 {
					t.Fatalf("rate 1: article %s names no day: %.80q", a.ID, a.Text)
				}
				continue
			}
			named++
			if d, ok := dayOf[ev]; ok && d != m[0] {
				t.Fatalf("event %d named %q and %q", ev, d, m[0])
			}
			dayOf[ev] = m[0]
			pt, _ := a.PublishedTime()
			day, _ := time.Parse("Jan. 2 2006", strings.NewReplacer("Sept.", "Sep.", "March", "Mar.", "April", "Apr.", "June", "Jun.", "July", "Jul.", "May", "May.").Replace(m[1])+" "+m[2]+" "+strconv.Itoa(pt.Year()))
			if back := pt.Sub(day); back < 0 || back > 7*24*time.Hour {
				t.Fatalf("article %s published %s names %s", a.ID, a.Published, m[0])
			}
		}
		if rate == 0 && named > 0 {
			t.Fatalf("rate 0: %d articles name a day", named)
		}
	}
}
