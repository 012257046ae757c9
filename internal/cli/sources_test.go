package cli

// End-to-end tests of the commands that take news from the web: fetch,
// feeds add|import|export|list|remove and watch --once. They run in-process
// against an httptest server on loopback that serves invented articles about
// one invented event, an RSS feed, an Atom feed, a malformed feed and a
// robots.txt.

import (
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/crosswire-news/crosswire/internal/feed"
)

// An invented article; nothing here is taken from real reporting.
type newsPage struct {
	path, site, title, author, published string
	paras                                []string
}

var newsPages = []newsPage{
	{
		path:      "/herald/2026/11/20/kelvale-bridge-closed.html",
		site:      "Brannock Herald",
		title:     "Kelvale Bridge closed after inspectors find corroded cables",
		author:    "Mirela Quast",
		published: "2026-11-20T08:15:00Z",
		paras: []string{
			`The Kelvale Bridge, the only road link between Brannock and the villages of the Orrin valley, was closed to all traffic on Friday morning after inspectors found corrosion on four of its suspension cables.`,
			`"We could not in good conscience let another lorry cross it," said Rui Okafor-Lind, the chief engineer of the Brannock roads department. "Two of the cables have lost more than a third of their strength."`,
			`Mayor Ilse Tamaro said a temporary ferry would run from the old quay from Monday. "Nobody in the valley will be cut off for longer than a weekend," she told reporters outside the town hall.`,
			`The bridge, opened in 1961, was last fully inspected nine years ago. The council has not said how long repairs will take or what they will cost.`,
		},
	},
	{
		path:      "/dispatch/valley-residents-face-long-detour.html",
		site:      "Valley Dispatch",
		title:     "Orrin valley residents face 40-kilometre detour as Kelvale Bridge shuts",
		author:    "Tobias Wrenfield",
		published: "2026-11-20T11:40:00Z",
		paras: []string{
			`Residents of the Orrin valley woke on Friday to find the Kelvale Bridge fenced off, leaving a 40-kilometre detour over the Sarn pass as the only way into Brannock.`,
			`"Two of the cables have lost more than a third of their strength," chief engineer Rui Okafor-Lind said at a briefing, adding that the closure was "not a precaution but a necessity".`,
			`Hanne Vosberg, who runs the bakery in Lower Orrin, said she had cancelled her deliveries for the week. "My van cannot take the pass in snow, and it will snow," she said.`,
			`Mayor Ilse Tamaro promised a ferry from the old quay by Monday and said the council would ask the regional government for emergency funds.`,
		},
	},
	{
		path:      "/observer/news/kelvale-ferry-plan.html",
		site:      "Lowmarsh Observer",
		title:     "Ferry to replace Kelvale Bridge crossing from Monday, mayor says",
		author:    "Petra Lindqvist-Oduya",
		published: "2026-11-21T09:05:00Z",
		paras: []string{
			`A passenger ferry will carry residents across the Orrin river from Monday while the closed Kelvale Bridge is repaired, Brannock's mayor said on Saturday.`,
			`"Nobody in the valley will be cut off for longer than a weekend," Mayor Ilse Tamaro said. The ferry will run every twenty minutes from the old quay between six in the morning and ten at night.`,
			`The opposition councillor Gideon Marsh said the closure had been "entirely foreseeable" and called for the inspection reports of the past decade to be published.`,
			`The roads department said lorries would be directed over the Sarn pass until further notice.`,
		},
	},
}

// embargoed is served under a path robots.txt disallows.
var embargoed = newsPage{
	path:      "/private/kelvale-internal-memo.html",
	site:      "Brannock Herald",
	title:     "Internal memo on Kelvale Bridge repairs",
	author:    "Staff",
	published: "2026-11-22T07:00:00Z",
	paras:     []string{`This page must never be fetched by a crawler that honours robots.txt, so no test should ever see this sentence stored.`},
}

func (p newsPage) html() string {
	var b strings.Builder
	e := html.EscapeString
	fmt.Fprintf(&b, `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>%s | %s</title>
<meta property="og:site_name" content="%s">
<meta property="og:title" content="%s">
<meta name="author" content="%s">
<meta property="article:published_time" content="%s">
</head>
<body>
<header><nav><a href="/">Home</a> | <a href="/local">Local</a> | <a href="/sport">Sport</a></nav></header>
<main>
<article>
<h1>%s</h1>
<p class="byline">By %s</p>
`, e(p.title), e(p.site), e(p.site), e(p.title), e(p.author), p.published, e(p.title), e(p.author))
	for _, para := range p.paras {
		fmt.Fprintf(&b, "<p>%s</p>\n", e(para))
	}
	fmt.Fprintf(&b, `</article>
<aside><h2>Most Read</h2><ul><li><a href="/a">Harvest fair moves indoors</a></li></ul></aside>
</main>
<footer><p>Follow us</p><p>&copy; 2026 %s</p></footer>
</body>
</html>
`, e(p.site))
	return b.String()
}

