package store

import (
	"bytes"
	"context"
	"testing"
)

// Link state comes back only while no article has been stored after it:
// a later article is not in it.
func TestLinkStateIsDroppedWhenStale(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	if got, err := db.LinkState(ctx, "df"); got != nil || err != nil {
		t.Fatalf("empty store: %q, %v", got, err)
	}
	if _, err := db.SaveArticle(ctx, ferryArticle("a1", "Harbor Ledger", "2026-03-14"), Membership{StoryID: "s"}); err != nil {
		t.Fatal(err)
	}
	for _, want := range [][]byte{{1, 2, 3}, {4, 5}} { // saved, then replaced
		if err := db.SaveLinkState(ctx, "df", want); err != nil {
			t.Fatal(err)
		}
		if got, err := db.LinkState(ctx, "df"); !bytes.Equal(got, want) || err != nil {
			t.Fatalf("LinkState = %v, %v; want %v", got, err, want)
		}
	}
	if got, _ := db.LinkState(ctx, "other"); got != nil {
		t.Errorf("a name never saved gave %v", got)
	}
	if _, err := db.SaveArticle(ctx, ferryArticle("a2", "Islander Gazette", "2026-03-14"), Membership{StoryID: "s"}); err != nil {
		t.Fatal(err)
	}
	if got, err := db.LinkState(ctx, "df"); got != nil || err != nil {
		t.Errorf("stale state given back: %v, %v", got, err)
	}
}
