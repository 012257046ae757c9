package link

import (
	"encoding/json"
	"os"
	"reflect"
	"testing"

	"github.com/crosswire-news/crosswire/internal/model"
)

// foldFerry reads testdata/fold-ferry.jsonl: the coverage of an invented
// ferry grounding (a terse first flash in other words, then fuller
// reports that name both what the flash named and what it did not), and
// last an unrelated report nine days on, whose arrival closes the
// ferry's stories. The pipeline's tests read it too.
func foldFerry(t *testing.T) []*model.Article {
	t.Helper()
	f, err := os.Open("testdata/fold-ferry.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var arts []*model.Article
	for dec := json.NewDecoder(f); dec.More(); {
		var a model.Article
		if err := dec.Decode(&a); err != nil {
			t.Fatal(err)
		}
		arts = append(arts, &a)
	}
	if len(arts) != 5 {
		t.Fatalf("%d fixture articles, want 5", len(arts))
	}
	return arts
}

func foldRun(t *testing.T, cfg Config) (map[string]string, []Fold) {
	t.Helper()
	got := map[string]string{}
	as, folds := NewLinker(cfg).AddAll(foldFerry(t))
	for _, a := range as {
		got[a.ArticleID] = a.StoryID
	}
	return got, folds
}

func TestFoldJoinsLoneFirstReport(t *testing.T) {
	// Without folds the flash stays alone: it shares too little with the
	// wire report it came before.
	cfg := DefaultConfig()
	cfg.FoldSize = 0
	got, folds := foldRun(t, cfg)
	if got["flash"] == got["wire"] || len(folds) != 0 {
		t.Fatalf("without folds: %v, folds %v; the fixture no longer tests folding", got, folds)
	}
	if got["wire"] != got["daily"] || got["wire"] != got["weekly"] {
		t.Fatalf("the full reports split: %v", got)
	}

	got, folds = foldRun(t, DefaultConfig())
	if got["flash"] != got["wire"] || got["daily"] != got["wire"] || got["weekly"] != got["wire"] {
		t.Errorf("the flash was not folded into the coverage: %v", got)
	}
	if got["later"] == got["wire"] {
		t.Errorf("the unrelated report joined the ferry: %v", got)
	}
	if len(folds) != 1 || folds[0].From != "sflash" || folds[0].Into != "swire" || len(folds[0].Articles) != 1 {
		t.Fatalf("folds = %+v, want sflash into swire", folds)
	}
	fa := folds[0].Articles[0]
	if fa.ID != "flash" || fa.Score < DefaultConfig().JoinThreshold || len(fa.Names) == 0 {
		t.Errorf("folded article = %+v", fa)
	}
}

func TestSettleFoldsUndatedStories(t *testing.T) {
	l := NewLinker(DefaultConfig())
	var as []Assignment
	for _, a := range foldFerry(t)[:4] {
		a.Published = ""
		as = append(as, l.Add(a))
	}
	if as[0].StoryID == as[1].StoryID {
		t.Fatalf("undated flash joined at once: %+v; the fixture no longer tests Settle", as)
	}
	folds := l.Settle()
	if len(folds) != 1 || folds[0].From != "sflash" || folds[0].Into != "swire" {
		t.Fatalf("Settle folds = %+v, want sflash into swire", folds)
	}
	ApplyFolds(as, folds)
	if as[0].StoryID != "swire" || as[0].Via != ViaFolded {
		t.Errorf("flash after Settle: %+v", as[0])
	}
	if again := l.Settle(); len(again) != 0 {
		t.Errorf("a second Settle folded again: %+v", again)
	}
	if n := l.Stories(); n != 1 {
		t.Errorf("%d stories after the fold, want 1", n)
	}
	// The folded story is gone: a new report joins the story it went into.
	next := l.Add(lnArt("update", "", "Solvang passengers thank Hallin coastguard",
		`Passengers of the ferry Solvang thanked the Hallin coastguard and duty officer Petra Lind on Saturday, a day after the ship ran aground at Marrow Reef. `+
			`Nordlys Lines said divers had found a breach below the waterline and that the Solvang would be towed to Vestby. `+
			`"Everyone was safe and warm thanks to the lifeboat crews," said Aron Vik, a spokesman for the operator.`))
	if next.StoryID != "swire" {
		t.Errorf("update went to %s, want swire", next.StoryID)
	}
}

func TestFoldMapFollowsChains(t *testing.T) {
	m := FoldMap{}
	m.Add([]Fold{{From: "a", Into: "b"}})
	m.Add([]Fold{{From: "b", Into: "c"}})
	for id, want := range map[string]string{"a": "c", "b": "c", "c": "c", "x": "x"} {
		if got := m.Story(id); got != want {
			t.Errorf("Story(%q) = %q, want %q", id, got, want)
		}
	}
	as := []Assignment{{ArticleID: "1", StoryID: "a", Via: ViaNew}, {ArticleID: "2", StoryID: "c", Via: ViaScore, Score: 0.9}}
	ApplyFolds(as, []Fold{{From: "a", Into: "b", Articles: []FoldedArticle{{ID: "1", Score: 0.4}}}, {From: "b", Into: "c"}})
	want := []Assignment{{ArticleID: "1", StoryID: "c", Via: ViaFolded, Score: 0.4}, {ArticleID: "2", StoryID: "c", Via: ViaScore, Score: 0.9}}
	if !reflect.DeepEqual(as, want) {
		t.Errorf("ApplyFolds = %+v, want %+v", as, want)
	}
}

// A restored story may be folded only once the store confirms the linker
// holds all of it: a story with members the linker never saw is kept.
func TestMarkWholeLetsRestoredStoriesFold(t *testing.T) {
	for _, tc := range []struct {
		name   string
		stored map[string]int
		fold   bool
	}{
		{"whole", map[string]int{"sflash": 1, "swire": 1}, true},
		{"more in the store", map[string]int{"sflash": 2, "swire": 1}, false},
		{"not asked", nil, false},
	} {
		arts := foldFerry(t)
		l := NewLinker(DefaultConfig())
		l.Restore(arts[0], "sflash")
		l.Restore(arts[1], "swire")
		if tc.stored != nil {
			var asked []string
			err := l.MarkWhole(func(ids []string) (map[string]int, error) {
				asked = append(asked, ids...)
				return tc.stored, nil
			})
			if err != nil || len(asked) != 2 {
				t.Fatalf("%s: MarkWhole asked %v (%v), want both restored stories", tc.name, asked, err)
			}
		}
		var folds []Fold
		for _, a := range arts[2:] {
			folds = append(folds, l.Add(a).Folded...)
		}
		if got := len(folds) == 1 && folds[0].From == "sflash" && folds[0].Into == "swire"; got != tc.fold {
			t.Errorf("%s: folds %+v, want a fold: %v", tc.name, folds, tc.fold)
		}
	}
	// A store that cannot answer is an error, and nothing is marked.
	l := NewLinker(DefaultConfig())
	l.Restore(foldFerry(t)[0], "sflash")
	if err := l.MarkWhole(func([]string) (map[string]int, error) { return nil, os.ErrClosed }); err == nil {
		t.Error("MarkWhole hid the store's error")
	}
}
