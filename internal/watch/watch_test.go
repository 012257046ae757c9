package watch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/crosswire-news/crosswire/internal/feed"
	"github.com/crosswire-news/crosswire/internal/fetch"
)

type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}
func (c *clock) Sleep(ctx context.Context, d time.Duration) error {
	if d > 0 {
		c.Advance(d)
	}
	return ctx.Err()
}

// site is an httptest server with feeds and pages that tests change.
type site struct {
	mu     sync.Mutex
	ts     *httptest.Server
	feeds  map[string]string // path -> document
	status map[string]int    // path -> forced status
	retry  map[string]string // path -> Retry-After
	hits   map[string]int
}

func newSite(t *testing.T) *site {
	s := &site{feeds: map[string]string{}, status: map[string]int{}, retry: map[string]string{}, hits: map[string]int{}}
	s.ts = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.ts.Close)
	return s
}

func (s *site) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hits[r.URL.Path]++
	if ra := s.retry[r.URL.Path]; ra != "" {
		w.Header().Set("Retry-After", ra)
	}
	if st := s.status[r.URL.Path]; st != 0 {
		w.WriteHeader(st)
		return
	}
	if doc, ok := s.feeds[r.URL.Path]; ok {
		etag := fmt.Sprintf(`"%x"`, len(doc)*31+strings.Count(doc, "<item>"))
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, doc)
		return
	}
	if strings.HasPrefix(r.URL.Path, "/a/") {
		fmt.Fprintf(w, "<html><body><h1>Story %s</h1><p>Invented text for %s.</p></body></html>", r.URL.Path, r.URL.Path)
		return
	}
	http.NotFound(w, r)
}

