package synth

import (
	"bytes"
	"testing"

	"github.com/crosswire-news/crosswire/internal/model"
)

func TestCoverageIsDeterministicOrderedAndGrouped(t *testing.T) {
	a1, g1 := Coverage(7, 500)
	a2, _ := Coverage(7, 500)
	if len(a1) != 500 || len(g1) != 500 {
		t.Fatalf("got %d articles, %d gold", len(a1), len(g1))
	}
	events := map[string]int{}
	ids := map[string]bool{}
	var prev string
	for i := range a1 {
		if a1[i].Text != a2[i].Text || a1[i].ID != a2[i].ID {
			t.Fatal("same seed gave different coverage")
		}
		if ids[a1[i].ID] {
			t.Fatalf("duplicate id %s", a1[i].ID)
		}
		ids[a1[i].ID] = true
		events[g1[i]]++
		t1, _ := model.ParseTime(prev)
		t2, ok := model.ParseTime(a1[i].Published)
		if !ok || (prev != "" && t2.Before(t1)) {
			t.Fatalf("article %d out of time order", i)
		}
		prev = a1[i].Published
	}
	multi := 0
	for _, n := range events {
		if n > 1 {
			multi++
		}
	}
	if multi < len(events)/4 {
		t.Errorf("only %d of %d events have more than one article", multi, len(events))
	}
}

func TestHTMLEscapesAndCarriesMetadata(t *testing.T) {
	a := model.Article{Title: `Mayor <b> & "co"`, Outlet: "The Harbor Ledger", Published: "2026-01-01T00:00:00Z", Text: "One.\n\nTwo <script>."}
	page := HTML(&a)
	if bytes.Contains(page, []byte("<script>")) || !bytes.Contains(page, []byte(`og:site_name" content="The Harbor Ledger"`)) {
		t.Fatalf("page not escaped or lacks metadata: %s", page)
	}
}
