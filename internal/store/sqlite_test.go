package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/crosswire-news/crosswire/internal/model"
)

func openTemp(t *testing.T) *DB {
	t.Helper()
	db, err := Open(filepath.Join(t.TempDir(), "sub", "cw.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func ferryArticle(id, outlet, published string) *model.Article {
	return &model.Article{
		ID: id, Outlet: outlet, Title: "Halden ferries halted after valve cracks found", Published: published,
		Byline: []string{"Marta Lindqvist"},
		Text:   `Transport Minister Ana Ruiz said crossings would resume next week. "We will negotiate," Ruiz said.`,
		People: []model.Person{{Name: "Ana Ruiz", Roles: []string{"Transport Minister"}, Mentions: 2}},
		Attributions: []model.Attribution{{
			Kind: model.KindDirect, Content: model.Span{Start: 67, End: 82, Text: "We will negotiate,"},
			Speaker: "Ana Ruiz", SpeakerRole: "Transport Minister", SpeakerKind: model.SpeakerPerson,
		}},
	}
}

func TestSaveIsIdempotentAndRoundTrips(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	a := ferryArticle("a1", "The Harbor Ledger", "2026-03-14T08:10:00Z")
	for i, want := range []bool{true, false} {
		got, err := db.SaveArticle(ctx, a, Membership{StoryID: "s1"})
		if err != nil || got != want {
			t.Fatalf("save #%d: inserted=%v err=%v, want %v", i+1, got, err, want)
		}
	}
	back, err := db.Article(ctx, "a1")
	if err != nil {
		t.Fatal(err)
	}
	if back.StoryID != "s1" || back.Text != a.Text || len(back.Attributions) != 1 || back.Attributions[0].Speaker != "Ana Ruiz" || back.Byline[0] != "Marta Lindqvist" {
		t.Fatalf("round trip lost data: %+v", back)
	}
	if _, err := db.Article(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("missing article: err=%v, want ErrNotFound", err)
	}
	n, _, _ := db.Counts(ctx)
	if n != 1 {
		t.Fatalf("stored %d articles, want 1", n)
	}
}

func TestStoriesFiltersSortAndSearch(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	arts := []Pending{
		{Article: ferryArticle("a1", "The Harbor Ledger", "2026-03-14T08:10:00Z"), Membership: Membership{StoryID: "ferry"}},
		{Article: ferryArticle("a2", "Northern Courier", "2026-03-14T10:45:00Z"), Membership: Membership{StoryID: "ferry"}},
		{Article: &model.Article{ID: "b1", Outlet: "Valley Tribune", Title: "Kessel library reopens", Published: "2026-03-12",
			Text: "The library reopened with donated books."}, Membership: Membership{StoryID: "library"}},
	}
	stories := []*model.Story{
		{ID: "ferry", Title: "Halden ferries", FirstPublished: "2026-03-14T08:10:00Z", IndependentSources: 1,
			Articles: []model.StoryArticle{{ID: "a1", Outlet: "The Harbor Ledger"}, {ID: "a2", Outlet: "Northern Courier"}}},
		{ID: "library", Title: "Kessel library", FirstPublished: "2026-03-12", IndependentSources: 1,
			Articles: []model.StoryArticle{{ID: "b1", Outlet: "Valley Tribune"}}},
	}
	if _, err := db.Save(ctx, arts, stories); err != nil {
		t.Fatal(err)
	}
	ids := func(f StoryFilter) string {
		t.Helper()
		list, total, err := db.Stories(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		var s []string
		for _, x := range list {
			s = append(s, x.ID)
		}
		if total < len(list) {
			t.Fatalf("total %d < page %d", total, len(list))
		}
		return strings.Join(s, ",")
	}
	cases := []struct {
		f    StoryFilter
		want string
	}{
		{StoryFilter{}, "ferry,library"},
		{StoryFilter{Sort: "covered"}, "ferry,library"},
		{StoryFilter{Outlet: "Valley Tribune"}, "library"},
		{StoryFilter{Person: "Ana Ruiz"}, "ferry"},
		{StoryFilter{From: "2026-03-13"}, "ferry"},
		{StoryFilter{To: "2026-03-12"}, "library"},
		{StoryFilter{Query: "donated"}, "library"},
		{StoryFilter{Query: `"will negotiate"`}, "ferry"},
		{StoryFilter{Query: `AND OR ( "`}, ""}, // FTS syntax in user input is not an error
		{StoryFilter{Limit: 1, Offset: 1}, "library"},
	}
	for _, c := range cases {
		if got := ids(c.f); got != c.want {
			t.Errorf("Stories(%+v) = %q, want %q", c.f, got, c.want)
		}
	}
	list, _, _ := db.Stories(ctx, StoryFilter{})
	if list[0].Outlets != 2 || list[0].OutletNames[0] != "Northern Courier" {
		t.Errorf("outlet summary wrong: %+v", list[0])
	}

	hits, err := db.Search(ctx, "negotiate", 10)
	if err != nil || len(hits) != 2 {
		t.Fatalf("search: %v hits, err %v", len(hits), err)
	}
	if !strings.Contains(hits[0].Snippet, MarkStart+"negotiate"+MarkEnd) {
		t.Errorf("snippet lacks marked match: %q", hits[0].Snippet)
	}

	st, err := db.PersonStatements(ctx, "Ana Ruiz")
	if err != nil || len(st) != 2 || st[0].StoryTitle != "Halden ferries" {
		t.Fatalf("person statements: %+v err %v", st, err)
	}
	people, err := db.People(ctx, 10)
	if err != nil || len(people) != 1 || people[0].Roles[0] != "Transport Minister" || people[0].Statements != 2 {
		t.Fatalf("people: %+v err %v", people, err)
	}
	members, err := db.StoryMembers(ctx, "ferry")
	if err != nil || len(members) != 2 || members[0].ID != "a1" {
		t.Fatalf("members: %v err %v", len(members), err)
	}
	sizes, err := db.StorySizes(ctx, []string{"ferry", "none", `it's "odd"`})
	if err != nil || !reflect.DeepEqual(sizes, map[string]int{"ferry": 2}) {
		t.Errorf("StorySizes = %v, %v; want ferry 2 and no others", sizes, err)
	}
	var order []string
	if err := db.EachArticle(ctx, "", func(a *StoredArticle) error { order = append(order, a.ID); return nil }); err != nil {
		t.Fatal(err)
	}
	if strings.Join(order, ",") != "b1,a1,a2" {
		t.Errorf("EachArticle order %v, want publication order", order)
	}
}

func TestReopenKeepsDataAndSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "cw.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SaveArticle(ctx, ferryArticle("a1", "X", ""), Membership{StoryID: "s"}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v int
	db.sql.QueryRow("PRAGMA user_version").Scan(&v)
	if v != len(migrations) {
		t.Fatalf("user_version %d, want %d", v, len(migrations))
	}
	if ok, _ := db.HasArticle(ctx, "a1"); !ok {
		t.Fatal("article lost across reopen")
	}
}

func TestFailedBatchCommitsNothing(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	bad := &model.Story{ID: "s"}
	ctxCancel, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := db.Save(ctxCancel, []Pending{{Article: ferryArticle("a1", "X", ""), Membership: Membership{}}}, []*model.Story{bad}); err == nil {
		t.Fatal("save with a cancelled context succeeded")
	}
	if n, _, _ := db.Counts(ctx); n != 0 {
		t.Fatalf("a failed batch left %d articles behind", n)
	}
}

// A database written before the people summary existed gets it filled in
// by the migration that adds it.
func TestPeopleMigrationBackfills(t *testing.T) {
	ctx := context.Background()
	a := ferryArticle("a1", "The Harbor Ledger", "2026-03-14T08:10:00Z")
	an := `{"people":[{"name":"Ana Ruiz","roles":["Transport Minister"],"mentions":2}],"organizations":[],"attributions":[]}`
	db := openUpgraded(t, 2,
		`INSERT INTO articles (id, text, analysis, story_id, ingested_at) VALUES ('a1', '`+a.Text+`', '`+an+`', 's1', '')`,
		`INSERT INTO mentions VALUES ('a1', 'Ana Ruiz', '["Transport Minister"]', 2)`,
		`INSERT INTO statements VALUES ('a1', 0, 'Ana Ruiz', 'Transport Minister', 'direct', 'We will negotiate')`)
	people, err := db.People(ctx, 10)
	if err != nil || len(people) != 1 {
		t.Fatalf("people after migration: %+v %v", people, err)
	}
	p := people[0]
	if p.Name != "Ana Ruiz" || p.Stories != 1 || p.Statements != 1 || len(p.Roles) != 1 || p.Roles[0] != "Transport Minister" {
		t.Fatalf("backfill wrong: %+v", p)
	}
	if _, _, err := db.Stories(ctx, StoryFilter{Person: "Ana Ruiz"}); err != nil {
		t.Fatalf("person filter on a migrated database: %v", err)
	}
}

// How linking placed an article comes back as saved, from Article and
// StoryMembers alike.
func TestJoinedByRoundTrips(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	arts := []Pending{
		{Article: ferryArticle("a1", "X", "2026-03-14T08:10:00Z"), Membership: Membership{StoryID: "s", JoinedBy: "new"}},
		{Article: ferryArticle("a2", "Y", "2026-03-14T09:10:00Z"), Membership: Membership{StoryID: "s", JoinedBy: "score", JoinScore: 0.4137}},
	}
	if _, err := db.Save(ctx, arts, nil); err != nil {
		t.Fatal(err)
	}
	a2, err := db.Article(ctx, "a2")
	if err != nil || a2.JoinedBy != "score" || a2.JoinScore != 0.4137 {
		t.Fatalf("a2 read back joined_by %q score %v (%v), want score 0.4137", a2.JoinedBy, a2.JoinScore, err)
	}
	ms, err := db.StoryMembers(ctx, "s")
	if err != nil || len(ms) != 2 || ms[0].JoinedBy != "new" || ms[0].JoinScore != 0 || ms[1].JoinedBy != "score" {
		t.Fatalf("members: %+v %v", ms, err)
	}
}

// Articles stored by a version-4 database read back after migration 5
// with an empty joined_by, the rest intact; new ones keep theirs.
func TestJoinedByMigrationKeepsOldRows(t *testing.T) {
	ctx := context.Background()
	db := openUpgraded(t, 4, `INSERT INTO articles (id, title, text, analysis, story_id, copy_of, similarity, ingested_at, link_names)
		VALUES ('old', 'Old title', 'Old text.', '{}', 's0', 'src', 0.9, '', x'01')`)
	old, err := db.Article(ctx, "old")
	if err != nil {
		t.Fatal(err)
	}
	if old.JoinedBy != "" || old.JoinScore != 0 || old.Title != "Old title" || old.StoryID != "s0" || old.CopyOf != "src" || old.Similarity != 0.9 {
		t.Fatalf("old row after migration: %+v", old.Membership)
	}
	if _, err := db.SaveArticle(ctx, ferryArticle("fresh", "X", ""), Membership{StoryID: "s0", JoinedBy: "copy"}); err != nil {
		t.Fatal(err)
	}
	ms, err := db.StoryMembers(ctx, "s0")
	if err != nil || len(ms) != 2 {
		t.Fatalf("members: %d %v", len(ms), err)
	}
	for _, m := range ms {
		if want := map[string]string{"old": "", "fresh": "copy"}[m.ID]; m.JoinedBy != want {
			t.Errorf("%s joined_by %q, want %q", m.ID, m.JoinedBy, want)
		}
	}
}

// openUpgraded opens, as this version does, a database that an older one
// left at schema version holding the rows the statements insert.
func openUpgraded(t *testing.T, version int, statements ...string) *DB {
	t.Helper()
	path := filepath.Join(t.TempDir(), "old.db")
	old, err := openAt(path, version)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range statements {
		if _, err := old.sql.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	old.Close()
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// openAt opens a database migrated only up to version.
func openAt(path string, version int) (*DB, error) {
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		return nil, err
	}
	d := &DB{sql: raw, path: path}
	return d, d.migrateTo(context.Background(), version)
}

func TestNewestAndWindowedRead(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	if _, ok, err := db.Newest(ctx); ok || err != nil {
		t.Fatalf("empty store: ok %v err %v", ok, err)
	}
	for _, p := range []struct{ id, pub string }{{"old", "2026-01-01"}, {"new", "2026-03-14T08:10:00Z"}, {"undated", ""}} {
		if _, err := db.SaveArticle(ctx, ferryArticle(p.id, "X", p.pub), Membership{StoryID: "s"}); err != nil {
			t.Fatal(err)
		}
	}
	newest, ok, err := db.Newest(ctx)
	if err != nil || !ok || newest.Format(time.RFC3339) != "2026-03-14T08:10:00Z" {
		t.Fatalf("Newest = %v %v %v", newest, ok, err)
	}
	var got []string
	db.EachArticle(ctx, "2026-03-01", func(a *StoredArticle) error { got = append(got, a.ID); return nil })
	if strings.Join(got, ",") != "new,undated" {
		t.Fatalf("windowed read gave %v, want the recent and the undated", got)
	}
}

// EachLinkNames gives back the names saved with each article published in
// its range, in publication order; an article saved by a version without
// migration 4 comes back with nil names, which tells the caller to read it.
func TestEachLinkNames(t *testing.T) {
	ctx := context.Background()
	db := openUpgraded(t, 3, fmt.Sprintf(`INSERT INTO articles (id, published, published_unix, text, analysis, story_id, ingested_at)
		VALUES ('legacy', '2026-03-02', %d, 'Old text.', '{}', 's0', '')`, time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC).Unix()))
	for _, p := range []struct {
		id, pub string
		names   []byte
	}{{"late", "2026-03-14T08:10:00Z", []byte{1, 9}}, {"early", "2026-03-01", []byte{1}}, {"out", "2026-04-01", []byte{1, 7}}, {"undated", "", []byte{1}}} {
		if _, err := db.Save(ctx, []Pending{{Article: ferryArticle(p.id, "X", p.pub), Membership: Membership{StoryID: "s-" + p.id}, LinkNames: p.names}}, nil); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	err := db.EachLinkNames(ctx, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC),
		func(id, storyID, published string, names []byte) error {
			got = append(got, fmt.Sprintf("%s %s %s %x %v", id, storyID, published, names, names == nil))
			return nil
		})
	want := []string{"early s-early 2026-03-01 01 false", "legacy s0 2026-03-02  true", "late s-late 2026-03-14T08:10:00Z 0109 false"}
	if err != nil || strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("EachLinkNames = %q (%v), want %q", got, err, want)
	}
}
