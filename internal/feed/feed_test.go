package feed

import (
	"bytes"
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"
)

func parseFile(t *testing.T, name, feedURL string) *Parsed {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Parse(data, feedURL)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return p
}

func TestParseRSS2(t *testing.T) {
	p := parseFile(t, "rss2.xml", "https://harbor-gazette.example/rss")
	if p.Type != "rss" || p.Title != "Harbor Gazette" || len(p.Items) != 2 {
		t.Fatalf("%+v", p)
	}
	// Oldest first.
	first, second := p.Items[0], p.Items[1]
	if first.Title != "Council approves new seawall" || second.GUID != "hg-1002" {
		t.Errorf("order: %q, %q", first.Title, second.Title)
	}
	if second.Link != "https://harbor-gazette.example/2026/03/ferry-timetable" {
		t.Errorf("relative link not resolved: %q", second.Link)
	}
	if !strings.Contains(second.Content, "6:15") || second.Description == "" {
		t.Errorf("content %q description %q", second.Content, second.Description)
	}
	if want := time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC); !second.Published.Equal(want) {
		t.Errorf("published %v", second.Published)
	}
	if second.Key() != "hg-1002" || second.FeedURL != "https://harbor-gazette.example/rss" {
		t.Errorf("key %q feed %q", second.Key(), second.FeedURL)
	}
}

func TestParseOtherFormats(t *testing.T) {
	rdf := parseFile(t, "rss1.rdf", "https://valley-times.example/rss")
	if len(rdf.Items) != 1 || rdf.Items[0].Link != "https://valley-times.example/a/orchard" || rdf.Items[0].Published.IsZero() {
		t.Errorf("RSS 1.0: %+v", rdf.Items)
	}
	old := parseFile(t, "rss091.xml", "http://old-mill.example/rss")
	if len(old.Items) != 1 || old.Items[0].Key() != "http://old-mill.example/mill" {
		t.Errorf("RSS 0.91: %+v", old.Items)
	}
	atom := parseFile(t, "atom.xml", "https://ridge-wire.example/atom.xml")
	if atom.Type != "atom" || len(atom.Items) != 1 {
		t.Fatalf("Atom: %+v", atom)
	}
	a := atom.Items[0]
	if a.Link != "https://ridge-wire.example/bridge" || a.GUID != "tag:ridge-wire.example,2026:bridge" ||
		!a.Published.Equal(time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)) || len(a.Authors) != 1 || !strings.Contains(a.Content, "a month") {
		t.Errorf("Atom item: %+v", a)
	}
	js := parseFile(t, "feed.json", "https://lakeside-ledger.example/feed.json")
	if js.Type != "json" || len(js.Items) != 1 || js.Items[0].GUID != "ll-77" || js.Items[0].Link != "https://lakeside-ledger.example/77" || !strings.Contains(js.Items[0].Content, "Sundays") {
		t.Errorf("JSON Feed: %+v", js)
	}
}

func TestParseMalformed(t *testing.T) {
	for name, doc := range map[string]string{
		"html":      "<!doctype html><html><body>not a feed</body></html>",
		"empty":     "",
		"broken":    `<rss version="2.0"><channel><title>x</title><item><title>unterminated`,
		"json junk": `{"version": "https://jsonfeed.org/version/1", "items": 5}`,
		"binary":    "\x00\x01\x02\xff",
	} {
		p, err := Parse([]byte(doc), "https://bad.example/feed")
		if err == nil {
			// gofeed is lenient with some truncations; an empty result is acceptable, a panic is not.
			if name == "html" || name == "empty" || name == "binary" {
				t.Errorf("%s: no error, got %+v", name, p)
			}
			continue
		}
		if !strings.Contains(err.Error(), "https://bad.example/feed") {
			t.Errorf("%s: error should name the feed: %v", name, err)
		}
	}
	_, err := Parse([]byte("<html></html>"), "u")
	if !errors.Is(err, ErrNotAFeed) {
		t.Errorf("html: %v", err)
	}
}

func TestOPMLRoundTrip(t *testing.T) {
	f, err := os.Open("testdata/nested.opml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	subs, err := ReadOPML(f)
	if err != nil {
		t.Fatal(err)
	}
	want := []Subscription{
		{"https://harbor-gazette.example/rss", "Harbor Gazette"},
		{"https://ridge-wire.example/atom.xml", "Ridge Wire"},
		{"https://lakeside-ledger.example/feed.json", "Lakeside Ledger"},
	}
	if len(subs) != len(want) {
		t.Fatalf("got %+v", subs)
	}
	for i := range want {
		if subs[i] != want[i] {
			t.Errorf("%d: %+v want %+v", i, subs[i], want[i])
		}
	}
	var feeds []Feed
	for _, s := range subs {
		feeds = append(feeds, Feed{URL: s.URL, Title: s.Title})
	}
	var buf bytes.Buffer
	if err := WriteOPML(&buf, feeds, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	back, err := ReadOPML(&buf)
	if err != nil {
		t.Fatalf("re-read: %v\n%s", err, buf.String())
	}
	if len(back) != 3 || back[1] != want[1] {
		t.Errorf("round trip: %+v", back)
	}
	if _, err := ReadOPML(strings.NewReader("<opml><body><outline")); err == nil {
		t.Errorf("broken OPML accepted")
	}
}

func TestMemStore(t *testing.T) {
	ctx := context.Background()
	s := NewMemStore()
	var _ Store = s
	s.AddFeed(ctx, "https://b.example/rss", "")
	s.AddFeed(ctx, "https://a.example/rss", "A")
	s.AddFeed(ctx, "https://b.example/rss", "B")
	fs, _ := s.Feeds(ctx)
	if len(fs) != 2 || fs[0].URL != "https://a.example/rss" || fs[1].Title != "B" {
		t.Fatalf("%+v", fs)
	}
	fs[0].ETag, fs[0].Items = `"x"`, 3
	if err := s.UpdateFeed(ctx, fs[0]); err != nil {
		t.Fatal(err)
	}
	s.AddFeed(ctx, "https://a.example/rss", "other") // must not reset state
	fs, _ = s.Feeds(ctx)
	if fs[0].ETag != `"x"` || fs[0].Items != 3 || fs[0].Title != "A" {
		t.Errorf("state lost: %+v", fs[0])
	}
	if err := s.UpdateFeed(ctx, Feed{URL: "https://c.example/"}); err == nil {
		t.Errorf("update of unknown feed accepted")
	}
	if seen, _ := s.SeenItem(ctx, "f", "k"); seen {
		t.Errorf("seen before mark")
	}
	s.MarkItem(ctx, "f", "k")
	s.MarkItem(ctx, "f", "k")
	if seen, _ := s.SeenItem(ctx, "f", "k"); !seen {
		t.Errorf("not seen after mark")
	}
	if seen, _ := s.SeenItem(ctx, "g", "k"); seen {
		t.Errorf("items are per feed")
	}
}

func TestParseLatin1Feed(t *testing.T) {
	doc := "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>Caf\xe9 Wire</title>" +
		"<item><title>Se\xf1or Ortega speaks</title><link>https://cafe-wire.example/1</link></item></channel></rss>"
	p, err := Parse([]byte(doc), "https://cafe-wire.example/rss")
	if err != nil {
		t.Fatal(err)
	}
	if p.Title != "Café Wire" || p.Items[0].Title != "Señor Ortega speaks" {
		t.Errorf("%q / %q", p.Title, p.Items[0].Title)
	}
}