func (s *site) setFeed(path string, items ...string) {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Test Harbor</title><link>` + s.ts.URL + `/</link>`)
	for _, it := range items {
		fmt.Fprintf(&b, "<item><title>%s</title><link>%s/a/%s</link><guid>%s</guid></item>", it, s.ts.URL, it, it)
	}
	b.WriteString("</channel></rss>")
	s.mu.Lock()
	s.feeds[path] = b.String()
	s.mu.Unlock()
}

func (s *site) hit(path string) int { s.mu.Lock(); defer s.mu.Unlock(); return s.hits[path] }

func (s *site) client(clk *clock) *fetch.Client {
	u, _ := url.Parse(s.ts.URL)
	ap := netip.MustParseAddrPort(u.Host)
	return fetch.New(fetch.Options{
		AllowAddr:       func(a netip.AddrPort) bool { return a == ap },
		PerHostInterval: -1,
		Now:             clk.Now, Sleep: clk.Sleep,
	})
}

// recorder is a Sink that remembers pages and can fail or cancel on cue.
type recorder struct {
	mu    sync.Mutex
	pages []string
	fail  func(url string) error
}

func (r *recorder) Page(ctx context.Context, u string, body []byte, it *feed.Item) error {
	if r.fail != nil {
		if err := r.fail(u); err != nil {
			return err
		}
	}
	if !strings.Contains(string(body), "Invented text") || it == nil || it.Key() == "" {
		return fmt.Errorf("bad page %s: %q", u, body)
	}
	r.mu.Lock()
	r.pages = append(r.pages, u[strings.LastIndex(u, "/")+1:])
	r.mu.Unlock()
	return nil
}

func (r *recorder) got() string { r.mu.Lock(); defer r.mu.Unlock(); return strings.Join(r.pages, ",") }

func setup(t *testing.T) (*site, *clock, *feed.MemStore, Config) {
	s := newSite(t)
	clk := &clock{now: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
	st := feed.NewMemStore()
	cfg := Config{Once: true, Now: clk.Now, Sleep: clk.Sleep, Jitter: func() float64 { return 0.5 }}
	return s, clk, st, cfg
}

func getFeed(t *testing.T, st feed.Store, u string) feed.Feed {
	fs, _ := st.Feeds(context.Background())
	for _, f := range fs {
		if f.URL == u {
			return f
		}
	}
	t.Fatalf("no feed %s", u)
	return feed.Feed{}
}

func TestPollsConditionalAndNewItems(t *testing.T) {
	s, clk, st, cfg := setup(t)
	ctx := context.Background()
	s.setFeed("/rss", "one", "two", "three")
	furl := s.ts.URL + "/rss"
	st.AddFeed(ctx, furl, "")
	rec := &recorder{}
	c := s.client(clk)
	start := clk.Now()

	stats, err := RunStats(ctx, cfg, st, c, rec)
	if err != nil {
		t.Fatal(err)
	}
	if rec.got() != "one,two,three" || stats.Pages != 3 {
		t.Fatalf("pages %q stats %+v", rec.got(), stats)
	}
	f := getFeed(t, st, furl)
	if f.Title != "Test Harbor" || f.ETag == "" || f.LastStatus != "200" || f.Items != 3 || !f.NextFetch.Equal(start.Add(15*time.Minute)) || !f.LastFetch.Equal(start) {
		t.Errorf("feed state %+v", f)
	}

	// Not due yet: nothing fetched.
	RunStats(ctx, cfg, st, c, rec)
	if s.hit("/rss") != 1 {
		t.Errorf("polled before due: %d", s.hit("/rss"))
	}

	// Due and unchanged: a conditional GET answered 304.
	clk.Advance(15 * time.Minute)
	stats, _ = RunStats(ctx, cfg, st, c, rec)
	if stats.NotModified != 1 || getFeed(t, st, furl).LastStatus != "304" || rec.got() != "one,two,three" {
		t.Errorf("304 poll: %+v %+v", stats, getFeed(t, st, furl))
	}

	// A new item: only it is fetched.
	s.setFeed("/rss", "one", "two", "three", "four")
	clk.Advance(15 * time.Minute)
	RunStats(ctx, cfg, st, c, rec)
	if rec.got() != "one,two,three,four" || s.hit("/a/one") != 1 || s.hit("/a/four") != 1 {
		t.Errorf("after new item: %q hits %v", rec.got(), s.hits)
	}
	if f := getFeed(t, st, furl); f.Items != 4 {
		t.Errorf("items %d", f.Items)
	}
}

func TestMalformedFeedDoesNotStopOthers(t *testing.T) {
	s, clk, st, cfg := setup(t)
	ctx := context.Background()
	s.mu.Lock()
	s.feeds["/bad"] = "<html><body>this is a web page, not a feed</body></html>"
	s.mu.Unlock()
	s.setFeed("/good", "g1", "g2")
	st.AddFeed(ctx, s.ts.URL+"/bad", "")
	st.AddFeed(ctx, s.ts.URL+"/good", "")
	rec := &recorder{}
	stats, err := RunStats(ctx, cfg, st, s.client(clk), rec)
	if err != nil {
		t.Fatal(err)
	}
	if rec.got() != "g1,g2" || stats.FeedErrors != 1 {
		t.Errorf("pages %q stats %+v", rec.got(), stats)
	}
	bad := getFeed(t, st, s.ts.URL+"/bad")
	if bad.LastStatus != "parse error" || bad.Failures != 1 || !strings.Contains(bad.LastError, "not an RSS, Atom or JSON feed") || !bad.NextFetch.After(clk.Now()) {
		t.Errorf("bad feed state %+v", bad)
	}
}

func TestBackoffGrowsWithJitter(t *testing.T) {
	// Pure function: doubling, capped, jitter spreading [d/2, d).
	for _, c := range []struct {
		n      int
		jitter float64
		want   time.Duration
	}{
		{1, 0, 30 * time.Second}, {1, 0.999999, 59999940 * time.Microsecond},
		{2, 0, time.Minute}, {3, 0.5, 3 * time.Minute}, {10, 0, time.Hour}, {60, 0.5, 90 * time.Minute},
	} {
		got := Backoff(time.Minute, 2*time.Hour, c.n, c.jitter)
		if got.Round(time.Millisecond) != c.want.Round(time.Millisecond) {
			t.Errorf("Backoff(n=%d, jitter=%v) = %v, want %v", c.n, c.jitter, got, c.want)
		}
	}

	// In a watch: a feed failing with 500 is retried later and later.
	s, clk, st, cfg := setup(t)
	ctx := context.Background()
	cfg.MinInterval = time.Second
	jit := []float64{0, 0.5, 0.9, 0.25}
	var ji int
	cfg.Jitter = func() float64 { v := jit[ji%len(jit)]; ji++; return v }
	s.mu.Lock()
	s.status["/flaky"] = 500
	s.mu.Unlock()
	furl := s.ts.URL + "/flaky"
	st.AddFeed(ctx, furl, "")
	c := s.client(clk)
	var gaps []time.Duration
	for i := 0; i < 4; i++ {
		now := clk.Now()
		RunStats(ctx, cfg, st, c, &recorder{})
		f := getFeed(t, st, furl)
		if f.Failures != i+1 || f.LastStatus != "500" {
			t.Fatalf("poll %d: %+v", i, f)
		}
		gaps = append(gaps, f.NextFetch.Sub(now))
		clk.Advance(f.NextFetch.Sub(clk.Now()))
	}
	// base 1m: 1m*(0.5+0), 2m*(0.5+0.25), 4m*(0.5+0.45), 8m*(0.5+0.125)
	want := []time.Duration{30 * time.Second, 90 * time.Second, 228 * time.Second, 300 * time.Second}
	for i := range want {
		if gaps[i] != want[i] {
			t.Errorf("gaps %v, want %v", gaps, want)
			break
		}
	}
	// Recovery resets the count.
	s.mu.Lock()
	delete(s.status, "/flaky")
	s.mu.Unlock()
	s.setFeed("/flaky", "x")
	RunStats(ctx, cfg, st, c, &recorder{})
	if f := getFeed(t, st, furl); f.Failures != 0 || f.LastStatus != "200" {
		t.Errorf("after recovery %+v", f)
	}
}

func TestRetryAfterHonoured(t *testing.T) {
	s, clk, st, cfg := setup(t)
	ctx := context.Background()
	s.mu.Lock()
	s.status["/busy"] = 429
	s.retry["/busy"] = "3600"
	s.status["/down"] = 503
	s.retry["/down"] = clk.Now().Add(2 * time.Hour).Format(http.TimeFormat)
	s.mu.Unlock()
	st.AddFeed(ctx, s.ts.URL+"/busy", "")
	st.AddFeed(ctx, s.ts.URL+"/down", "")
	RunStats(ctx, cfg, st, s.client(clk), &recorder{})
	if f := getFeed(t, st, s.ts.URL+"/busy"); f.LastStatus != "429" || !f.NextFetch.Equal(clk.Now().Add(time.Hour)) {
		t.Errorf("429: %+v", f)
	}
	if f := getFeed(t, st, s.ts.URL+"/down"); f.LastStatus != "503" || !f.NextFetch.Equal(clk.Now().Add(2*time.Hour)) {
		t.Errorf("503: %+v", f)
	}
}

func TestResumeAfterCancelLosesNothing(t *testing.T) {
	s, clk, st, cfg := setup(t)
	s.setFeed("/rss", "p1", "p2", "p3", "p4")
	furl := s.ts.URL + "/rss"
	st.AddFeed(context.Background(), furl, "")
	c := s.client(clk)

	// First run: stopped (SIGINT) while the Sink is storing p2.
	ctx, cancel := context.WithCancel(context.Background())
	rec := &recorder{fail: func(u string) error {
		if strings.HasSuffix(u, "/p2") {
			cancel()
			return context.Canceled
		}
		return nil
	}}
	cfg.Once = false // a continuous run, ended by the cancel
	if err := Run(ctx, cfg, st, c, rec); err != nil {
		t.Fatalf("clean stop returned %v", err)
	}
	if rec.got() != "p1" {
		t.Fatalf("first run stored %q", rec.got())
	}
	if seen, _ := st.SeenItem(context.Background(), furl, "p2"); seen {
		t.Fatal("in-flight item marked seen")
	}
	if f := getFeed(t, st, furl); f.ETag != "" || !f.NextFetch.IsZero() || f.Items != 1 {
		t.Errorf("interrupted poll wrote feed state: %+v", f)
	}

	// Restart: the rest arrive, p1 is not fetched again.
	rec.fail = nil
	cfg.Once = true
	if err := Run(context.Background(), cfg, st, c, rec); err != nil {
		t.Fatal(err)
	}
	if rec.got() != "p1,p2,p3,p4" || s.hit("/a/p1") != 1 {
		t.Errorf("after resume %q, p1 fetched %d times", rec.got(), s.hit("/a/p1"))
	}
}

func TestSinkErrorRetriedNextPoll(t *testing.T) {
	s, clk, st, cfg := setup(t)
	ctx := context.Background()
	s.setFeed("/rss", "ok1", "flaky", "ok2")
	furl := s.ts.URL + "/rss"
	st.AddFeed(ctx, furl, "")
	c := s.client(clk)
	failing := true
	rec := &recorder{fail: func(u string) error {
		if failing && strings.HasSuffix(u, "/flaky") {
			return errors.New("database is locked")
		}
		return nil
	}}
	stats, _ := RunStats(ctx, cfg, st, c, rec)
	f := getFeed(t, st, furl)
	if rec.got() != "ok1,ok2" || stats.PageErrors != 1 || f.ETag != "" || !strings.Contains(f.LastError, "database is locked") {
		t.Fatalf("first poll: %q %+v %+v", rec.got(), stats, f)
	}
	failing = false
	clk.Advance(15 * time.Minute)
	RunStats(ctx, cfg, st, c, rec)
	if rec.got() != "ok1,ok2,flaky" {
		t.Errorf("second poll: %q", rec.got())
	}
	if f := getFeed(t, st, furl); f.ETag == "" || f.LastError != "" {
		t.Errorf("validators not saved after a complete poll: %+v", f)
	}
}

func TestPermanentPageErrorSkipped(t *testing.T) {
	s, clk, st, cfg := setup(t)
	ctx := context.Background()
	s.setFeed("/rss", "fine", "gone")
	s.mu.Lock()
	s.status["/a/gone"] = 404
	s.mu.Unlock()
	furl := s.ts.URL + "/rss"
	st.AddFeed(ctx, furl, "")
	c := s.client(clk)
	stats, _ := RunStats(ctx, cfg, st, c, &recorder{})
	if stats.Pages != 1 || stats.Skipped != 1 {
		t.Fatalf("%+v", stats)
	}
	clk.Advance(15 * time.Minute)
	s.setFeed("/rss", "fine", "gone", "new") // change defeats the 304
	RunStats(ctx, cfg, st, c, &recorder{})
	if s.hit("/a/gone") != 1 {
		t.Errorf("404 page refetched %d times", s.hit("/a/gone"))
	}
}

func TestTransientPageErrorKeepsItem(t *testing.T) {
	s, clk, st, cfg := setup(t)
	ctx := context.Background()
	s.setFeed("/rss", "a1", "busy", "a3")
	s.mu.Lock()
	s.status["/a/busy"] = 429
	s.retry["/a/busy"] = "60"
	s.mu.Unlock()
	furl := s.ts.URL + "/rss"
	st.AddFeed(ctx, furl, "")
	c := s.client(clk)
	rec := &recorder{}
	RunStats(ctx, cfg, st, c, rec)
	// The host said slow down: a3 waits for the next poll too.
	if rec.got() != "a1" {
		t.Fatalf("first poll %q", rec.got())
	}
	s.mu.Lock()
	delete(s.status, "/a/busy")
	s.mu.Unlock()
	clk.Advance(15 * time.Minute)
	RunStats(ctx, cfg, st, c, rec)
	if rec.got() != "a1,busy,a3" {
		t.Errorf("second poll %q", rec.got())
	}
}

func TestContinuousSchedule(t *testing.T) {
	s, clk, st, cfg := setup(t)
	s.setFeed("/fast", "f1")
	s.setFeed("/slow", "s1")
	st.AddFeed(context.Background(), s.ts.URL+"/fast", "")
	st.AddFeed(context.Background(), s.ts.URL+"/slow", "")
	cfg.Once = false
	cfg.Interval = 10 * time.Minute
	cfg.Reload = time.Hour
	start := clk.Now()
	ctx, cancel := context.WithCancel(context.Background())
	var wakes []time.Duration
	cfg.Sleep = func(ctx context.Context, d time.Duration) error {
		clk.Advance(d)
		wakes = append(wakes, clk.Now().Sub(start))
		if clk.Now().Sub(start) >= 30*time.Minute {
			cancel()
		}
		if clk.Now().Sub(start) == 10*time.Minute {
			s.setFeed("/slow", "s1", "s2") // picked up at this wake's poll
		}
		return ctx.Err()
	}
	rec := &recorder{}
	if err := Run(ctx, cfg, st, s.client(clk), rec); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(wakes) != "[10m0s 20m0s 30m0s]" {
		t.Errorf("wakes %v", wakes)
	}
	if s.hit("/fast") != 3 || rec.got() != "f1,s1,s2" {
		t.Errorf("fast polled %d, pages %q", s.hit("/fast"), rec.got())
	}
}

func TestPermanentSinkErrorSkipped(t *testing.T) {
	s, clk, st, cfg := setup(t)
	ctx := context.Background()
	s.setFeed("/rss", "junk", "good")
	furl := s.ts.URL + "/rss"
	st.AddFeed(ctx, furl, "")
	calls := 0
	rec := &recorder{fail: func(u string) error {
		if strings.HasSuffix(u, "/junk") {
			calls++
			return Permanent(errors.New("no article text"))
		}
		return nil
	}}
	c := s.client(clk)
	stats, _ := RunStats(ctx, cfg, st, c, rec)
	if stats.Skipped != 1 || stats.Pages != 1 {
		t.Fatalf("%+v", stats)
	}
	if f := getFeed(t, st, furl); f.ETag == "" {
		t.Errorf("a skipped item should not hold the validators back: %+v", f)
	}
	s.setFeed("/rss", "junk", "good", "more")
	clk.Advance(15 * time.Minute)
	RunStats(ctx, cfg, st, c, rec)
	if calls != 1 || rec.got() != "good,more" {
		t.Errorf("junk handed over %d times; pages %q", calls, rec.got())
	}
}

func TestShorterIntervalPullsScheduleIn(t *testing.T) {
	s, clk, st, cfg := setup(t)
	ctx := context.Background()
	s.setFeed("/rss", "i1")
	furl := s.ts.URL + "/rss"
	st.AddFeed(ctx, furl, "")
	c := s.client(clk)
	cfg.Interval = time.Hour
	RunStats(ctx, cfg, st, c, &recorder{})
	clk.Advance(10 * time.Minute)
	cfg.Interval = 5 * time.Minute // restarted with a shorter --interval
	stats, _ := RunStats(ctx, cfg, st, c, &recorder{})
	if stats.Polls != 1 || stats.NotModified != 1 {
		t.Errorf("feed not polled under the new interval: %+v", stats)
	}
}
