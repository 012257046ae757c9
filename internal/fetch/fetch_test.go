package fetch

import (
	"bytes"
	"compress/gzip"
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

	"github.com/andybalholm/brotli"
)

// fakeClock records sleeps instead of sleeping.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	sleeps []time.Duration
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
}

func (f *fakeClock) Now() time.Time { f.mu.Lock(); defer f.mu.Unlock(); return f.now }

func (f *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if d > 0 {
		f.sleeps = append(f.sleeps, d)
		f.now = f.now.Add(d)
	}
	return ctx.Err()
}

func (f *fakeClock) advance(d time.Duration) { f.mu.Lock(); f.now = f.now.Add(d); f.mu.Unlock() }

// onlyServer admits exactly the test server's address past the guard, so
// every other loopback target stays refused.
func onlyServer(ts *httptest.Server) func(netip.AddrPort) bool {
	u, _ := url.Parse(ts.URL)
	want := netip.MustParseAddrPort(u.Host)
	return func(ap netip.AddrPort) bool { return ap.Addr().Unmap() == want.Addr() && ap.Port() == want.Port() }
}

func newTestClient(ts *httptest.Server, clk *fakeClock, mod func(*Options)) *Client {
	opt := Options{AllowAddr: onlyServer(ts), Now: clk.Now, Sleep: clk.Sleep}
	if mod != nil {
		mod(&opt)
	}
	return New(opt)
}

func TestGetBasicsUserAgentAndEncodings(t *testing.T) {
	var gotUA string
	mux := http.NewServeMux()
	mux.HandleFunc("/plain", func(w http.ResponseWriter, r *http.Request) {
		gotUA = r.Header.Get("User-Agent")
		fmt.Fprint(w, "<p>plain page</p>")
	})
	mux.HandleFunc("/gz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		zw := gzip.NewWriter(w)
		fmt.Fprint(zw, "<p>gzipped page</p>")
		zw.Close()
	})
	mux.HandleFunc("/br", func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "br") {
			t.Errorf("Accept-Encoding %q lacks br", r.Header.Get("Accept-Encoding"))
		}
		w.Header().Set("Content-Encoding", "br")
		bw := brotli.NewWriter(w)
		fmt.Fprint(bw, "<p>brotli page</p>")
		bw.Close()
	})
	ts := httptest.NewServer(mux)
	defer ts.Close()
	c := newTestClient(ts, newFakeClock(), nil)
	ctx := context.Background()
	for path, want := range map[string]string{"/plain": "plain page", "/gz": "gzipped page", "/br": "brotli page"} {
		r, err := c.Get(ctx, ts.URL+path, nil)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if !bytes.Contains(r.Body, []byte(want)) || r.Status != 200 || r.URL != ts.URL+path {
			t.Errorf("%s: got %d %q from %s", path, r.Status, r.Body, r.URL)
		}
	}
	if !strings.HasPrefix(gotUA, "crosswire/") || !strings.Contains(gotUA, "github.com/crosswire-news/crosswire") {
		t.Errorf("User-Agent %q does not name crosswire", gotUA)
	}
}

