package pipeline

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/crosswire-news/crosswire/internal/extract"
	"github.com/crosswire-news/crosswire/internal/link"
	"github.com/crosswire-news/crosswire/internal/model"
	"github.com/crosswire-news/crosswire/internal/store"
)

// foldFixture is the link package's invented ferry coverage: a flash
// that starts a story alone, three fuller reports, and an unrelated
// report nine days on.
func foldFixture(t *testing.T) []*model.Article {
	t.Helper()
	arts, errs, _ := Read([]string{"../link/testdata/fold-ferry.jsonl"}, nil, extract.Options{})
	if len(errs) > 0 || len(arts) != 5 {
		t.Fatalf("fixture: %d articles, %v", len(arts), errs)
	}
	return arts
}

// checkFolded asserts that the store holds the flash in the wire
// report's story, and the flash's own story only as a fold.
func checkFolded(t *testing.T, db *store.DB, res Result) {
	t.Helper()
	ctx := context.Background()
	members, err := db.StoryMembers(ctx, "swire")
	if err != nil || len(members) != 4 {
		t.Fatalf("swire holds %d articles (%v), want 4", len(members), err)
	}
	for _, m := range members {
		if m.ID == "flash" && (m.JoinedBy != "folded" || m.JoinScore < 0.25) {
			t.Errorf("flash stored as joined_by %q score %v", m.JoinedBy, m.JoinScore)
		}
	}
	if _, err := db.Story(ctx, "sflash"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("the folded story is still stored (%v)", err)
	}
	if into, err := db.FoldedInto(ctx, "sflash"); err != nil || into != "swire" {
		t.Errorf("FoldedInto(sflash) = %q, %v", into, err)
	}
	st, err := db.Story(ctx, "swire")
	if err != nil || len(st.Articles) != 4 {
		t.Fatalf("story swire: %v", err)
	}
	if res.StoryIDs["sflash"] || !res.StoryIDs["swire"] {
		t.Errorf("result names stories %v", res.StoryIDs)
	}
}

// A fold the linker makes while a later article moves the clock on is
// saved: the store moves the article and forgets the small story, and a
// later run starts from that.
func TestIngestSavesFolds(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cw.db")
	res := ingestRun(t, path, foldFixture(t)...)
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	checkFolded(t, db, res)
	if _, stories, _ := db.Counts(context.Background()); stories != 2 {
		t.Errorf("%d stories stored, want 2 (the ferry and the library)", stories)
	}
	// A later run rebuilds the linker from the store and finds nothing
	// of the folded story to reopen.
	if r := ingestRun(t, path, foldFixture(t)...); r.New != 0 || r.Duplicate != 5 {
		t.Errorf("second run: %+v", r)
	}
}

// Undated stories never close: the end of the input gives them their
// second look.
func TestIngestSettlesUndatedStories(t *testing.T) {
	arts := foldFixture(t)[:4]
	for _, a := range arts {
		a.Published = ""
	}
	path := filepath.Join(t.TempDir(), "cw.db")
	res := ingestRun(t, path, arts...)
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	checkFolded(t, db, res)
}

// flakyFolds is a store whose Fold fails the first fails times.
type flakyFolds struct {
	*store.DB
	fails, calls int
}

func (f *flakyFolds) Fold(ctx context.Context, fo store.Fold, into *model.Story) error {
	f.calls++
	if f.calls <= f.fails {
		return errors.New("disk full")
	}
	return f.DB.Fold(ctx, fo, into)
}

// A fold the store refuses stays queued and is tried again; the articles
// of the batch are stored whatever happens to the fold.
func TestIngestRetriesFailedFold(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		fails  int
		wantOK bool
	}{{1, true}, {100, false}} {
		db, err := store.Open(filepath.Join(t.TempDir(), "cw.db"))
		if err != nil {
			t.Fatal(err)
		}
		fs := &flakyFolds{DB: db, fails: tc.fails}
		p, err := New(ctx, fs, link.DefaultConfig())
		if err != nil {
			t.Fatal(err)
		}
		res, err := p.Ingest(ctx, foldFixture(t), nil)
		if res.New != 5 {
			t.Errorf("fails %d: stored %d articles, want 5", tc.fails, res.New)
		}
		if tc.wantOK {
			if err != nil || fs.calls != 2 {
				t.Errorf("fails %d: err %v after %d calls, want success on the second", tc.fails, err, fs.calls)
			}
			checkFolded(t, db, res)
		} else {
			if err == nil {
				t.Errorf("fails %d: a fold that never saves was not reported", tc.fails)
			}
			// Nothing stored is lost: the small story is still whole.
			if m, err := db.StoryMembers(ctx, "sflash"); err != nil || len(m) != 1 {
				t.Errorf("sflash after failed folds: %d articles (%v)", len(m), err)
			}
		}
		db.Close()
	}
}

// A small story left open when one ingest ends may still be folded by a
// later one, whether the process went on or was restarted in between
// (the linker rebuilt from the store): a restart must not change what is
// decided. Dated, the flash's story is folded when the unrelated report
// closes it; undated, when the later ingest settles.
func TestLaterIngestFoldsEarlierStory(t *testing.T) {
	ctx := context.Background()
	for _, dated := range []bool{true, false} {
		for _, restart := range []bool{false, true} {
			arts := foldFixture(t)
			if !dated {
				arts = arts[:4]
				for _, a := range arts {
					a.Published = ""
				}
			}
			path := filepath.Join(t.TempDir(), "cw.db")
			p, db := openPipeline(t, path)
			// The flash and the wire report alone: too little to fold.
			if _, err := p.Ingest(ctx, arts[:2], nil); err != nil {
				t.Fatalf("dated %v: first ingest: %v", dated, err)
			}
			if m, err := db.StoryMembers(ctx, "sflash"); err != nil || len(m) != 1 {
				t.Fatalf("dated %v: the flash was folded by the first ingest alone (%d, %v); the test no longer tests a later fold", dated, len(m), err)
			}
			if restart {
				db.Close()
				p, db = openPipeline(t, path)
			}
			res, err := p.Ingest(ctx, arts[2:], nil)
			if err != nil {
				t.Fatalf("dated %v restart %v: %v", dated, restart, err)
			}
			t.Run(map[bool]string{true: "dated", false: "undated"}[dated]+map[bool]string{true: "/restart", false: "/same"}[restart], func(t *testing.T) {
				checkFolded(t, db, res)
			})
			db.Close()
		}
	}
}
