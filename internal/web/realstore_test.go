package web

import (
	"context"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crosswire-news/crosswire/internal/store"
)

// openFixtureDB saves the fixture into a real SQLite store, so the pages
// and the API are checked against the store's actual query results too.
func openFixtureDB(t *testing.T) *store.DB {
	t.Helper()
	db, err := store.Open(filepath.Join(t.TempDir(), "web.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	var pend []store.Pending
	for _, d := range fixtureDocs() {
		a := d.build(t)
		pend = append(pend, store.Pending{Article: &a.Article, Membership: a.Membership})
	}
	if _, err := db.Save(context.Background(), pend, fixtureStories()); err != nil {
		t.Fatal(err)
	}
	return db
}

// *store.DB must keep satisfying the interface the web layer reads through.
var _ Store = (*store.DB)(nil)

func TestRealStorePages(t *testing.T) {
	h := New(openFixtureDB(t), quietOptions())
	contains(t, "stories", mustGet(t, h, "/"), "Calder River bridge shut", "Greyhaven library", "3 stories", `<option value="Northfield Wire">`, `<option value="Mara Ilves">`)
	contains(t, "covered", mustGet(t, h, "/?sort=covered&outlet=Ridgeline+Post"), "1 story match", "Calder River bridge shut")
	contains(t, "person filter", mustGet(t, h, "/?person=Oren+Vasko"), "Greyhaven library", "1 story match")
	contains(t, "date filter", mustGet(t, h, "/?from=2026-05-02&to=2026-05-02"), "Calder River bridge shut", "1 story match")
	contains(t, "search", mustGet(t, h, "/search?q=corroded+cables"), "<mark>", `href="/article/sentinel-bridge"`)
	contains(t, "story", mustGet(t, h, "/story/story-bridge"), "copy of", "(97%)", "attributed to", `<svg class="graph"`, "started the story", "similar coverage (score 0.41)")
	contains(t, "article", mustGet(t, h, "/article/eastport-bridge"), `class="a-source"`, `href="/story/story-bridge"`, "copy of")
	body := mustGet(t, h, "/person/Mara%20Ilves")
	contains(t, "person", body, "5 statements in 1 story", "Calder River bridge")
	if n := strings.Count(body, `class="grid compact variants"`); n != 2 {
		t.Errorf("person: want the quote's 4 renderings grouped (2 groups), got %d", n)
	}
	for _, p := range []string{"/story/none", "/article/none", "/person/Nobody"} {
		if code, _, _ := get(t, h, p); code != http.StatusNotFound {
			t.Errorf("%s: %d", p, code)
		}
	}
	for _, p := range []string{"/", "/story/story-xss", "/article/xss-1", "/search?q=quote"} {
		checkNoInjection(t, p, mustGet(t, h, p))
	}
}

func TestRealStoreAPIMatchesOpenAPI(t *testing.T) {
	validateAPI(t, loadOpenAPI(t), New(openFixtureDB(t), quietOptions()))
}
