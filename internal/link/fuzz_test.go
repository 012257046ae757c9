package link

import (
	"slices"
	"testing"

	"github.com/crosswire-news/crosswire/internal/model"
)

// FuzzFeatures feeds arbitrary titles, texts and dates through feature
// extraction and a linker: the day, year, place and incident-name parsers read
// free text, so no input may make them panic, and what they return must
// stay sorted sets (the index and the scores rely on it).
func FuzzFeatures(f *testing.F) {
	f.Add("Woman shot", "Dana Reyes, 23, was shot on Friday, Jan. 5, police said.", "2026-01-07")
	f.Add("", "in 2008 and the 1967 case; 31-year-old Tomas Ferreira, last night", "")
	f.Add("Yesterday", "Saturday Sunday Monday yesterday today tonight Jan. 32, 2026 Feb. 30", "2026-03-01T10:00:00Z")
	f.Add("A", ", 99, , 0, Mr. X, 1, \"", "not a date")
	f.Add("Fire In St. Louis", "A fire in Chicago's Englewood near St. Louis, in North Memphis. In Korvathen.", "2026-05-12")
	f.Fuzz(func(t *testing.T, title, text, date string) {
		a := &model.Article{ID: "f1", Title: title, Text: text, Published: date}
		fd := featExtract(a, true)
		for _, set := range [][]uint64{fd.names, fd.aged} {
			if !slices.IsSorted(set) {
				t.Fatalf("unsorted name keys %v", set)
			}
		}
		if len(fd.places) > featMaxPlaces {
			t.Fatalf("%d places, at most %d", len(fd.places), featMaxPlaces)
		}
		l := NewLinker(DefaultConfig())
		l.Add(a)
		b := *a
		b.ID = "f2"
		if as := l.Add(&b); as.StoryID == "" {
			t.Fatal("no story for the second article")
		}
		l.RestoreNames(&model.Article{ID: "f3", Title: title, Text: text, Published: date}, "s-old")
	})
}