func TestConditionalGet(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"v1"` || r.Header.Get("If-Modified-Since") == "Sat, 01 Mar 2026 10:00:00 GMT" {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Sat, 01 Mar 2026 10:00:00 GMT")
		fmt.Fprint(w, "fresh")
	}))
	defer ts.Close()
	c := newTestClient(ts, newFakeClock(), nil)
	ctx := context.Background()
	r, err := c.Get(ctx, ts.URL+"/f", nil)
	if err != nil || r.NotModified || r.ETag != `"v1"` || r.LastModified == "" {
		t.Fatalf("first get: %+v %v", r, err)
	}
	r2, err := c.Get(ctx, ts.URL+"/f", &Conditional{ETag: r.ETag})
	if err != nil || !r2.NotModified || r2.ETag != `"v1"` || len(r2.Body) != 0 {
		t.Fatalf("etag get: %+v %v", r2, err)
	}
	r3, err := c.Get(ctx, ts.URL+"/f", &Conditional{LastModified: r.LastModified})
	if err != nil || !r3.NotModified || r3.LastModified != r.LastModified {
		t.Fatalf("last-modified get: %+v %v", r3, err)
	}
}

func TestRetryAfter(t *testing.T) {
	clk := newFakeClock()
	date := clk.Now().Add(90 * time.Second).UTC().Format(http.TimeFormat)
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/busy":
			w.Header().Set("Retry-After", "120")
			w.WriteHeader(429)
		case "/down":
			w.Header().Set("Retry-After", date)
			w.WriteHeader(503)
		case "/gone":
			w.WriteHeader(404)
		}
	}))
	defer ts.Close()
	c := newTestClient(ts, clk, nil)
	_, err := c.Get(context.Background(), ts.URL+"/busy", nil)
	if d, ok := RetryAfter(err); !ok || d != 120*time.Second {
		t.Errorf("429: RetryAfter=%v,%v err=%v", d, ok, err)
	}
	if Permanent(err) {
		t.Errorf("429 should not be permanent")
	}
	_, err = c.Get(context.Background(), ts.URL+"/down", nil)
	// The rate limiter advanced the fake clock by up to 1s before the request.
	if d, ok := RetryAfter(err); !ok || d < 88*time.Second || d > 90*time.Second {
		t.Errorf("503 with date: RetryAfter=%v,%v err=%v", d, ok, err)
	}
	_, err = c.Get(context.Background(), ts.URL+"/gone", nil)
	var se *StatusError
	if !errors.As(err, &se) || se.Status != 404 || !Permanent(err) || !strings.Contains(err.Error(), "/gone") {
		t.Errorf("404: %v", err)
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	for in, want := range map[string]time.Duration{
		"": 0, "5": 5 * time.Second, "-3": 0, "soon": 0,
		"Sun, 01 Mar 2026 12:00:30 GMT": 30 * time.Second,
		"Sun, 01 Mar 2026 11:00:00 GMT": 0,
		"99999999999":                   7 * 24 * time.Hour,
	} {
		if got := parseRetryAfter(in, now); got != want {
			t.Errorf("parseRetryAfter(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestRedirectsCappedAndFollowed(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var n int
		if _, err := fmt.Sscanf(r.URL.Path, "/r/%d", &n); err == nil {
			if n == 0 {
				fmt.Fprint(w, "landed")
				return
			}
			http.Redirect(w, r, fmt.Sprintf("/r/%d", n-1), http.StatusFound)
		}
	}))
	defer ts.Close()
	c := newTestClient(ts, newFakeClock(), func(o *Options) { o.MaxRedirects = 3 })
	r, err := c.Get(context.Background(), ts.URL+"/r/3", nil)
	if err != nil || string(r.Body) != "landed" || r.URL != ts.URL+"/r/0" {
		t.Fatalf("3 redirects: %+v %v", r, err)
	}
	_, err = c.Get(context.Background(), ts.URL+"/r/4", nil)
	if err == nil || !strings.Contains(err.Error(), "redirects") {
		t.Fatalf("4 redirects with cap 3: %v", err)
	}
}

func TestRedirectToPrivateRefused(t *testing.T) {
	// Another loopback server stands in for an internal service.
	internal := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "internal secrets")
	}))
	defer internal.Close()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/to-internal":
			http.Redirect(w, r, internal.URL+"/admin", http.StatusFound)
		case "/to-rfc1918":
			http.Redirect(w, r, "http://10.0.0.5/x", http.StatusFound)
		case "/to-localhost":
			// A name, so only the dial-time check can catch it.
			u, _ := url.Parse(internal.URL)
			http.Redirect(w, r, "http://localhost:"+u.Port()+"/admin", http.StatusFound)
		}
	}))
	defer ts.Close()
	c := newTestClient(ts, newFakeClock(), nil)
	for _, p := range []string{"/to-internal", "/to-rfc1918", "/to-localhost"} {
		_, err := c.Get(context.Background(), ts.URL+p, nil)
		var ae *AddrError
		if !errors.As(err, &ae) {
			t.Errorf("%s: want AddrError, got %v", p, err)
			continue
		}
		if !strings.Contains(err.Error(), "--allow-private") || !strings.Contains(err.Error(), "http://") {
			t.Errorf("%s: error should name URL and flag: %v", p, err)
		}
		if !Permanent(err) {
			t.Errorf("%s: refusal should be permanent", p)
		}
	}
	// With AllowPrivate the same redirect is followed.
	c2 := New(Options{AllowPrivate: true, PerHostInterval: -1})
	r, err := c2.Get(context.Background(), ts.URL+"/to-internal", nil)
	if err != nil || string(r.Body) != "internal secrets" {
		t.Fatalf("AllowPrivate: %v", err)
	}
}

func TestLiteralAddressRefusedBeforeDial(t *testing.T) {
	c := New(Options{PerHostInterval: -1, IgnoreRobots: true})
	for _, u := range []string{"http://10.0.0.5/", "http://127.0.0.1:9/", "http://[::1]/", "http://169.254.169.254/latest/meta-data", "http://100.64.1.1/", "http://[fd00::1]/", "http://0.0.0.0/", "http://[::ffff:192.168.1.1]/"} {
		_, err := c.Get(context.Background(), u, nil)
		var ae *AddrError
		if !errors.As(err, &ae) || !strings.Contains(err.Error(), "refusing") {
			t.Errorf("%s: %v", u, err)
		}
	}
	if _, err := c.Get(context.Background(), "file:///etc/passwd", nil); err == nil || !strings.Contains(err.Error(), "only http") {
		t.Errorf("file URL: %v", err)
	}
	want := "refusing private address 10.0.0.5 for http://10.0.0.5/: use --allow-private"
	if _, err := c.Get(context.Background(), "http://10.0.0.5/", nil); err == nil || err.Error() != want {
		t.Errorf("message %q, want %q", err, want)
	}
}

func TestDialControlResolvedIPs(t *testing.T) {
	c := New(Options{})
	for addr, blocked := range map[string]bool{
		"127.0.0.1:80": true, "10.1.2.3:443": true, "172.20.0.1:80": true, "192.168.0.10:80": true,
		"169.254.169.254:80": true, "100.100.0.1:80": true, "224.0.0.1:80": true, "0.0.0.0:80": true,
		"[::1]:80": true, "[fe80::1]:80": true, "[fc00::2]:80": true, "[::ffff:10.0.0.1]:80": true, "[ff02::1]:80": true,
		"93.184.216.34:80": false, "[2606:4700::1111]:443": false, "172.32.0.1:80": false, "100.128.0.1:80": false,
	} {
		err := c.dialControl("tcp", addr, nil)
		if (err != nil) != blocked {
			t.Errorf("%s: blocked=%v err=%v", addr, blocked, err)
		}
	}
	open := New(Options{AllowPrivate: true})
	if err := open.dialControl("tcp", "10.0.0.1:80", nil); err != nil {
		t.Errorf("AllowPrivate: %v", err)
	}
}

func TestSizeCapAndEndlessBody(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/big":
			w.Write(bytes.Repeat([]byte("a"), 5000))
		case "/endless":
			chunk := bytes.Repeat([]byte("b"), 1024)
			for {
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
		case "/bomb":
			w.Header().Set("Content-Encoding", "gzip")
			zw := gzip.NewWriter(w)
			zw.Write(bytes.Repeat([]byte("c"), 100000))
			zw.Close()
		}
	}))
	defer ts.Close()
	c := newTestClient(ts, newFakeClock(), func(o *Options) { o.MaxBytes = 4096 })
	for _, p := range []string{"/big", "/endless", "/bomb"} {
		_, err := c.Get(context.Background(), ts.URL+p, nil)
		if err == nil || !strings.Contains(err.Error(), "body exceeds 4096 bytes") {
			t.Errorf("%s: %v", p, err)
		}
	}
}

func TestTimeoutOnSlowBody(t *testing.T) {
	release := make(chan struct{})
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("start"))
		w.(http.Flusher).Flush()
		select { // trickle nothing more until the client gives up
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer ts.Close()
	defer close(release)
	c := newTestClient(ts, newFakeClock(), func(o *Options) { o.Timeout = 150 * time.Millisecond; o.IgnoreRobots = true })
	start := time.Now()
	_, err := c.Get(context.Background(), ts.URL+"/slow", nil)
	if err == nil || !strings.Contains(err.Error(), "timed out") {
		t.Fatalf("slow body: %v", err)
	}
	if time.Since(start) > 5*time.Second {
		t.Fatalf("timeout took %v", time.Since(start))
	}
}

func TestRobotsDisallowAndCrawlDelay(t *testing.T) {
	var mu sync.Mutex
	hits := map[string]int{}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits[r.URL.Path]++
		mu.Unlock()
		if r.URL.Path == "/robots.txt" {
			fmt.Fprint(w, "User-agent: *\nDisallow: /\n\nUser-agent: crosswire\nDisallow: /private/\nAllow: /private/press/\nCrawl-delay: 3\n")
			return
		}
		fmt.Fprint(w, "ok")
	}))
	defer ts.Close()
	clk := newFakeClock()
	c := newTestClient(ts, clk, nil)
	ctx := context.Background()
	if _, err := c.Get(ctx, ts.URL+"/news/1", nil); err != nil {
		t.Fatalf("allowed page: %v", err)
	}
	_, err := c.Get(ctx, ts.URL+"/private/memo", nil)
	var re *RobotsError
	if !errors.As(err, &re) || !Permanent(err) {
		t.Fatalf("disallowed page: %v", err)
	}
	if _, err := c.Get(ctx, ts.URL+"/private/press/release", nil); err != nil {
		t.Fatalf("longer Allow should win: %v", err)
	}
	mu.Lock()
	if hits["/robots.txt"] != 1 || hits["/private/memo"] != 0 {
		t.Errorf("hits: %v", hits)
	}
	mu.Unlock()
	// Crawl-delay 3s beats the 1s default: two fetches were spaced 3s.
	if len(clk.sleeps) == 0 || clk.sleeps[len(clk.sleeps)-1] != 3*time.Second {
		t.Errorf("sleeps %v, want last 3s", clk.sleeps)
	}
}

func TestRobotsUnavailableIsTemporary(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			w.WriteHeader(500)
			return
		}
		fmt.Fprint(w, "page")
	}))
	defer ts.Close()
	c := newTestClient(ts, newFakeClock(), nil)
	_, err := c.Get(context.Background(), ts.URL+"/a", nil)
	var ru *RobotsUnavailableError
	if !errors.As(err, &ru) || Permanent(err) {
		t.Fatalf("5xx robots: %v (permanent=%v)", err, Permanent(err))
	}
}

func TestPerHostRateLimit(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "x") }))
	defer ts.Close()
	clk := newFakeClock()
	c := newTestClient(ts, clk, func(o *Options) { o.PerHostInterval = 2 * time.Second; o.IgnoreRobots = true })
	for i := 0; i < 4; i++ {
		if _, err := c.Get(context.Background(), fmt.Sprintf("%s/p%d", ts.URL, i), nil); err != nil {
			t.Fatal(err)
		}
	}
	// The first request goes at once, each later one waits 2s.
	if fmt.Sprint(clk.sleeps) != "[2s 2s 2s]" {
		t.Errorf("sleeps %v", clk.sleeps)
	}
	// After a pause longer than the interval there is no wait.
	clk.advance(time.Minute)
	n := len(clk.sleeps)
	c.Get(context.Background(), ts.URL+"/later", nil)
	if len(clk.sleeps) != n {
		t.Errorf("waited after idle: %v", clk.sleeps[n:])
	}
}

func TestRobotsParser(t *testing.T) {
	txt := `# comment
User-agent: Googlebot
Disallow: /

User-agent: *
Disallow: /search
Disallow: /*.pdf$
Allow: /search/about
Disallow: /tmp*/x
Crawl-delay: 1.5
Sitemap: https://example.test/sitemap.xml
`
	r := ParseRobots([]byte(txt), "crosswire")
	for path, want := range map[string]bool{
		"/": true, "/news": true, "/search": false, "/search?q=x": false, "/search/about": true,
		"/doc.pdf": false, "/doc.pdf?x=1": true, "/tmpfoo/x": false, "/tmp/y": true, "/robots.txt": true,
	} {
		if got := r.Allowed(path); got != want {
			t.Errorf("Allowed(%q) = %v, want %v", path, got, want)
		}
	}
	if r.CrawlDelay != 1500*time.Millisecond {
		t.Errorf("CrawlDelay %v", r.CrawlDelay)
	}
	// Consecutive User-agent lines share a group; ours beats "*".
	r2 := ParseRobots([]byte("User-agent: other\nUser-agent: CrossWire\nDisallow: /a\n\nUser-agent: *\nDisallow: /\n"), "crosswire")
	if r2.Allowed("/a/1") || !r2.Allowed("/b") {
		t.Errorf("group selection wrong")
	}
	if !ParseRobots([]byte("garbage\x00\nDisallow: /\n"), "crosswire").Allowed("/x") {
		t.Errorf("rules without User-agent should not apply")
	}
}
