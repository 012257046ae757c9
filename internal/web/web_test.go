package web

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/crosswire-news/crosswire/internal/link"
	"github.com/crosswire-news/crosswire/internal/model"
	"github.com/crosswire-news/crosswire/internal/store"
)

func quietOptions() Options {
	return Options{Logger: log.New(io.Discard, "", 0)}
}

func get(t *testing.T, h http.Handler, path string) (int, http.Header, string) {
	t.Helper()
	req := httptest.NewRequest("GET", path, nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Code, rec.Header(), rec.Body.String()
}

func mustGet(t *testing.T, h http.Handler, path string) string {
	t.Helper()
	code, _, body := get(t, h, path)
	if code != http.StatusOK {
		t.Fatalf("GET %s: %d\n%s", path, code, body)
	}
	return body
}

func contains(t *testing.T, what, body string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(body, w) {
			t.Errorf("%s: missing %q", what, w)
		}
	}
}

func TestSecurityHeadersEverywhere(t *testing.T) {
	h := New(newFakeStore(t), quietOptions())
	for _, p := range []string{"/", "/story/story-bridge", "/story/missing", "/nope", "/static/style.css", "/api/stories", "/api/nope", "/api/openapi.json"} {
		_, hdr, _ := get(t, h, p)
		if got := hdr.Get("Content-Security-Policy"); got != csp {
			t.Errorf("%s: CSP %q", p, got)
		}
		if !strings.Contains(hdr.Get("Content-Security-Policy"), "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
			t.Errorf("%s: CSP must allow only our own script", p)
		}
		if hdr.Get("X-Content-Type-Options") != "nosniff" || hdr.Get("Referrer-Policy") == "" {
			t.Errorf("%s: missing nosniff/referrer headers: %v", p, hdr)
		}
	}
	srv := NewServer("127.0.0.1:0", h)
	if srv.ReadTimeout == 0 || srv.ReadHeaderTimeout == 0 || srv.WriteTimeout == 0 || srv.IdleTimeout == 0 || srv.MaxHeaderBytes == 0 {
		t.Errorf("server limits not set: %+v", srv)
	}
}

func TestStoriesPage(t *testing.T) {
	h := New(newFakeStore(t), quietOptions())
	body := mustGet(t, h, "/")
	contains(t, "stories", body, "Calder River bridge shut after engineers find corroded cables", "Greyhaven library reopens",
		`href="/story/story-bridge"`, "3 stories", `<option value="Ridgeline Post">`, `<option value="Mara Ilves">`)
	// Newest first by default: the bridge (May 2) before the library (April 21).
	if strings.Index(body, "Calder River bridge shut") > strings.Index(body, "Greyhaven library reopens") {
		t.Error("default sort is not newest first")
	}
	body = mustGet(t, h, "/?sort=covered")
	contains(t, "covered", body, "<strong>most covered</strong>")
	if strings.Index(body, "Calder River bridge shut") > strings.Index(body, "Greyhaven library") {
		t.Error("covered sort does not put the 4-outlet story first")
	}
	body = mustGet(t, h, "/?outlet=Coastal+Review")
	contains(t, "outlet filter", body, "Greyhaven library", "1 story match", `<option value="Coastal Review" selected>`)
	if strings.Contains(body, "Calder River bridge shut") {
		t.Error("outlet filter let another story through")
	}
	body = mustGet(t, h, "/?person=Oren+Vasko&from=2026-04-01&to=2026-04-30")
	contains(t, "person filter", body, "Greyhaven library")
	if code, _, body := get(t, h, "/?from=yesterday"); code != http.StatusBadRequest || !strings.Contains(body, "YYYY-MM-DD") {
		t.Errorf("bad date: %d", code)
	}
	// Paging: one story per page.
	small := New(newFakeStore(t), Options{PageSize: 1, Logger: log.New(io.Discard, "", 0)})
	body = mustGet(t, small, "/?page=2")
	contains(t, "page 2", body, "Page 2 of 3", `href="/?page=1"`, `href="/?page=3"`)
}

