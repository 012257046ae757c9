package pipeline

import (
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