// newsServer is the loopback test site. It counts requests by path and
// answers a conditional feed request with 304 when If-None-Match matches.
type newsServer struct {
	*httptest.Server
	mu       sync.Mutex
	hits     map[string]int
	notMod   map[string]int
	feeds    map[string]string // path -> body
	etags    map[string]string // path -> ETag
	feedType map[string]string
}

func newNewsServer(t *testing.T) *newsServer {
	t.Helper()
	s := &newsServer{hits: map[string]int{}, notMod: map[string]int{}, feeds: map[string]string{}, etags: map[string]string{}, feedType: map[string]string{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	base := s.URL

	// RSS 2.0: the Herald and the Dispatch articles, absolute links.
	var rss strings.Builder
	rss.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
<channel>
<title>Brannock Herald: Local</title>
<link>` + base + `/</link>
<description>Local news from Brannock and the Orrin valley</description>
`)
	for i, p := range newsPages[:2] {
		fmt.Fprintf(&rss, "<item><title>%s</title><link>%s%s</link><guid isPermaLink=\"false\">herald-%d</guid><pubDate>%s</pubDate><description>%s</description></item>\n",
			html.EscapeString(p.title), base, p.path, 1001+i, rfc1123(p.published), html.EscapeString(p.paras[0]))
	}
	rss.WriteString("</channel>\n</rss>\n")
	s.addFeed("/feeds/local.rss", rss.String(), `"rss-v1"`, "application/rss+xml")

	// Atom: the Observer article plus the Herald one again (a duplicate
	// across feeds), with links relative to the feed.
	atom := `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Lowmarsh Observer</title>
<id>urn:uuid:5c1e0b2a-7d43-4c55-9a61-0e2f3b4c5d6e</id>
<updated>2026-11-21T09:05:00Z</updated>
<link href="/observer/"/>
<entry>
<title>` + html.EscapeString(newsPages[2].title) + `</title>
<link href="..` + newsPages[2].path + `"/>
<id>urn:observer:kelvale-ferry-plan</id>
<updated>` + newsPages[2].published + `</updated>
<author><name>` + newsPages[2].author + `</name></author>
</entry>
<entry>
<title>` + html.EscapeString(newsPages[0].title) + `</title>
<link href="..` + newsPages[0].path + `"/>
<id>urn:observer:via-herald-kelvale</id>
<updated>` + newsPages[0].published + `</updated>
</entry>
</feed>
`
	s.addFeed("/feeds/observer.atom", atom, `W/"atom-7"`, "application/atom+xml")

	// A feed cut off mid-item.
	s.addFeed("/feeds/broken.rss", `<?xml version="1.0"?>
<rss version="2.0"><channel><title>Broken Wire</title>
<item><title>Kelvale Bridge: what we know</title><link>`+base+`/broken/1.html</link><guid>b-1`, "", "application/rss+xml")

	// A feed whose second item lies under a path robots.txt disallows.
	s.addFeed("/feeds/mixed.rss", `<?xml version="1.0"?>
<rss version="2.0"><channel><title>Herald mixed</title><link>`+base+`/</link><description>x</description>
<item><title>`+html.EscapeString(newsPages[2].title)+`</title><link>`+base+newsPages[2].path+`</link><guid>m-1</guid></item>
<item><title>`+html.EscapeString(embargoed.title)+`</title><link>`+base+embargoed.path+`</link><guid>m-2</guid></item>
</channel></rss>
`, "", "application/rss+xml")
	return s
}

func (s *newsServer) addFeed(path, body, etag, ctype string) {
	s.feeds[path], s.etags[path], s.feedType[path] = body, etag, ctype
}

func rfc1123(rfc3339 string) string {
	// "2026-11-20T08:15:00Z" -> "Fri, 20 Nov 2026 08:15:00 +0000"; the
	// dates are fixed, so a small table is enough.
	days := map[string]string{"2026-11-20": "Fri, 20 Nov 2026", "2026-11-21": "Sat, 21 Nov 2026"}
	return days[rfc3339[:10]] + " " + rfc3339[11:19] + " +0000"
}

func (s *newsServer) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.hits[r.URL.Path]++
	s.mu.Unlock()
	if r.URL.Path == "/robots.txt" {
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
		return
	}
	if body, ok := s.feeds[r.URL.Path]; ok {
		etag := s.etags[r.URL.Path]
		if etag != "" {
			if r.Header.Get("If-None-Match") == etag {
				s.mu.Lock()
				s.notMod[r.URL.Path]++
				s.mu.Unlock()
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("ETag", etag)
		}
		w.Header().Set("Content-Type", s.feedType[r.URL.Path])
		fmt.Fprint(w, body)
		return
	}
	for _, p := range append(newsPages[:len(newsPages):len(newsPages)], embargoed) {
		if r.URL.Path == p.path {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, p.html())
			return
		}
	}
	http.NotFound(w, r)
}

func (s *newsServer) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

func (s *newsServer) total() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, c := range s.hits {
		n += c
	}
	return n
}

func (s *newsServer) notModified(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.notMod[path]
}

// fast are the fetch flags every test passes: the server is on loopback,
// and a negative host interval turns the 1 s politeness delay off (0 would
// mean the default).
var fast = []string{"--allow-private", "--host-interval=0", "--timeout", "10s"}

func cmd(db string, args ...string) []string {
	out := append([]string{}, args...)
	return append(out, "--db", db)
}

func withFast(args ...string) []string {
	return append(args, fast...)
}

func tempDB(t *testing.T) string {
	t.Helper()
	return filepath.Join(t.TempDir(), "cw.db")
}

type storyRow struct {
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	Articles    int      `json:"articles"`
	OutletNames []string `json:"outlet_names"`
}

type hitRow struct {
	ArticleID string `json:"article_id"`
	Title     string `json:"title"`
	Outlet    string `json:"outlet"`
	Snippet   string `json:"snippet"`
}

// storedArticles counts the articles the store holds, via stories --json.
func storedArticles(t *testing.T, db string) int {
	t.Helper()
	code, out, errs := run(t, "", cmd(db, "stories", "--json", "--limit", "100")...)
	if code != ExitOK {
		t.Fatalf("stories: code %d stderr %s", code, errs)
	}
	n := 0
	for _, s := range decodeLines[storyRow](t, out) {
		n += s.Articles
	}
	return n
}

func TestFetchStoresPageAndSearchFindsIt(t *testing.T) {
	srv := newNewsServer(t)
	db := tempDB(t)
	u := srv.URL + newsPages[0].path

	code, out, errs := run(t, "", withFast(cmd(db, "fetch", u)...)...)
	if code != ExitOK {
		t.Fatalf("fetch: code %d stdout %q stderr %q", code, out, errs)
	}
	if !strings.Contains(out, "fetched 1 of 1, new 1, duplicate 0, failed 0") || !strings.Contains(out, db) {
		t.Errorf("fetch summary: %q", out)
	}
	if errs != "" {
		t.Errorf("fetch wrote to stderr on success: %q", errs)
	}
	if srv.count("/robots.txt") != 1 || srv.count(newsPages[0].path) != 1 {
		t.Errorf("requests: robots %d, page %d; want 1 each", srv.count("/robots.txt"), srv.count(newsPages[0].path))
	}

	code, out, errs = run(t, "", cmd(db, "stories", "--json")...)
	stories := decodeLines[storyRow](t, out)
	if code != ExitOK || len(stories) != 1 || stories[0].Articles != 1 {
		t.Fatalf("stories: code %d %+v stderr %q", code, stories, errs)
	}
	if stories[0].Title != newsPages[0].title || len(stories[0].OutletNames) != 1 || stories[0].OutletNames[0] != "Brannock Herald" {
		t.Errorf("stored story %+v, want title %q from Brannock Herald", stories[0], newsPages[0].title)
	}

	code, out, _ = run(t, "", cmd(db, "search", "--json", "corrosion")...)
	hits := decodeLines[hitRow](t, out)
	if code != ExitOK || len(hits) != 1 || hits[0].Title != newsPages[0].title || !strings.Contains(hits[0].Snippet, "corrosion") {
		t.Fatalf("search corrosion: code %d %+v", code, hits)
	}
	code, out, _ = run(t, "", cmd(db, "story", stories[0].ID)...)
	if code != ExitOK || !strings.Contains(out, "Okafor-Lind") {
		t.Errorf("story does not name the quoted engineer: code %d\n%s", code, out)
	}

	// The same page again is a duplicate, not a second article.
	code, out, _ = run(t, "", withFast(cmd(db, "fetch", u)...)...)
	if code != ExitOK || !strings.Contains(out, "fetched 1 of 1, new 0, duplicate 1, failed 0") {
		t.Errorf("second fetch: code %d out %q", code, out)
	}

	// Two more outlets' reports of the same event join the story.
	code, out, errs = run(t, "", withFast(cmd(db, "fetch", srv.URL+newsPages[1].path, srv.URL+newsPages[2].path)...)...)
	if code != ExitOK || !strings.Contains(out, "fetched 2 of 2, new 2") {
		t.Fatalf("fetch two: code %d out %q stderr %q", code, out, errs)
	}
	if n := storedArticles(t, db); n != 3 {
		t.Errorf("%d articles stored, want 3", n)
	}
	if srv.count("/robots.txt") != 3 {
		t.Errorf("robots.txt fetched %d times over three runs, want once per run", srv.count("/robots.txt"))
	}
}

func TestFetchRefusesLoopbackWithoutAllowPrivate(t *testing.T) {
	srv := newNewsServer(t)
	db := tempDB(t)
	u := srv.URL + newsPages[0].path
	code, out, errs := run(t, "", cmd(db, "fetch", "--host-interval=0", u)...)
	if code != ExitPartial {
		t.Fatalf("code %d, want %d (stdout %q stderr %q)", code, ExitPartial, out, errs)
	}
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	if len(lines) != 1 || !strings.Contains(lines[0], u) || !strings.Contains(lines[0], "loopback") || !strings.Contains(lines[0], "--allow-private") {
		t.Errorf("want one stderr line naming %s, loopback and --allow-private; got %q", u, errs)
	}
	if !strings.Contains(out, "fetched 0 of 1, new 0, duplicate 0, failed 1") {
		t.Errorf("summary %q", out)
	}
	if n := srv.total(); n != 0 {
		t.Errorf("the refused fetch still sent %d requests to the server", n)
	}
	if n := storedArticles(t, db); n != 0 {
		t.Errorf("%d articles stored from a refused URL", n)
	}

	// "localhost" is refused too, after resolution, naming the page asked
	// for rather than its robots.txt.
	lu := strings.Replace(u, "127.0.0.1", "localhost", 1)
	code, _, errs = run(t, "", cmd(db, "fetch", "--host-interval=0", lu)...)
	if code != ExitPartial || !strings.Contains(errs, lu) || !strings.Contains(errs, "loopback") || strings.Contains(errs, "robots.txt") {
		t.Errorf("localhost: code %d stderr %q", code, errs)
	}
	if n := srv.total(); n != 0 {
		t.Errorf("the refused localhost fetch sent %d requests", n)
	}
}

func TestFetchHonoursRobotsTxt(t *testing.T) {
	srv := newNewsServer(t)
	db := tempDB(t)
	bad, good := srv.URL+embargoed.path, srv.URL+newsPages[1].path
	code, out, errs := run(t, "", withFast(cmd(db, "fetch", bad, good)...)...)
	if code != ExitPartial {
		t.Fatalf("code %d, want %d (stdout %q stderr %q)", code, ExitPartial, out, errs)
	}
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	if len(lines) != 1 || !strings.Contains(lines[0], bad) || !strings.Contains(lines[0], "disallowed by robots.txt") {
		t.Errorf("want one stderr line naming %s and robots.txt; got %q", bad, errs)
	}
	if !strings.Contains(out, "fetched 1 of 2, new 1, duplicate 0, failed 1") {
		t.Errorf("summary %q", out)
	}
	if n := srv.count(embargoed.path); n != 0 {
		t.Errorf("the disallowed page was requested %d times", n)
	}
	if srv.count("/robots.txt") != 1 {
		t.Errorf("robots.txt fetched %d times in one run, want 1", srv.count("/robots.txt"))
	}
	code, out, _ = run(t, "", cmd(db, "search", "--json", "crawler")...)
	if code != ExitOK || len(decodeLines[hitRow](t, out)) != 0 {
		t.Errorf("text of the disallowed page is searchable: %s", out)
	}
	if n := storedArticles(t, db); n != 1 {
		t.Errorf("%d articles stored, want 1 (the allowed page)", n)
	}
}

func TestFetchUsageAndBadURL(t *testing.T) {
	db := tempDB(t)
	if code, _, errs := run(t, "", cmd(db, "fetch")...); code != ExitUsage || !strings.Contains(errs, "Usage: crosswire fetch") {
		t.Errorf("fetch without URL: code %d stderr %q", code, errs)
	}
	code, _, errs := run(t, "", withFast(cmd(db, "fetch", "ftp://files.example/kelvale.txt")...)...)
	if code != ExitPartial || !strings.Contains(errs, "ftp://files.example/kelvale.txt") || !strings.Contains(errs, "only http and https") {
		t.Errorf("ftp URL: code %d stderr %q", code, errs)
	}
}

type feedRow struct {
	URL        string `json:"url"`
	Title      string `json:"title"`
	LastStatus string `json:"last_status"`
	LastError  string `json:"last_error"`
	LastFetch  string `json:"last_fetch"`
	Items      int    `json:"items"`
	Failures   int    `json:"failures"`
	ETag       string `json:"etag"`
}

func listFeeds(t *testing.T, db string) map[string]feedRow {
	t.Helper()
	code, out, errs := run(t, "", cmd(db, "feeds", "list", "--json")...)
	if code != ExitOK {
		t.Fatalf("feeds list --json: code %d stderr %q", code, errs)
	}
	m := map[string]feedRow{}
	for _, f := range decodeLines[feedRow](t, out) {
		m[f.URL] = f
	}
	return m
}

// tableRow finds the line of feeds list's table that starts with url.
func tableRow(t *testing.T, table, url string) []string {
	t.Helper()
	for _, line := range strings.Split(table, "\n") {
		if strings.HasPrefix(line, url+" ") {
			return strings.Fields(line)
		}
	}
	t.Fatalf("feeds list has no row for %s:\n%s", url, table)
	return nil
}

func TestFeedsAddListAndWatchOnce(t *testing.T) {
	srv := newNewsServer(t)
	db := tempDB(t)
	rss, atom := srv.URL+"/feeds/local.rss", srv.URL+"/feeds/observer.atom"

	code, out, _ := run(t, "", cmd(db, "feeds", "list")...)
	if code != ExitOK || !strings.Contains(out, "no feeds") {
		t.Errorf("empty list: code %d out %q", code, out)
	}
	if code, _, errs := run(t, "", cmd(db, "watch", "--once")...); code != ExitUsage || !strings.Contains(errs, "no feeds to watch") {
		t.Errorf("watch without feeds: code %d stderr %q", code, errs)
	}

	// A fragment is dropped; the same feed twice is one subscription.
	code, out, errs := run(t, "", cmd(db, "feeds", "add", rss, atom+"#latest", rss)...)
	if code != ExitOK || !strings.Contains(out, "subscribed to") {
		t.Fatalf("feeds add: code %d out %q stderr %q", code, out, errs)
	}
	feeds := listFeeds(t, db)
	if len(feeds) != 2 || feeds[rss].LastStatus != "" || feeds[atom].LastFetch != "" {
		t.Fatalf("after add: %+v", feeds)
	}
	code, out, _ = run(t, "", cmd(db, "feeds", "list")...)
	if row := tableRow(t, out, rss); code != ExitOK || !strings.Contains(strings.Join(row, " "), "never - 0 now") {
		t.Errorf("unpolled row: %q", row)
	}
	if n := srv.total(); n != 0 {
		t.Errorf("feeds add made %d requests; it should only subscribe", n)
	}

	code, out, errs = run(t, "", withFast(cmd(db, "watch", "--once")...)...)
	if code != ExitOK {
		t.Fatalf("watch --once: code %d out %q stderr %q", code, out, errs)
	}
	if !strings.Contains(out, "2 polls (0 not modified, 0 failed), 4 pages (3 new, 1 duplicate), 0 page errors") {
		t.Errorf("watch summary: %q", out)
	}
	for _, p := range newsPages {
		want := 1
		if p.path == newsPages[0].path {
			want = 2 // listed by both feeds: each feed hands it on once
		}
		if n := srv.count(p.path); n != want {
			t.Errorf("%s requested %d times, want %d", p.path, n, want)
		}
	}
	if n := storedArticles(t, db); n != 3 {
		t.Errorf("%d articles stored, want 3", n)
	}
	code, out, _ = run(t, "", cmd(db, "search", "--json", "ferry")...)
	if hits := decodeLines[hitRow](t, out); code != ExitOK || len(hits) != 3 {
		t.Errorf("search ferry: %d hits, want 3: %+v", len(hits), hits)
	}

	feeds = listFeeds(t, db)
	if f := feeds[rss]; f.LastStatus != "200" || f.Items != 2 || f.ETag != `"rss-v1"` || f.Title != "Brannock Herald: Local" || f.LastFetch == "" {
		t.Errorf("rss state after watch: %+v", f)
	}
	if f := feeds[atom]; f.LastStatus != "200" || f.Items != 2 || f.ETag != `W/"atom-7"` || f.Title != "Lowmarsh Observer" {
		t.Errorf("atom state after watch: %+v", f)
	}
	code, out, _ = run(t, "", cmd(db, "feeds", "list")...)
	row := strings.Join(tableRow(t, out, rss), " ")
	if code != ExitOK || !strings.Contains(row, "Brannock Herald: Local") || !strings.Contains(row, " ago 200 2 in ") {
		t.Errorf("polled row: %q\n%s", row, out)
	}

	// Straight away, with the default interval, nothing is due.
	before := srv.total()
	code, out, _ = run(t, "", withFast(cmd(db, "watch", "--once")...)...)
	if code != ExitOK || !strings.Contains(out, "0 polls") || !strings.Contains(out, "no feed was due; the next is due in") {
		t.Errorf("watch --once before the interval: code %d out %q", code, out)
	}
	if n := srv.total() - before; n != 0 {
		t.Errorf("a watch with nothing due made %d requests", n)
	}

	// With a tiny interval both feeds are due again: the conditional GET
	// gets 304s and no page is fetched or stored again.
	before = srv.total()
	code, out, errs = run(t, "", withFast(cmd(db, "watch", "--once", "--interval", "1ms", "--min-interval", "1ms")...)...)
	if code != ExitOK || !strings.Contains(out, "2 polls (2 not modified, 0 failed), 0 pages (0 new, 0 duplicate)") {
		t.Errorf("watch --once after the interval: code %d out %q stderr %q", code, out, errs)
	}
	if srv.notModified("/feeds/local.rss") != 1 || srv.notModified("/feeds/observer.atom") != 1 {
		t.Errorf("304s: rss %d atom %d, want 1 each", srv.notModified("/feeds/local.rss"), srv.notModified("/feeds/observer.atom"))
	}
	if n := srv.total() - before; n != 3 {
		t.Errorf("the conditional re-poll made %d requests, want 3 (robots.txt, then one per feed)", n)
	}
	if f := listFeeds(t, db)[rss]; f.LastStatus != "304" || f.Items != 2 {
		t.Errorf("rss state after 304: %+v", f)
	}
	if n := storedArticles(t, db); n != 3 {
		t.Errorf("%d articles stored after the re-poll, want 3", n)
	}
}

func TestWatchSeenItemsAreNotRefetched(t *testing.T) {
	srv := newNewsServer(t)
	db := tempDB(t)
	// The mixed feed sends no ETag, so every poll gets the full document:
	// only the seen-items record stops the pages being fetched again.
	mixed := srv.URL + "/feeds/mixed.rss"
	if code, _, errs := run(t, "", cmd(db, "feeds", "add", mixed)...); code != ExitOK {
		t.Fatalf("feeds add: %s", errs)
	}
	code, out, errs := run(t, "", withFast(cmd(db, "watch", "--once")...)...)
	// The disallowed item is a permanent failure: logged, skipped for
	// good, and not a reason for a non-zero exit.
	if code != ExitOK || !strings.Contains(out, "1 pages (1 new, 0 duplicate), 1 page errors (1 skipped for good)") {
		t.Errorf("first watch: code %d out %q stderr %q", code, out, errs)
	}
	if !strings.Contains(errs, "skipped for good") || !strings.Contains(errs, srv.URL+embargoed.path) || !strings.Contains(errs, "robots.txt") {
		t.Errorf("stderr does not explain the skipped item: %q", errs)
	}
	if srv.count(embargoed.path) != 0 {
		t.Errorf("disallowed page requested")
	}
	page := srv.count(newsPages[2].path)
	code, out, errs = run(t, "", withFast(cmd(db, "watch", "--once", "--interval", "1ms", "--min-interval", "1ms")...)...)
	if code != ExitOK || !strings.Contains(out, "1 polls (0 not modified, 0 failed), 0 pages (0 new, 0 duplicate), 0 page errors") || errs != "" {
		t.Errorf("second watch: code %d out %q stderr %q", code, out, errs)
	}
	if srv.count("/feeds/mixed.rss") != 2 || srv.count(newsPages[2].path) != page {
		t.Errorf("second watch: feed fetched %d times (want 2), page %d times (want %d)", srv.count("/feeds/mixed.rss"), srv.count(newsPages[2].path), page)
	}
}

func TestWatchMalformedFeedDoesNotStopTheOthers(t *testing.T) {
	srv := newNewsServer(t)
	db := tempDB(t)
	broken, rss := srv.URL+"/feeds/broken.rss", srv.URL+"/feeds/local.rss"
	if code, _, errs := run(t, "", cmd(db, "feeds", "add", broken, rss)...); code != ExitOK {
		t.Fatalf("feeds add: %s", errs)
	}
	code, out, errs := run(t, "", withFast(cmd(db, "watch", "--once")...)...)
	if code != ExitPartial {
		t.Errorf("code %d, want %d", code, ExitPartial)
	}
	if !strings.Contains(out, "2 polls (0 not modified, 1 failed), 2 pages (2 new, 0 duplicate)") {
		t.Errorf("summary %q", out)
	}
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	if len(lines) != 1 || !strings.Contains(lines[0], broken) || !strings.Contains(lines[0], "malformed") || !strings.Contains(lines[0], "retry in") {
		t.Errorf("want one stderr line naming %s as malformed; got %q", broken, errs)
	}
	if n := storedArticles(t, db); n != 2 {
		t.Errorf("%d articles stored from the good feed, want 2", n)
	}
	feeds := listFeeds(t, db)
	if f := feeds[broken]; f.LastStatus != "parse error" || f.Failures != 1 || !strings.Contains(f.LastError, "malformed") {
		t.Errorf("broken feed state: %+v", f)
	}
	if f := feeds[rss]; f.LastStatus != "200" || f.Items != 2 {
		t.Errorf("good feed state: %+v", f)
	}
	code, out, _ = run(t, "", cmd(db, "feeds", "list")...)
	if row := strings.Join(tableRow(t, out, broken), " "); code != ExitOK || !strings.Contains(row, "parse error") || !strings.Contains(row, "malformed") {
		t.Errorf("list row of the broken feed: %q", row)
	}
}

const sampleOPML = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>Valley news</title></head>
  <body>
    <outline text="Brannock Herald" title="Brannock Herald" type="rss" xmlUrl="%[1]s/feeds/local.rss" htmlUrl="%[1]s/"/>
    <outline text="Regional">
      <outline text="Lowmarsh Observer" type="rss" xmlUrl="%[1]s/feeds/observer.atom"/>
      <outline text="Folder">
        <outline text="Herald again" type="rss" xmlUrl="%[1]s/feeds/local.rss"/>
        <outline text="Harbour radio" type="rss" xmlUrl="https://harbour-radio.example/news.xml"/>
      </outline>
    </outline>
  </body>
</opml>
`

func TestFeedsImportExportRoundTrip(t *testing.T) {
	const base = "http://127.0.0.1:8080" // never contacted
	dir := t.TempDir()
	db := filepath.Join(dir, "cw.db")
	opml := filepath.Join(dir, "subs.opml")
	if err := os.WriteFile(opml, []byte(fmt.Sprintf(sampleOPML, base)), 0o644); err != nil {
		t.Fatal(err)
	}
	want := []string{base + "/feeds/local.rss", base + "/feeds/observer.atom", "https://harbour-radio.example/news.xml"}
	sort.Strings(want)

	code, out, errs := run(t, "", cmd(db, "feeds", "import", opml)...)
	if code != ExitOK || !strings.Contains(out, "imported 3 feeds from "+opml) {
		t.Fatalf("import: code %d out %q stderr %q", code, out, errs)
	}
	feeds := listFeeds(t, db)
	if len(feeds) != 3 || feeds[base+"/feeds/observer.atom"].Title != "Lowmarsh Observer" || feeds[base+"/feeds/local.rss"].Title != "Brannock Herald" {
		t.Errorf("imported feeds: %+v", feeds)
	}

	code, out, errs = run(t, "", cmd(db, "feeds", "export")...)
	if code != ExitOK {
		t.Fatalf("export: code %d stderr %q", code, errs)
	}
	subs, err := feed.ReadOPML(strings.NewReader(out))
	if err != nil {
		t.Fatalf("export is not OPML: %v\n%s", err, out)
	}
	var got []string
	for _, s := range subs {
		got = append(got, s.URL)
	}
	sort.Strings(got)
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("export lists %q, want %q", got, want)
	}

	// The export imports into a fresh store as the same subscriptions.
	exported := filepath.Join(dir, "export.opml")
	os.WriteFile(exported, []byte(out), 0o644)
	db2 := filepath.Join(dir, "cw2.db")
	code, out, errs = run(t, "", cmd(db2, "feeds", "import", exported)...)
	if code != ExitOK || !strings.Contains(out, "imported 3 feeds") {
		t.Fatalf("re-import: code %d out %q stderr %q", code, out, errs)
	}
	again := listFeeds(t, db2)
	for _, u := range want {
		if again[u].Title != feeds[u].Title {
			t.Errorf("%s: title %q after the round trip, was %q", u, again[u].Title, feeds[u].Title)
		}
	}

	// Importing again changes nothing.
	if code, _, _ := run(t, "", cmd(db, "feeds", "import", opml)...); code != ExitOK || len(listFeeds(t, db)) != 3 {
		t.Errorf("second import: code %d", code)
	}
}

func TestFeedsImportBadInput(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "cw.db")
	mixed := filepath.Join(dir, "mixed.opml")
	os.WriteFile(mixed, []byte(`<opml version="2.0"><body>
<outline text="Good" xmlUrl="https://brannock-herald.example/rss"/>
<outline text="Gopher" xmlUrl="gopher://old.example/1/news"/>
</body></opml>`), 0o644)
	code, out, errs := run(t, "", cmd(db, "feeds", "import", mixed)...)
	if code != ExitPartial || !strings.Contains(out, "imported 1 feed from") || !strings.Contains(errs, "gopher://old.example/1/news") {
		t.Errorf("partly bad OPML: code %d out %q stderr %q", code, out, errs)
	}
	notXML := filepath.Join(dir, "notes.opml")
	os.WriteFile(notXML, []byte("Kelvale Bridge feeds to add later"), 0o644)
	if code, _, errs := run(t, "", cmd(db, "feeds", "import", notXML)...); code != ExitPartial || !strings.Contains(errs, notXML) || !strings.Contains(errs, "OPML") {
		t.Errorf("not OPML: code %d stderr %q", code, errs)
	}
	if code, _, errs := run(t, "", cmd(db, "feeds", "import", filepath.Join(dir, "missing.opml"))...); code != ExitPartial || !strings.Contains(errs, "missing.opml") {
		t.Errorf("missing file: code %d stderr %q", code, errs)
	}
	if code, _, _ := run(t, "", cmd(db, "feeds", "add", "brannock-herald.example/rss")...); code != ExitPartial {
		t.Errorf("feeds add of a URL without scheme: code %d, want %d", code, ExitPartial)
	}
}

func TestFeedsRemove(t *testing.T) {
	srv := newNewsServer(t)
	db := tempDB(t)
	rss, atom := srv.URL+"/feeds/local.rss", srv.URL+"/feeds/observer.atom"
	if code, _, errs := run(t, "", cmd(db, "feeds", "add", rss, atom)...); code != ExitOK {
		t.Fatalf("feeds add: %s", errs)
	}
	if code, out, errs := run(t, "", withFast(cmd(db, "watch", "--once")...)...); code != ExitOK {
		t.Fatalf("watch: code %d out %q stderr %q", code, out, errs)
	}

	code, out, errs := run(t, "", cmd(db, "feeds", "remove", rss)...)
	if code != ExitOK || !strings.Contains(out, "unsubscribed from 1 feed") || errs != "" {
		t.Fatalf("remove: code %d out %q stderr %q", code, out, errs)
	}
	feeds := listFeeds(t, db)
	if _, ok := feeds[rss]; ok || len(feeds) != 1 {
		t.Errorf("after remove: %+v", feeds)
	}
	code, out, _ = run(t, "", cmd(db, "feeds", "export")...)
	if code != ExitOK || strings.Contains(out, rss) || !strings.Contains(out, atom) {
		t.Errorf("export after remove:\n%s", out)
	}
	// The articles taken from it stay.
	if n := storedArticles(t, db); n != 3 {
		t.Errorf("%d articles after remove, want 3", n)
	}

	code, out, errs = run(t, "", cmd(db, "feeds", "remove", rss, atom)...)
	if code != ExitPartial || !strings.Contains(out, "unsubscribed from 1 feed") {
		t.Errorf("remove of a gone and a known feed: code %d out %q", code, out)
	}
	if lines := strings.Split(strings.TrimSpace(errs), "\n"); len(lines) != 1 || !strings.Contains(errs, rss) || !strings.Contains(errs, "no such feed") {
		t.Errorf("remove unknown: stderr %q", errs)
	}
	if code, _, errs := run(t, "", cmd(db, "feeds", "remove")...); code != ExitUsage || !strings.Contains(errs, "Usage: crosswire feeds remove") {
		t.Errorf("remove without URL: code %d stderr %q", code, errs)
	}

	// Subscribing again starts afresh: its items are handed on again (and
	// are duplicates in the store).
	run(t, "", cmd(db, "feeds", "add", rss)...)
	code, out, errs = run(t, "", withFast(cmd(db, "watch", "--once")...)...)
	if code != ExitOK || !strings.Contains(out, "1 polls (0 not modified, 0 failed), 2 pages (0 new, 2 duplicate)") {
		t.Errorf("watch after re-adding: code %d out %q stderr %q", code, out, errs)
	}
}
