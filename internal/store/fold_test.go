package store

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/crosswire-news/crosswire/internal/model"
)

// namedArticle is a ferry article that also names the extra people.
func namedArticle(id, outlet, published string, extra ...string) *model.Article {
	a := ferryArticle(id, outlet, published)
	for _, n := range extra {
		a.People = append(a.People, model.Person{Name: n, Mentions: 1})
	}
	return a
}

func storyOf(id string, arts ...*model.Article) *model.Story {
	s := &model.Story{ID: id, Title: arts[0].Title, FirstPublished: arts[0].Published, IndependentSources: 1}
	for _, a := range arts {
		s.Articles = append(s.Articles, model.StoryArticle{ID: a.ID, Outlet: a.Outlet, Title: a.Title, Published: a.Published})
	}
	return s
}

// saveFoldFixture stores "big" (two articles naming Ana Ruiz, one also
// Jon Berg) and "small" (two articles naming Ana Ruiz and Lia Moss), and
// returns every article for building the merged story.
func saveFoldFixture(t *testing.T, db *DB) (big, small []*model.Article) {
	t.Helper()
	big = []*model.Article{
		namedArticle("b1", "The Harbor Ledger", "2026-03-14T08:10:00Z"),
		namedArticle("b2", "Northern Courier", "2026-03-14T10:45:00Z", "Jon Berg"),
	}
	small = []*model.Article{
		namedArticle("s1", "Island Times", "2026-03-14T07:30:00Z", "Lia Moss"),
		namedArticle("s2", "Island Times", "2026-03-14T09:00:00Z"),
	}
	var pend []Pending
	for i, a := range big {
		pend = append(pend, Pending{Article: a, Membership: Membership{StoryID: "big"}, LinkNames: []byte{0xb0, byte(i)}})
	}
	for i, a := range small {
		pend = append(pend, Pending{Article: a, Membership: Membership{StoryID: "small", JoinedBy: "new"}, LinkNames: []byte{0x50, byte(i)}})
	}
	if _, err := db.Save(context.Background(), pend, []*model.Story{storyOf("big", big...), storyOf("small", small...)}); err != nil {
		t.Fatal(err)
	}
	return big, small
}

func memberIDs(t *testing.T, db *DB, story string) string {
	t.Helper()
	ms, err := db.StoryMembers(context.Background(), story)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, m := range ms {
		ids = append(ids, m.ID)
	}
	return strings.Join(ids, ",")
}

func peopleStories(t *testing.T, db *DB) string {
	t.Helper()
	people, err := db.People(context.Background(), 10)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range people {
		out = append(out, fmt.Sprintf("%s:%d/%d", p.Name, p.Stories, p.Statements))
	}
	return strings.Join(out, " ")
}

