package store

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
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

func TestRemoveFeed(t *testing.T) {
	ctx := context.Background()
	db, err := Open(filepath.Join(t.TempDir(), "cw.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	const a, b = "https://a.example/rss", "https://b.example/atom"
	for _, u := range []string{a, b} {
		if err := db.AddFeed(ctx, u, ""); err != nil {
			t.Fatal(err)
		}
		if err := db.MarkItem(ctx, u, "guid-1"); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.RemoveFeed(ctx, a); err != nil {
		t.Fatalf("RemoveFeed: %v", err)
	}
	feeds, err := db.Feeds(ctx)
	if err != nil || len(feeds) != 1 || feeds[0].URL != b {
		t.Fatalf("after remove: feeds %+v, err %v", feeds, err)
	}
	var n int
	if err := db.sql.QueryRowContext(ctx, `SELECT count(*) FROM feed_items WHERE feed_url = ?`, a).Scan(&n); err != nil || n != 0 {
		t.Fatalf("removed feed's items left: %d (err %v)", n, err)
	}
	if seen, _ := db.SeenItem(ctx, b, "guid-1"); !seen {
		t.Fatal("the other feed's seen item was deleted")
	}

	err = db.RemoveFeed(ctx, a)
	if !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), a) {
		t.Fatalf("removing an unknown feed: err %v, want ErrNotFound naming the URL", err)
	}
	// Re-subscribing starts afresh: the old items are not considered seen.
	db.AddFeed(ctx, a, "")
	if seen, _ := db.SeenItem(ctx, a, "guid-1"); seen {
		t.Fatal("re-added feed remembers items from before its removal")
	}
}
