package model

import "testing"

func TestOrderTimePutsDateOnlyAtEndOfDay(t *testing.T) {
	dated := Article{Published: "2026-03-14T08:10:00Z"}
	dayOnly := Article{Published: "2026-03-14"}
	td, _ := dated.OrderTime()
	tday, ok := dayOnly.OrderTime()
	if !ok || !tday.After(td) || tday.Day() != 14 {
		t.Fatalf("date-only %v should order after %v on the same day", tday, td)
	}
	if _, ok := (&Article{Published: "soon"}).OrderTime(); ok {
		t.Fatal("unparseable date accepted")
	}
	if p, _ := dayOnly.PublishedTime(); p.Hour() != 0 {
		t.Fatal("PublishedTime must stay the plain parsed value")
	}
}

func TestNullStringJSON(t *testing.T) {
	b, _ := NullString("").MarshalJSON()
	c, _ := NullString("Ana Ruiz").MarshalJSON()
	if string(b) != "null" || string(c) != `"Ana Ruiz"` {
		t.Fatalf("got %s and %s", b, c)
	}
	var s NullString = "x"
	if err := s.UnmarshalJSON([]byte("null")); err != nil || s != "" {
		t.Fatalf("null gave %q %v", s, err)
	}
}