func linkNames(t *testing.T, db *DB) map[string]string {
	t.Helper()
	got := map[string]string{}
	err := db.EachLinkNames(context.Background(), time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC),
		func(id, storyID, published string, names []byte) error {
			got[id] = fmt.Sprintf("%s %x", storyID, names)
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestFoldMovesArticlesAndKeepsSummaries(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	big, small := saveFoldFixture(t, db)
	if got, want := peopleStories(t, db), "Ana Ruiz:2/4 Jon Berg:1/0 Lia Moss:1/0"; got != want {
		t.Fatalf("people before the fold: %s, want %s", got, want)
	}
	merged := storyOf("big", append(small, big...)...)
	if err := db.Fold(ctx, Fold{From: "small", Into: "big", Moved: []Moved{{ID: "s1", JoinedBy: "folded", JoinScore: 0.37, LinkNames: []byte{0xf0, 0x0d}}}}, merged); err != nil {
		t.Fatal(err)
	}

	if got := memberIDs(t, db, "big"); got != "s1,b1,s2,b2" {
		t.Errorf("members of big: %s, want all four in publication order", got)
	}
	if got := memberIDs(t, db, "small"); got != "" {
		t.Errorf("members of small after the fold: %s", got)
	}
	if _, err := db.Story(ctx, "small"); err != ErrNotFound {
		t.Errorf("Story(small) after the fold: %v, want ErrNotFound", err)
	}
	if s, err := db.Story(ctx, "big"); err != nil || len(s.Articles) != 4 {
		t.Errorf("Story(big): %v articles, err %v", len(s.Articles), err)
	}
	if _, stories, _ := db.Counts(ctx); stories != 1 {
		t.Errorf("%d stories stored, want 1", stories)
	}
	list, _, err := db.Stories(ctx, StoryFilter{Outlet: "Island Times"})
	if err != nil || len(list) != 1 || list[0].ID != "big" || list[0].Outlets != 3 || list[0].Articles != 4 {
		t.Errorf("outlet filter after the fold: %+v %v", list, err)
	}
	outlets, _ := db.Outlets(ctx)
	if strings.Join(outlets, ",") != "Island Times,Northern Courier,The Harbor Ledger" {
		t.Errorf("outlets: %v", outlets)
	}

	// Ana Ruiz was in both stories: one story now. Lia Moss, only in the
	// folded one, follows her articles; statements do not change.
	if got, want := peopleStories(t, db), "Ana Ruiz:1/4 Jon Berg:1/0 Lia Moss:1/0"; got != want {
		t.Errorf("people after the fold: %s, want %s", got, want)
	}
	for _, name := range []string{"Ana Ruiz", "Lia Moss", "Jon Berg"} {
		list, total, err := db.Stories(ctx, StoryFilter{Person: name})
		if err != nil || total != 1 || list[0].ID != "big" {
			t.Errorf("person filter %s: %+v (%d) %v", name, list, total, err)
		}
	}
	var rows int
	db.sql.QueryRow(`SELECT count(*) FROM person_stories WHERE story_id = 'small'`).Scan(&rows)
	if rows != 0 {
		t.Errorf("%d person_stories rows left for the folded story", rows)
	}

	names := linkNames(t, db)
	want := map[string]string{"s1": "big f00d", "s2": "big 5001", "b1": "big b000", "b2": "big b001"}
	for id, w := range want {
		if names[id] != w {
			t.Errorf("link names of %s: %q, want %q", id, names[id], w)
		}
	}

	// The moved article says how it joined big; the other keeps what it
	// was stored with.
	for _, w := range []struct {
		id, via string
		score   float64
	}{{"s1", "folded", 0.37}, {"s2", "new", 0}} {
		if a, err := db.Article(ctx, w.id); err != nil || a.JoinedBy != w.via || a.JoinScore != w.score {
			t.Errorf("%s joined by %q score %v (%v), want %q %v", w.id, a.JoinedBy, a.JoinScore, err, w.via, w.score)
		}
	}

	if into, err := db.FoldedInto(ctx, "small"); err != nil || into != "big" {
		t.Errorf("FoldedInto(small) = %q %v, want big", into, err)
	}
	for _, id := range []string{"big", "never-stored"} {
		if into, err := db.FoldedInto(ctx, id); err != nil || into != "" {
			t.Errorf("FoldedInto(%s) = %q %v, want empty", id, into, err)
		}
	}

	// Applying the same fold again finds nothing to move and counts no
	// one twice.
	if err := db.Fold(ctx, Fold{From: "small", Into: "big"}, merged); err != nil {
		t.Fatalf("fold applied again: %v", err)
	}
	if got := memberIDs(t, db, "big"); got != "s1,b1,s2,b2" {
		t.Errorf("members of big after the second fold: %s", got)
	}
	if got, want := peopleStories(t, db), "Ana Ruiz:1/4 Jon Berg:1/0 Lia Moss:1/0"; got != want {
		t.Errorf("people after the second fold: %s, want %s", got, want)
	}
}

// A chain of folds is followed to the story that holds the articles now;
// a story that was folded cannot take a fold itself.
func TestFoldChain(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	big, small := saveFoldFixture(t, db)
	huge := namedArticle("h1", "Valley Tribune", "2026-03-14T06:00:00Z", "Lia Moss")
	if _, err := db.Save(ctx, []Pending{{Article: huge, Membership: Membership{StoryID: "huge"}}}, []*model.Story{storyOf("huge", huge)}); err != nil {
		t.Fatal(err)
	}
	if err := db.Fold(ctx, Fold{From: "small", Into: "big"}, storyOf("big", append(small, big...)...)); err != nil {
		t.Fatal(err)
	}
	all := append([]*model.Article{huge}, append(small, big...)...)
	if err := db.Fold(ctx, Fold{From: "big", Into: "huge"}, storyOf("huge", all...)); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"small", "big"} {
		if into, err := db.FoldedInto(ctx, id); err != nil || into != "huge" {
			t.Errorf("FoldedInto(%s) = %q %v, want huge", id, into, err)
		}
	}
	if got := memberIDs(t, db, "huge"); got != "h1,s1,b1,s2,b2" {
		t.Errorf("members of huge: %s", got)
	}
	if got, want := peopleStories(t, db), "Ana Ruiz:1/5 Lia Moss:1/0 Jon Berg:1/0"; got != want {
		t.Errorf("people after two folds: %s, want %s", got, want)
	}
	if err := db.Fold(ctx, Fold{From: "huge", Into: "big"}, storyOf("big", all...)); err == nil || !strings.Contains(err.Error(), "big was itself folded into huge") {
		t.Errorf("fold into a folded story: %v, want an error", err)
	}
}

// A fold that fails changes nothing.
func TestFoldRejectsBadInput(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	big, small := saveFoldFixture(t, db)
	merged := storyOf("big", append(small, big...)...)
	for _, tc := range []struct {
		f    Fold
		into *model.Story
		want string
	}{
		{Fold{From: "small", Into: "other", Moved: []Moved{{ID: "s1", JoinedBy: "folded", LinkNames: []byte{1}}}}, merged, `merged story has id "big"`},
		{Fold{From: "big", Into: "big"}, merged, "into itself"},
		{Fold{From: "", Into: "big"}, merged, "empty story id"},
		{Fold{From: "small", Into: "big"}, nil, "no merged story"},
	} {
		if err := db.Fold(ctx, tc.f, tc.into); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Fold(%+v): %v, want an error containing %q", tc.f, err, tc.want)
		}
	}
	if got := memberIDs(t, db, "small"); got != "s1,s2" {
		t.Errorf("members of small after failed folds: %s", got)
	}
	if _, err := db.Story(ctx, "small"); err != nil {
		t.Errorf("Story(small) after failed folds: %v", err)
	}
	if s, _ := db.Story(ctx, "big"); len(s.Articles) != 2 {
		t.Errorf("big was overwritten by a failed fold: %d articles", len(s.Articles))
	}
	if into, err := db.FoldedInto(ctx, "small"); into != "" || err != nil {
		t.Errorf("a failed fold was recorded: %q %v", into, err)
	}
	if names := linkNames(t, db); names["s1"] != "small 5000" {
		t.Errorf("link names of s1 after failed folds: %q", names["s1"])
	}
	if a, err := db.Article(ctx, "s1"); err != nil || a.JoinedBy != "new" {
		t.Errorf("s1 after failed folds: joined by %q (%v)", a.JoinedBy, err)
	}
	if got, want := peopleStories(t, db), "Ana Ruiz:2/4 Jon Berg:1/0 Lia Moss:1/0"; got != want {
		t.Errorf("people after failed folds: %s, want %s", got, want)
	}
}