func TestSearchPage(t *testing.T) {
	h := New(newFakeStore(t), quietOptions())
	body := mustGet(t, h, "/search?q=corroded")
	contains(t, "search", body, "<mark>corroded</mark>", `href="/article/sentinel-bridge"`, `value="corroded"`)
	// A match inside hostile text is escaped before the mark is added.
	body = mustGet(t, h, "/search?q=is+a+quote")
	contains(t, "search xss", body, "&lt;script&gt;", "<mark>is a quote</mark>")
	body = mustGet(t, h, "/search?q=zzzzunfound")
	contains(t, "no hits", body, "Nothing matches")
	if code, _, _ := get(t, h, "/search?q="+strings.Repeat("a", 600)); code != http.StatusBadRequest {
		t.Errorf("long query: %d", code)
	}
}

func TestStoryPage(t *testing.T) {
	h := New(newFakeStore(t), quietOptions())
	body := mustGet(t, h, "/story/story-bridge")
	contains(t, "story", body,
		"4 articles", "4 outlets", "1 independent source", "Lakeshore Press Agency",
		"The Valley Sentinel", "Ridgeline Post", "Pavel Okonjo, Lise Marr",
		"first report", "&#43;1h 30m", "&#43;5h 15m",
		`copy of <a href="/article/sentinel-bridge"`, "(97%)",
		// quote table: a word-level diff and the misattribution
		"<ins>", "<del>", `attributed to <a href="/person/Ada%20Fenwick">Ada Fenwick</a>`, "class=\"misattributed\"",
		// claim matrix: unique claims highlighted
		`<tr class="unique">`, "forty-minute detour", "2 claims only one outlet carries",
		// provenance graph and timeline are inline SVG
		`<svg class="graph"`, `class="edge cite"`, `class="edge copy"`, `<svg class="timeline"`, "Copies",
		"Speaker mismatch", "Wording changed",
		// how each article joined the story
		`<div class="joined">started the story</div>`, `<div class="joined">similar coverage (score 0.41)</div>`,
		`<div class="joined copy-note">copy of <a href="/article/sentinel-bridge"`, `<div class="joined">same incident day</div>`)
	contains(t, "story stored before joins were kept", mustGet(t, h, "/story/story-library"), `<div class="joined">how it joined: unknown</div>`)
	if code, _, body := get(t, h, "/story/missing"); code != http.StatusNotFound || !strings.Contains(body, "Story not found") {
		t.Errorf("missing story: %d", code)
	}
}

// A story the linker folded into another after the fact is gone, but
// links to it lead on, page and API alike, straight to the end of a chain.
func TestFoldedStoryRedirects(t *testing.T) {
	f := newFakeStore(t)
	f.folds = map[string]string{"story-old": "story-mid", "story-mid": "story-bridge"}
	h := New(f, quietOptions())
	for _, tc := range []struct{ path, want string }{
		{"/story/story-old", "/story/story-bridge"},
		{"/story/story-mid", "/story/story-bridge"},
		{"/api/stories/story-old", "/api/stories/story-bridge"},
	} {
		code, hdr, body := get(t, h, tc.path)
		if code != http.StatusMovedPermanently || hdr.Get("Location") != tc.want {
			t.Errorf("GET %s: %d to %q, want %d to %s", tc.path, code, hdr.Get("Location"), http.StatusMovedPermanently, tc.want)
		}
		if strings.HasPrefix(tc.path, "/api/") && (!strings.HasPrefix(hdr.Get("Content-Type"), "application/json") || !strings.Contains(body, `"folded_into": "story-bridge"`)) {
			t.Errorf("GET %s: not a JSON answer: %s %s", tc.path, hdr.Get("Content-Type"), body)
		}
	}
	if code, _, _ := get(t, h, "/story/missing"); code != http.StatusNotFound {
		t.Errorf("story never stored nor folded: %d", code)
	}
	if code, _, _ := get(t, h, "/api/stories/missing"); code != http.StatusNotFound {
		t.Errorf("api: story never stored nor folded: %d", code)
	}

	// The same through the real store, after a real fold.
	db := openFixtureDB(t)
	var bridge, library *model.Story
	for _, s := range fixtureStories() {
		switch s.ID {
		case "story-bridge":
			bridge = s
		case "story-library":
			library = s
		}
	}
	merged := *bridge
	merged.Articles = append(append([]model.StoryArticle(nil), bridge.Articles...), library.Articles...)
	if err := db.Fold(context.Background(), store.Fold{From: "story-library", Into: "story-bridge"}, &merged); err != nil {
		t.Fatal(err)
	}
	h = New(db, quietOptions())
	if code, hdr, _ := get(t, h, "/story/story-library"); code != http.StatusMovedPermanently || hdr.Get("Location") != "/story/story-bridge" {
		t.Errorf("real store: folded story gives %d to %q", code, hdr.Get("Location"))
	}
	contains(t, "story after the fold", mustGet(t, h, "/story/story-bridge"), "Greyhaven library reopens", "Calder River bridge shut")
	if code, _, _ := get(t, h, "/story/none"); code != http.StatusNotFound {
		t.Errorf("real store: missing story %d", code)
	}
}

