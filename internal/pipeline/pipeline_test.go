package pipeline

import (
	"bytes"
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"github.com/crosswire-news/crosswire/internal/extract"
	"github.com/crosswire-news/crosswire/internal/feed"
	"github.com/crosswire-news/crosswire/internal/link"
	"github.com/crosswire-news/crosswire/internal/model"
	"github.com/crosswire-news/crosswire/internal/store"

	_ "modernc.org/sqlite"
)

const examples = "../../examples"

// openPipeline opens the store at path and rebuilds a pipeline from it.
func openPipeline(t *testing.T, path string) (*Pipeline, *store.DB) {
	t.Helper()
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	p, err := New(context.Background(), db, link.DefaultConfig())
	if err != nil {
		db.Close()
		t.Fatal(err)
	}
	return p, db
}

// ingestRun is one run of the tool: open the store at path, rebuild the
// pipeline from it, ingest arts, close.
func ingestRun(t *testing.T, path string, arts ...*model.Article) Result {
	t.Helper()
	p, db := openPipeline(t, path)
	defer db.Close()
	res, err := p.Ingest(context.Background(), arts, nil)
	if err != nil || res.Failed > 0 {
		t.Fatalf("ingest: %v %v", err, res.Errors)
	}
	return res
}

// A later run must put new coverage into the stories an earlier run
// stored: the linker's state is rebuilt from the store.
func TestLaterRunJoinsStoredStories(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "cw.db")
	ingest := func(files ...string) Result {
		t.Helper()
		var paths []string
		for _, f := range files {
			paths = append(paths, filepath.Join(examples, f))
		}
		arts, errs, _ := Read(paths, nil, extract.Options{})
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		return ingestRun(t, path, arts...)
	}
	if r := ingest("harbor-ledger.txt", "kessel-library.jsonl"); r.New != 3 {
		t.Fatalf("first run stored %d, want 3", r.New)
	}
	if r := ingest("harbor-ledger.txt", "islander-gazette.txt", "meridian-post.txt"); r.New != 2 || r.Duplicate != 1 {
		t.Fatalf("second run: %+v", r)
	}
	db, _ := store.Open(path)
	defer db.Close()
	list, total, err := db.Stories(ctx, store.StoryFilter{Sort: "covered"})
	if err != nil || total != 2 {
		t.Fatalf("%d stories (%v), want 2: %+v", total, err, list)
	}
	if list[0].Articles != 3 {
		t.Errorf("the ferry story has %d articles after two runs, want 3", list[0].Articles)
	}
	// How each article joined is saved with it: the story rebuilt by the
	// second run still says the first run's article started it.
	st, err := db.Story(ctx, list[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range st.Articles {
		want := "score"
		if a.Outlet == "The Harbor Ledger" {
			want = "new"
		}
		if a.JoinedBy != want || (a.JoinScore > 0) != (want == "score") {
			t.Errorf("%s: joined_by %q score %v, want %q", a.Outlet, a.JoinedBy, a.JoinScore, want)
		}
	}
}

func TestPageTakesFeedHints(t *testing.T) {
	ctx := context.Background()
	p, db := openPipeline(t, filepath.Join(t.TempDir(), "cw.db"))
	defer db.Close()
	page := []byte(`<html><head><title>Tram line approved</title></head><body><article><h1>Tram line approved</h1>
<p>The city council of Varna Falls approved a new tram line on Tuesday after a long debate about its cost and route.</p>
<p>"This is the biggest investment in a generation," said Mayor Ivo Lind, who backed the plan from the start.</p>
<p>Construction is expected to begin next spring and to last three years, the council said in a statement.</p></article></body></html>`)
	when := time.Date(2026, 4, 2, 9, 30, 0, 0, time.UTC)
	item := &feed.Item{Link: "https://varna.example/tram", Published: when, Authors: []string{"Ada Brenner"}}
	if res, err := p.IngestPage(ctx, item.Link, page, item); err != nil || res.New != 1 {
		t.Fatalf("IngestPage: %+v %v", res, err)
	}
	var got *store.StoredArticle
	db.EachArticle(ctx, "", func(a *store.StoredArticle) error { got = a; return nil })
	if got == nil || got.Published != "2026-04-02T09:30:00Z" || len(got.Byline) != 1 || got.Byline[0] != "Ada Brenner" {
		t.Fatalf("feed hints not applied: %+v", got)
	}
	if res, err := p.IngestPage(ctx, "https://x.example/", []byte("\x00\x01binary"), nil); err != nil || res.Failed != 1 || len(res.Errors) != 1 {
		t.Errorf("a page that cannot be extracted must be counted as failed with its error: %+v %v", res, err)
	}
}

// A later run must reopen a story closed months ago when a follow-up
// names the person it was about: the names come back from what was saved
// with each article, without reading the article again; articles saved
// before names were saved are read whole instead.
func TestLaterRunReopensStoryByIncidentName(t *testing.T) {
	for _, legacy := range []bool{false, true} {
		ctx := context.Background()
		path := filepath.Join(t.TempDir(), "cw.db")
		art := func(id, date, title, text string) *model.Article {
			return &model.Article{ID: id, Outlet: "Millbrook Courier", Title: title, Published: date, Text: text}
		}
		ingestRun(t, path,
			art("shot", "2026-10-02", "Woman shot outside Millbrook bakery",
				"Dana Reyes, 23, was shot in the leg outside a bakery on Larch Avenue in Millbrook late on Friday, police said. "+
					"Officers took her to Millbrook General Hospital, where she was in stable condition. "+
					"Witnesses said a man fired several shots from a grey sedan before driving off."),
			art("ferry", "2026-11-10", "Harbour ferry timetable changes next month",
				"The Tiller harbour ferry will run every forty minutes from December, the operator said on Tuesday. "+
					"Weekend crossings will start an hour later, and the night service will stop at ten."))
		if legacy {
			raw, err := sql.Open("sqlite", path)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := raw.Exec(`UPDATE articles SET link_names = NULL`); err != nil {
				t.Fatal(err)
			}
			raw.Close()
		}
		db, err := store.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		rs := &readCounter{DB: db, read: map[string]int{}}
		p, err := New(ctx, rs, link.DefaultConfig())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p.Ingest(ctx, []*model.Article{art("charge", "2026-11-16", "Suspect charged in bakery shooting",
			"Prosecutors on Monday charged Ivo Sallent with attempted murder in the October shooting of Dana Reyes outside a Larch Avenue bakery. "+
				"Sallent was arrested at a relative's house after a tip from a neighbour, according to court records. Reyes has since recovered.")}, nil); err != nil {
			t.Fatal(err)
		}
		if _, total, err := db.Stories(ctx, store.StoryFilter{}); err != nil || total != 2 {
			t.Errorf("legacy=%v: %d stories (%v), want 2: the charge should join the shooting", legacy, total, err)
		}
		if got := rs.read["shot"] > 0; got != legacy {
			t.Errorf("legacy=%v: start-up read the October article %d times", legacy, rs.read["shot"])
		}
		db.Close()
	}
}

// readCounter counts the whole articles start-up reads, by id.
type readCounter struct {
	*store.DB
	read map[string]int
}

func (r *readCounter) EachArticle(ctx context.Context, since string, fn func(*store.StoredArticle) error) error {
	return r.DB.EachArticle(ctx, since, func(a *store.StoredArticle) error {
		r.read[a.ID]++
		return fn(a)
	})
}

func (r *readCounter) Article(ctx context.Context, id string) (*store.StoredArticle, error) {
	r.read[id]++
	return r.DB.Article(ctx, id)
}

// A restart weighs features by the document frequencies the last run
// ended with, not by those of the two windows it reads back; after a run
// stopped before saving them, by the restored articles again.
func TestRestartRestoresDocumentFrequencies(t *testing.T) {
	ctx := context.Background()
	// The ferry and library reports, then one a month on: at a restart
	// only the last is read back whole, the rest give their names only.
	arts := append(foldFixture(t), &model.Article{ID: "regatta", Outlet: "Hallin Post", Published: "2026-04-20T09:00:00Z",
		Title: "Hallin regatta moves to June",
		Text: "The Hallin Sound regatta will be held in June instead of May this year, the sailing club said on Monday, " +
			"after the harbour master asked for more time to clear moorings damaged in the winter storms."})
	path := filepath.Join(t.TempDir(), "cw.db")
	p, db := openPipeline(t, path)
	if _, err := p.Ingest(ctx, arts[:5], nil); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Ingest(ctx, arts[5:], nil); err != nil {
		t.Fatal(err)
	}
	want := p.linker.DFState()
	if err := p.Close(ctx); err != nil {
		t.Fatal(err)
	}
	db.Close()
	p, db = openPipeline(t, path)
	if got := p.linker.DFState(); !bytes.Equal(got, want) {
		t.Errorf("restart: table of %d bytes, the run ended with %d", len(got), len(want))
	}
	// An article stored behind the pipeline's back (as by a run killed
	// before its end): the saved table is stale, and what counts is the
	// articles read back whole.
	late := &model.Article{ID: "late", Outlet: "Hallin Post", Published: "2026-04-21T09:00:00Z", Title: "Sailing club elects chair",
		Text: "The Hallin sailing club elected a new chair at its spring meeting on Tuesday."}
	if _, err := db.SaveArticle(ctx, late, store.Membership{StoryID: "slate"}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	p, db = openPipeline(t, path)
	defer db.Close()
	plain := link.NewLinker(link.DefaultConfig())
	plain.Restore(arts[5], "sregatta")
	plain.Restore(late, "slate")
	if got := p.linker.DFState(); !bytes.Equal(got, plain.DFState()) {
		t.Error("a stale table was restored")
	}
}

// countSaves is a store that counts the link state saves.
type countSaves struct {
	*store.DB
	saves int
}

func (c *countSaves) SaveLinkState(ctx context.Context, name string, data []byte) error {
	c.saves++
	return c.DB.SaveLinkState(ctx, name, data)
}

// During a run the table is saved every StateEvery stored articles, so a
// run that never reaches Close leaves one behind; Close saves the rest.
func TestIngestCheckpointsDocumentFrequencies(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(filepath.Join(t.TempDir(), "cw.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	cs := &countSaves{DB: db}
	p, err := New(ctx, cs, link.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	p.BatchSize, p.StateEvery = 2, 3
	if _, err := p.Ingest(ctx, foldFixture(t), nil); err != nil {
		t.Fatal(err)
	}
	// Batches of 2, 2 and 1: one save, after the second batch.
	if cs.saves != 1 {
		t.Errorf("%d saves during the run, want 1", cs.saves)
	}
	if err := p.Close(ctx); err != nil {
		t.Fatal(err)
	}
	got, _ := db.LinkState(ctx, dfState)
	if cs.saves != 2 || got == nil || !bytes.Equal(got, p.linker.DFState()) {
		t.Errorf("after Close: %d saves, table of %d bytes", cs.saves, len(got))
	}
	// Nothing new: Close saves nothing.
	if err := p.Close(ctx); err != nil || cs.saves != 2 {
		t.Errorf("a second Close saved again (%d saves, %v)", cs.saves, err)
	}
}