// Folding an id with no articles and no story row (a fold already applied,
// or a story never saved) is recorded all the same.
func TestFoldOfUnknownStoryIsRecorded(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	big, _ := saveFoldFixture(t, db)
	if err := db.Fold(ctx, Fold{From: "ghost", Into: "big"}, storyOf("big", big...)); err != nil {
		t.Fatal(err)
	}
	if into, err := db.FoldedInto(ctx, "ghost"); err != nil || into != "big" {
		t.Errorf("FoldedInto(ghost) = %q %v, want big", into, err)
	}
	if got := memberIDs(t, db, "big"); got != "b1,b2" {
		t.Errorf("members of big: %s", got)
	}
}

// A cycle in story_folds (which Fold never writes) is an error, not a hang.
func TestFoldedIntoCycle(t *testing.T) {
	db := openTemp(t)
	if _, err := db.sql.Exec(`INSERT INTO story_folds VALUES ('a', 'b', ''), ('b', 'a', '')`); err != nil {
		t.Fatal(err)
	}
	if into, err := db.FoldedInto(context.Background(), "a"); err == nil {
		t.Errorf("FoldedInto on a cycle = %q, want an error", into)
	}
}

// A database from before migration 6 takes folds once opened.
func TestFoldMigration(t *testing.T) {
	ctx := context.Background()
	db := openUpgraded(t, 5, `INSERT INTO articles (id, text, analysis, story_id, ingested_at) VALUES ('old', 'Old text.', '{}', 's0', '')`)
	if _, err := db.SaveArticle(ctx, ferryArticle("new", "X", ""), Membership{StoryID: "s1"}); err != nil {
		t.Fatal(err)
	}
	if err := db.Fold(ctx, Fold{From: "s0", Into: "s1"}, &model.Story{ID: "s1"}); err != nil {
		t.Fatal(err)
	}
	if got := memberIDs(t, db, "s1"); got != "new,old" && got != "old,new" {
		t.Errorf("members of s1: %s", got)
	}
	if into, err := db.FoldedInto(ctx, "s0"); err != nil || into != "s1" {
		t.Errorf("FoldedInto(s0) = %q %v", into, err)
	}
}