// Every rule the linker places articles by has words on the story page,
// and the OpenAPI document names exactly those rules.
func TestJoinNotes(t *testing.T) {
	cases := []struct {
		a        model.StoryArticle
		text     string
		withCopy bool
	}{
		{model.StoryArticle{JoinedBy: "new"}, "started the story", false},
		{model.StoryArticle{JoinedBy: "duplicate", CopyOf: "a"}, "same text as", true},
		{model.StoryArticle{JoinedBy: "copy", CopyOf: "a"}, "copy of", true},
		{model.StoryArticle{JoinedBy: "incident-name"}, "named the same incident person", false},
		{model.StoryArticle{JoinedBy: "score", JoinScore: 0.4137}, "similar coverage (score 0.41)", false},
		{model.StoryArticle{JoinedBy: "incident-day"}, "same incident day", false},
		{model.StoryArticle{JoinedBy: "named-person"}, "named the same person", false},
		{model.StoryArticle{}, "how it joined: unknown", false},
		{model.StoryArticle{CopyOf: "a"}, "copy of", true},
	}
	for _, c := range cases {
		if text, withCopy := joinNote(c.a); text != c.text || withCopy != c.withCopy {
			t.Errorf("joinNote(%q) = %q %v, want %q %v", c.a.JoinedBy, text, withCopy, c.text, c.withCopy)
		}
	}
	enum := loadOpenAPI(t).doc["components"].(map[string]any)["schemas"].(map[string]any)["JoinedBy"].(map[string]any)["enum"].([]any)
	if len(enum) != len(joinLabels) {
		t.Errorf("openapi JoinedBy has %d values, the page labels %d", len(enum), len(joinLabels))
	}
	for _, v := range enum {
		if joinLabels[link.Via(v.(string))] == "" {
			t.Errorf("openapi JoinedBy %q has no label on the story page", v)
		}
	}
}

func TestStoryViewColumns(t *testing.T) {
	s := fixtureStories()[0]
	v := buildStoryView(s)
	if want := []string{"The Valley Sentinel", "Ridgeline Post", "Eastport Herald", "Northfield Wire"}; strings.Join(v.Outlets, "|") != strings.Join(want, "|") {
		t.Fatalf("outlet columns %q", v.Outlets)
	}
	renn := v.Quotes[1]
	if !renn.Misattributed || len(renn.Cells) != 4 || renn.Cells[3] != nil {
		t.Fatalf("Renn row: %+v", renn)
	}
	if !renn.Cells[1][0].Misattributed || renn.Cells[0][0].Misattributed {
		t.Error("misattribution on the wrong variant")
	}
	if v.Quotes[0].Cells[2][0].Changed {
		t.Error("an identical copy is marked as changed")
	}
	if !v.Quotes[0].Cells[1][0].Changed {
		t.Error("a reworded variant is not marked as changed")
	}
	var unique []string
	for _, c := range v.Claims {
		if c.Unique {
			unique = append(unique, c.Text)
		}
	}
	if len(unique) != 2 || v.UniqueClaims != 2 {
		t.Errorf("unique claims %q", unique)
	}
	// graph: one origin, three reports, one copy; edges 3 cites + 1 copy.
	var cls []string
	for _, n := range v.Graph.Nodes {
		cls = append(cls, n.Class)
	}
	if strings.Join(cls, ",") != "origin,article,article,article,copy" || len(v.Graph.Edges) != 4 {
		t.Errorf("graph nodes %v, %d edges", cls, len(v.Graph.Edges))
	}
	// timeline: dots in time order, left to right.
	for i := 1; i < len(v.Timeline.Rows); i++ {
		if v.Timeline.Rows[i].X < v.Timeline.Rows[i-1].X {
			t.Errorf("timeline not ordered: %+v", v.Timeline.Rows)
		}
	}
	if last := v.Timeline.Ticks[len(v.Timeline.Ticks)-1]; last.X != v.Timeline.X1 {
		t.Errorf("axis does not end on a tick: %+v", v.Timeline.Ticks)
	}
}

