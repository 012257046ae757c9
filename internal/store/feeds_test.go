package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"
)

func TestFeedStatePersists(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "cw.db")
	db, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.AddFeed(ctx, "https://b.example/rss", ""); err != nil {
		t.Fatal(err)
	}
	db.AddFeed(ctx, "https://a.example/atom", "A")
	db.AddFeed(ctx, "https://b.example/rss", "B") // fills the empty title only
	feeds, _ := db.Feeds(ctx)
	if len(feeds) != 2 || feeds[0].URL != "https://a.example/atom" || feeds[1].Title != "B" {
		t.Fatalf("feeds %+v", feeds)
	}
	f := feeds[1]
	f.ETag, f.LastStatus, f.Items, f.Failures = `"v2"`, "304", 7, 2
	f.LastFetch = time.Date(2026, 3, 14, 8, 0, 0, 0, time.UTC)
	f.NextFetch = f.LastFetch.Add(15 * time.Minute)
	if err := db.UpdateFeed(ctx, f); err != nil {
		t.Fatal(err)
	}
	db.AddFeed(ctx, "https://b.example/rss", "Other") // re-adding keeps state
	if seen, _ := db.SeenItem(ctx, f.URL, "guid-1"); seen {
		t.Fatal("unmarked item seen")
	}
	db.MarkItem(ctx, f.URL, "guid-1")
	db.MarkItem(ctx, f.URL, "guid-1")
	db.Close()

	db, err = Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	feeds, _ = db.Feeds(ctx)
	got := feeds[1]
	if got.ETag != `"v2"` || got.Items != 7 || got.Failures != 2 || got.Title != "B" || !got.NextFetch.Equal(f.NextFetch) {
		t.Fatalf("state lost across reopen: %+v", got)
	}
	if seen, _ := db.SeenItem(ctx, f.URL, "guid-1"); !seen {
		t.Fatal("marked item forgotten")
	}
}