func TestArticlePage(t *testing.T) {
	h := New(newFakeStore(t), quietOptions())
	body := mustGet(t, h, "/article/sentinel-bridge")
	contains(t, "article", body,
		`<span class="a-source" title="source: Mara Ilves">Ilves</span>`,
		`<span class="a-cue"`, `<span class="a-content" title="direct quote — Mara Ilves">We will not reopen a bridge we cannot vouch for,</span>`,
		"<details class=\"dropped\">", "3 lines dropped as boilerplate", "Sign up for our morning briefing",
		`href="/person/Tobias%20Renn"`, "spokesman for the transit workers&#39; union",
		`href="/story/story-bridge"`, `href="https://valley-sentinel.example/bridge"`)
	if code, _, _ := get(t, h, "/article/none"); code != http.StatusNotFound {
		t.Errorf("missing article: %d", code)
	}
}

func TestSegmentsOverlapAndClamp(t *testing.T) {
	text := `Le maire a dit « ça suffit » hier.`
	i := strings.Index(text, "ça")
	attrs := []model.Attribution{
		// content overlapping the cue, a source nested in the content, and
		// offsets out of range and inside a UTF-8 sequence.
		{Kind: "direct", Content: model.Span{Start: 3, End: i + 9}, Cue: model.Span{Start: 9, End: 15}, Source: &model.Span{Start: 3, End: 8}, Speaker: "Le Maire"},
		{Kind: "partial", Content: model.Span{Start: i + 1, End: 9999}, Cue: model.Span{Start: -5, End: 2}},
	}
	segs := buildSegments(text, attrs)
	var joined strings.Builder
	for _, s := range segs {
		joined.WriteString(s.Text)
	}
	if joined.String() != text {
		t.Fatalf("segments do not rebuild the text: %q", joined.String())
	}
	find := func(sub string) segment {
		for _, s := range segs {
			if s.Text == sub {
				return s
			}
		}
		t.Fatalf("no segment %q in %+v", sub, segs)
		return segment{}
	}
	if s := find("maire"); s.Class != "a-content a-source" {
		t.Errorf("nested source: %q", s.Class)
	}
	if s := find("a dit "); s.Class != "a-content a-cue" {
		t.Errorf("overlapping cue: %q", s.Class)
	}
	for _, s := range segs {
		if !strings.HasPrefix(text[strings.Index(text, s.Text):], s.Text) || !isValidUTF8(s.Text) {
			t.Errorf("segment %q splits a character", s.Text)
		}
	}
}

func isValidUTF8(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }

func TestPersonPage(t *testing.T) {
	h := New(newFakeStore(t), quietOptions())
	body := mustGet(t, h, "/person/Mara%20Ilves")
	contains(t, "person", body, "<h1>Mara Ilves</h1>", "5 statements in 1 story", "Public Works Director",
		`href="/story/story-bridge"`, "We won&#39;t reopen", "<ins>", "Northfield Wire")
	// The four renderings of the one quote sit in one table, the
	// paraphrase in another.
	if n := strings.Count(body, `class="grid compact variants"`); n != 2 {
		t.Errorf("want 2 statement groups (paraphrase, quote), got %d", n)
	}
	if code, _, _ := get(t, h, "/person/Nobody%20Here"); code != http.StatusNotFound {
		t.Errorf("unknown person: %d", code)
	}
}

func TestStaticAndFavicon(t *testing.T) {
	h := New(newFakeStore(t), quietOptions())
	code, hdr, body := get(t, h, "/static/style.css")
	if code != 200 || !strings.HasPrefix(hdr.Get("Content-Type"), "text/css") || !strings.Contains(body, "a-source") {
		t.Errorf("style.css: %d %s", code, hdr.Get("Content-Type"))
	}
	code, hdr, _ = get(t, h, "/static/app.js")
	if code != 200 || !strings.Contains(hdr.Get("Content-Type"), "javascript") {
		t.Errorf("app.js: %d %s", code, hdr.Get("Content-Type"))
	}
	if code, _, _ := get(t, h, "/favicon.ico"); code != http.StatusMovedPermanently {
		t.Errorf("favicon: %d", code)
	}
	if code, _, _ := get(t, h, "/static/../web.go"); code == 200 {
		t.Error("static serves outside its directory")
	}
}

// TestNoInjection renders every page that shows the hostile article and
// parses the HTML: the only script is ours, no element has an event
// handler attribute, no link or source uses a non-http scheme, and the
// payload's <img> never becomes an element.
func TestNoInjection(t *testing.T) {
	h := New(newFakeStore(t), quietOptions())
	pages := []string{"/", "/story/story-xss", "/article/xss-1", "/search?q=is+a+quote", "/search?q=" + strings.ReplaceAll(xssPayload[:20], " ", "+"),
		"/person/Eve%20" + strings.ReplaceAll(strings.ReplaceAll(xssPayload, "/", "%2F"), " ", "%20")}
	for _, p := range pages {
		code, _, body := get(t, h, p)
		if code != 200 && code != 404 {
			t.Errorf("%s: %d", p, code)
		}
		checkNoInjection(t, p, body)
	}
	// The payload text is visible, escaped.
	body := mustGet(t, h, "/article/xss-1")
	if !strings.Contains(body, "&lt;script&gt;window.__pwned=1") {
		t.Error("payload not shown escaped")
	}
	if strings.Contains(body, `href="javascript`) || strings.Contains(body, "Evil <") {
		t.Error("unescaped payload")
	}
}

func checkNoInjection(t *testing.T, page, body string) {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatalf("%s: parse: %v", page, err)
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script":
				if attr(n, "src") != "/static/app.js" || n.FirstChild != nil {
					t.Errorf("%s: foreign script element %v", page, n.Attr)
				}
			case "img", "iframe", "object", "embed", "base", "meta":
				if n.Data != "meta" || attr(n, "http-equiv") != "" {
					t.Errorf("%s: injected <%s> %v", page, n.Data, n.Attr)
				}
			}
			for _, a := range n.Attr {
				k := strings.ToLower(a.Key)
				if strings.HasPrefix(k, "on") || k == "style" || k == "srcdoc" {
					t.Errorf("%s: <%s %s=%q>", page, n.Data, a.Key, a.Val)
				}
				if k == "href" || k == "src" || k == "action" || k == "xlink:href" {
					v := strings.ToLower(strings.TrimSpace(a.Val))
					if !(strings.HasPrefix(v, "/") || strings.HasPrefix(v, "#") || strings.HasPrefix(v, "http://") || strings.HasPrefix(v, "https://")) || strings.HasPrefix(v, "//") {
						t.Errorf("%s: <%s %s=%q>", page, n.Data, a.Key, a.Val)
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func TestHTTPURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://a.example/x?y=1": "https://a.example/x?y=1",
		"HTTP://a.example":        "http://a.example",
		"javascript:alert(1)":     "",
		" JavaScript:alert(1)":    "",
		"data:text/html,hi":       "",
		"/relative":               "",
		"//evil.example/x":        "",
		"":                        "",
	} {
		if got := httpURL(in); got != want {
			t.Errorf("httpURL(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSnippetEscapesBeforeMarking(t *testing.T) {
	got := string(snippetHTML("a <b>\x02x&y\x03 \x03 \x02open"))
	want := "a &lt;b&gt;<mark>x&amp;y</mark>  <mark>open</mark>"
	if got != want {
		t.Errorf("snippetHTML = %q, want %q", got, want)
	}
	plain, hs := snippetPlain("a \x02bc\x03 d")
	if plain != "a bc d" || len(hs) != 1 || plain[hs[0].Start:hs[0].End] != "bc" {
		t.Errorf("snippetPlain = %q %v", plain, hs)
	}
}

type fakeIngester struct {
	got  []byte
	name string
	err  error
}

func (f *fakeIngester) IngestBytes(ctx context.Context, name string, body []byte) (IngestResult, error) {
	f.got, f.name = body, name
	return IngestResult{Read: 2, New: 1, Duplicate: 1}, f.err
}

func TestIngest(t *testing.T) {
	post := func(h http.Handler, auth string, body []byte) *httptest.ResponseRecorder {
		req := httptest.NewRequest("POST", "/api/ingest?name=feed.jsonl", bytes.NewReader(body))
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	line := []byte(`{"id":"x","title":"T","text":"Body."}` + "\n")
	// Read-only by default.
	if rec := post(New(newFakeStore(t), quietOptions()), "Bearer s3cret", line); rec.Code != http.StatusForbidden {
		t.Errorf("default server accepted ingest: %d", rec.Code)
	}
	ing := &fakeIngester{}
	opt := quietOptions()
	opt.Ingester, opt.IngestToken, opt.MaxIngestBytes = ing, "s3cret-token", 1024
	h := New(newFakeStore(t), opt)
	for _, auth := range []string{"", "Bearer wrong", "Bearer s3cret-token2", "Basic s3cret-token", "bearer s3cret-token"} {
		if rec := post(h, auth, line); rec.Code != http.StatusUnauthorized {
			t.Errorf("auth %q: %d", auth, rec.Code)
		}
	}
	if ing.got != nil {
		t.Fatal("ingester called without a valid token")
	}
	rec := post(h, "Bearer s3cret-token", line)
	if rec.Code != http.StatusOK || !bytes.Equal(ing.got, line) || ing.name != "feed.jsonl" {
		t.Fatalf("ingest: %d %s (got %q as %q)", rec.Code, rec.Body, ing.got, ing.name)
	}
	contains(t, "ingest result", rec.Body.String(), `"read": 2`, `"new": 1`, `"duplicate": 1`, `"errors": []`)
	if rec := post(h, "Bearer s3cret-token", bytes.Repeat([]byte("a"), 2048)); rec.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("oversize body: %d", rec.Code)
	}
	ing.err = errors.New("bad line 3")
	if rec := post(h, "Bearer s3cret-token", line); rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "bad line 3") {
		t.Errorf("failing pipeline: %d %s", rec.Code, rec.Body)
	}
	// GET on the ingest path is not a way in either.
	if code, _, _ := get(t, h, "/api/ingest"); code == http.StatusOK {
		t.Error("GET /api/ingest answered 200")
	}
}

func TestWrongMethod(t *testing.T) {
	h := New(newFakeStore(t), quietOptions())
	for _, p := range []string{"/api/stories", "/story/story-bridge", "/"} {
		req := httptest.NewRequest("POST", p, strings.NewReader("x"))
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusMethodNotAllowed {
			t.Errorf("POST %s: %d", p, rec.Code)
		}
	}
}

// A big story switches to the dense article table and compact graph.
func TestBigStoryLayout(t *testing.T) {
	s := &model.Story{ID: "big", Title: "Big", FirstPublished: "2026-01-01T00:00:00Z", IndependentSources: 1}
	o := model.Origin{Source: "Agency"}
	for i := 0; i < 30; i++ {
		id := "a" + strings.Repeat("x", i)
		a := model.StoryArticle{ID: id, Outlet: "Outlet " + string(rune('A'+i)), Title: "T", Published: "2026-01-01T00:00:00Z", DelaySeconds: int64(i * 600)}
		if i%5 == 4 {
			a.CopyOf, a.Similarity = "a", 0.95
		} else {
			o.CitedBy = append(o.CitedBy, id)
		}
		s.Articles = append(s.Articles, a)
	}
	s.Origins = []model.Origin{o}
	g := model.QuoteGroup{Speaker: "Mara Ilves"}
	for i, a := range s.Articles {
		v := model.Variant{Article: a.ID, Text: "We will not reopen the bridge", Speaker: "Mara Ilves", Kind: model.KindDirect}
		switch {
		case i%3 == 1:
			v.Text = "We won't reopen the bridge."
		case i == 29:
			v.Speaker = "Ada Fenwick"
		}
		g.Variants = append(g.Variants, v)
	}
	s.QuoteGroups = []model.QuoteGroup{g}
	f := newFakeStore(t)
	f.stories["big"] = s
	body := mustGet(t, New(f, quietOptions()), "/story/big")
	contains(t, "big story", body, `<table class="grid articles">`, "Outlet Z", "copy",
		// one row per distinct wording, with the outlets carrying it
		`<table class="grid wordings">`, "30 outlets · 3 wordings", "<strong>19</strong>", "<strong>10</strong>",
		`attributed to <a href="/person/Ada%20Fenwick">`)
	if strings.Contains(body, `<table class="grid quotes">`) {
		t.Error("30 outlets rendered as 30 quote columns")
	}
	if strings.Contains(body, `<div class="cards">`) {
		t.Error("30 articles rendered as cards")
	}
	v := buildStoryView(s)
	if v.Graph.Height > 30*26+100 {
		t.Errorf("graph %dpx tall for 30 articles", v.Graph.Height)
	}
}
