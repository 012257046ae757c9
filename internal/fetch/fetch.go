// Package fetch gets web pages politely: it names itself, honours
// robots.txt and Crawl-delay, spaces requests to one host, caps time, size
// and redirects, and refuses to reach private networks unless told to.
package fetch

import (
	"compress/gzip"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/andybalholm/brotli"
)

// DefaultUserAgent names crosswire and where to read about it, so a site
// operator can find out who is fetching.
const DefaultUserAgent = "crosswire/0.1 (+https://github.com/crosswire-news/crosswire)"

// robotsToken is the product token robots.txt groups are matched against.
const robotsToken = "crosswire"

// Options configure a Client. Zero values take the defaults noted.
type Options struct {
	UserAgent       string        // default DefaultUserAgent
	AllowPrivate    bool          // allow loopback, private, link-local ... addresses
	PerHostInterval time.Duration // minimum spacing of requests to a host; default 1s, <0 for none
	Timeout         time.Duration // per request including the body; default 30s
	MaxBytes        int64         // body cap after decoding; default 10 MiB
	MaxRedirects    int           // default 5, <0 for none
	// RespectRobots is on by default; set IgnoreRobots to turn it off
	// (a bool cannot default to true).
	IgnoreRobots bool

	// AllowAddr, when set, lets through a blocked address it returns true
	// for. Tests use it to admit exactly their httptest server.
	AllowAddr func(netip.AddrPort) bool
	// Now and Sleep replace the clock for rate limiting; tests use them so
	// they never sleep.
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error
	// Transport, when set, replaces the guarded transport (tests only: it
	// bypasses the address guard at dial time).
	Transport http.RoundTripper
}

// Conditional carries the validators of an earlier response.
type Conditional struct {
	ETag, LastModified string
}

// Response is a fetched page.
type Response struct {
	URL          string // final URL after redirects
	Status       int
	Header       http.Header
	Body         []byte // decoded (gzip, br)
	NotModified  bool   // 304 to a conditional request
	ETag         string
	LastModified string
	RetryAfter   time.Duration // from a Retry-After header, 0 if none
}

// StatusError is an HTTP status >= 400. For 429 and 503 RetryAfter carries
// the server's Retry-After (0 when absent).
type StatusError struct {
	URL        string
	Status     int
	RetryAfter time.Duration
}

func (e *StatusError) Error() string {
	s := fmt.Sprintf("%s: HTTP %d %s", e.URL, e.Status, http.StatusText(e.Status))
	if e.RetryAfter > 0 {
		s += fmt.Sprintf(" (retry after %s)", e.RetryAfter)
	}
	return s
}

// Temporary reports whether trying again later may succeed.
func (e *StatusError) Temporary() bool {
	return e.Status == 429 || e.Status == 408 || e.Status >= 500
}

// RetryAfter returns the Retry-After an error carries.
func RetryAfter(err error) (time.Duration, bool) {
	var se *StatusError
	if errors.As(err, &se) && (se.Status == 429 || se.Status == 503) {
		return se.RetryAfter, true
	}
	return 0, false
}

// RobotsError means robots.txt disallows the URL.
type RobotsError struct{ URL string }

func (e *RobotsError) Error() string { return e.URL + ": disallowed by robots.txt" }

// SizeError means the body was larger than MaxBytes.
type SizeError struct {
	URL string
	Max int64
}

func (e *SizeError) Error() string { return fmt.Sprintf("%s: body exceeds %d bytes", e.URL, e.Max) }

// Permanent reports whether err is one retrying the same URL will not fix:
// robots disallow, a refused address, a size overflow, a 4xx other than
// 408/429, a malformed URL.
func Permanent(err error) bool {
	var se *StatusError
	if errors.As(err, &se) {
		return !se.Temporary()
	}
	var re *RobotsError
	var ae *AddrError
	var ze *SizeError
	var ue *URLError
	return errors.As(err, &re) || errors.As(err, &ae) || errors.As(err, &ze) || errors.As(err, &ue)
}

// URLError is a URL crosswire will not fetch (bad syntax or scheme).
type URLError struct {
	URL, Reason string
}

func (e *URLError) Error() string { return fmt.Sprintf("%s: %s", e.URL, e.Reason) }

// Client is safe for concurrent use.
type Client struct {
	opt Options
	hc  *http.Client

	mu    sync.Mutex
	hosts map[string]*hostState // robots.txt, by origin (scheme://host:port)
	next  map[string]time.Time  // earliest next request, by host name: http and https share it
}

type hostState struct {
	robots      *Robots
	robotsErr   error
	robotsUntil time.Time
	robotsMu    sync.Mutex // one robots.txt fetch per host at a time
}

const (
	robotsTTL     = 24 * time.Hour
	robotsFailTTL = 5 * time.Minute // retry an unreachable robots.txt sooner
	robotsMax     = 512 << 10       // RFC 9309 asks parsers to read at least 500 KiB
)

// New makes a Client.
func New(opt Options) *Client {
	if opt.UserAgent == "" {
		opt.UserAgent = DefaultUserAgent
	}
	if opt.PerHostInterval == 0 {
		opt.PerHostInterval = time.Second
	}
	if opt.Timeout <= 0 {
		opt.Timeout = 30 * time.Second
	}
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = 10 << 20
	}
	if opt.MaxRedirects == 0 {
		opt.MaxRedirects = 5
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Sleep == nil {
		opt.Sleep = Sleep
	}
	c := &Client{opt: opt, hosts: map[string]*hostState{}, next: map[string]time.Time{}}
	rt := opt.Transport
	if rt == nil {
		d := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second, Control: c.dialControl}
		rt = &http.Transport{
			Proxy:                 nil, // a proxy would dial for us and bypass the address guard
			DialContext:           d.DialContext,
			ForceAttemptHTTP2:     true,
			MaxIdleConns:          100,
			MaxIdleConnsPerHost:   2,
			IdleConnTimeout:       90 * time.Second,
			TLSHandshakeTimeout:   10 * time.Second,
			ResponseHeaderTimeout: opt.Timeout,
			DisableCompression:    true, // we ask for gzip and br ourselves and cap the decoded size
		}
	}
	c.hc = &http.Client{
		Transport: rt,
		// Redirects are followed by hand so each hop is checked (scheme,
		// address, robots.txt, rate limit).
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	return c
}

// maxHosts bounds the per-host state a long watch accumulates; past it,
// entries that no longer matter are dropped.
const maxHosts = 10000

// prune drops rate slots already past and robots.txt rules already stale
// (they would be refetched anyway). c.mu is held.
func (c *Client) prune(now time.Time) {
	for k, t := range c.next {
		if t.Before(now) {
			delete(c.next, k)
		}
	}
	for k, h := range c.hosts {
		if now.After(h.robotsUntil) && (h.robots != nil || h.robotsErr != nil) {
			delete(c.hosts, k)
		}
	}
}

// Sleep waits for d or until ctx is done, whichever comes first; it
// returns ctx.Err() when cut short. The watcher's schedule uses it too.
func Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Get fetches rawURL, following redirects. cond may be nil.
func (c *Client) Get(ctx context.Context, rawURL string, cond *Conditional) (*Response, error) {
	u, err := c.checkURL(rawURL)
	if err != nil {
		return nil, err
	}
	for hop := 0; ; hop++ {
		if !c.opt.IgnoreRobots {
			r, err := c.robots(ctx, u)
			if err != nil {
				var ae *AddrError
				if errors.As(err, &ae) {
					// Name the page asked for, not its robots.txt.
					return nil, &AddrError{URL: u.String(), Addr: ae.Addr, Reason: ae.Reason}
				}
				return nil, err
			}
			if !r.Allowed(robotsPath(u)) {
				return nil, &RobotsError{URL: u.String()}
			}
		}
		if err := c.wait(ctx, u); err != nil {
			return nil, err
		}
		resp, loc, err := c.do(ctx, u, cond, c.opt.MaxBytes)
		if err != nil {
			return nil, err
		}
		if loc == "" {
			if resp.Status >= 400 {
				return nil, &StatusError{URL: resp.URL, Status: resp.Status, RetryAfter: resp.RetryAfter}
			}
			return resp, nil
		}
		if hop >= c.opt.MaxRedirects {
			return nil, &URLError{URL: rawURL, Reason: fmt.Sprintf("stopped after %d redirects", hop)}
		}
		next, err := u.Parse(loc)
		if err != nil {
			return nil, &URLError{URL: u.String(), Reason: fmt.Sprintf("bad redirect Location %q", loc)}
		}
		if u, err = c.checkURL(next.String()); err != nil {
			return nil, fmt.Errorf("redirect from %s: %w", resp.URL, err)
		}
	}
}

// checkURL parses a URL, admits only http and https, and refuses literal
// blocked IPs before any dialing so the error is plain.
func (c *Client) checkURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, &URLError{URL: raw, Reason: "malformed URL: " + err.Error()}
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, &URLError{URL: raw, Reason: "only http and https URLs are fetched"}
	}
	if u.Host == "" {
		return nil, &URLError{URL: raw, Reason: "no host"}
	}
	u.Fragment = ""
	if ip, err := netip.ParseAddr(strings.Trim(u.Hostname(), "[]")); err == nil {
		if err := c.checkAddr(netip.AddrPortFrom(ip, portOf(u))); err != nil {
			ae := err.(*AddrError)
			ae.URL = u.String()
			return nil, ae
		}
	}
	return u, nil
}

func portOf(u *url.URL) uint16 {
	if p := u.Port(); p != "" {
		n, _ := strconv.Atoi(p)
		return uint16(n)
	}
	if u.Scheme == "https" {
		return 443
	}
	return 80
}

func hostKey(u *url.URL) string {
	return u.Scheme + "://" + strings.ToLower(u.Hostname()) + ":" + strconv.Itoa(int(portOf(u)))
}

func robotsPath(u *url.URL) string {
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	return p
}

func (c *Client) host(u *url.URL) *hostState {
	c.mu.Lock()
	defer c.mu.Unlock()
	k := hostKey(u)
	h := c.hosts[k]
	if h == nil {
		h = &hostState{}
		c.hosts[k] = h
	}
	return h
}

// wait reserves the host's next request slot and sleeps until it: the
// interval is PerHostInterval or the site's Crawl-delay, whichever is longer.
func (c *Client) wait(ctx context.Context, u *url.URL) error {
	h := c.host(u)
	interval := c.opt.PerHostInterval
	c.mu.Lock()
	if h.robots != nil && h.robots.CrawlDelay > interval {
		interval = h.robots.CrawlDelay
	}
	now := c.opt.Now()
	name := strings.ToLower(u.Hostname())
	at := c.next[name]
	if at.Before(now) {
		at = now
	}
	if interval > 0 {
		c.next[name] = at.Add(interval)
	}
	if len(c.next) > maxHosts {
		c.prune(now)
	}
	c.mu.Unlock()
	return c.opt.Sleep(ctx, at.Sub(now))
}

// robots returns the host's robots.txt rules, fetching them when the cache
// is empty or stale. An unreachable robots.txt (5xx, 429, network error)
// means "do not crawl for now" (RFC 9309 2.3.1.3); that comes back as an
// error that is not Permanent, remembered for a while so a down host is not
// asked again for every URL.
func (c *Client) robots(ctx context.Context, u *url.URL) (*Robots, error) {
	h := c.host(u)
	h.robotsMu.Lock()
	defer h.robotsMu.Unlock()
	c.mu.Lock()
	r, rerr, until := h.robots, h.robotsErr, h.robotsUntil
	c.mu.Unlock()
	if (r != nil || rerr != nil) && c.opt.Now().Before(until) {
		return r, rerr
	}
	r, err := c.fetchRobots(ctx, u)
	if err != nil && ctx.Err() != nil {
		return nil, err
	}
	ttl := robotsTTL
	if err != nil {
		ttl = robotsFailTTL
	}
	c.mu.Lock()
	h.robots, h.robotsErr, h.robotsUntil = r, err, c.opt.Now().Add(ttl)
	c.mu.Unlock()
	return r, err
}

// RobotsUnavailableError means robots.txt could not be read, so the host is
// not crawled for now.
type RobotsUnavailableError struct {
	URL string
	Err error
}

func (e *RobotsUnavailableError) Error() string {
	return fmt.Sprintf("%s unavailable, not crawling the host for now: %v", e.URL, e.Err)
}

func (e *RobotsUnavailableError) Unwrap() error { return e.Err }

func (c *Client) fetchRobots(ctx context.Context, page *url.URL) (*Robots, error) {
	u := &url.URL{Scheme: page.Scheme, Host: page.Host, Path: "/robots.txt"}
	for hop := 0; hop <= 5; hop++ {
		resp, loc, err := c.do(ctx, u, nil, robotsMax)
		var se *SizeError
		switch {
		case errors.As(err, &se):
			// Far beyond any honest robots.txt; treat as unavailable.
			return nil, &RobotsUnavailableError{URL: u.String(), Err: err}
		case err != nil:
			var ae *AddrError
			if errors.As(err, &ae) {
				return nil, err
			}
			return nil, &RobotsUnavailableError{URL: u.String(), Err: err}
		case loc != "":
			next, perr := u.Parse(loc)
			if perr != nil {
				return allowAll, nil
			}
			if u, err = c.checkURL(next.String()); err != nil {
				return nil, fmt.Errorf("robots.txt of %s: %w", page.Host, err)
			}
		case resp.Status >= 200 && resp.Status < 300:
			return ParseRobots(resp.Body, robotsToken), nil
		case resp.Status == 429 || resp.Status >= 500:
			return nil, &RobotsUnavailableError{URL: u.String(), Err: &StatusError{URL: u.String(), Status: resp.Status, RetryAfter: resp.RetryAfter}}
		default:
			// 4xx (and anything odd): no rules, crawl freely.
			return allowAll, nil
		}
	}
	return allowAll, nil // RFC 9309: more than five redirects means unavailable rules, i.e. none
}

// do performs one request. It returns loc != "" for a redirect to follow.
func (c *Client) do(ctx context.Context, u *url.URL, cond *Conditional, max int64) (*Response, string, error) {
	ctx, cancel := context.WithTimeout(ctx, c.opt.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, "", &URLError{URL: u.String(), Reason: err.Error()}
	}
	req.Header.Set("User-Agent", c.opt.UserAgent)
	req.Header.Set("Accept-Encoding", "gzip, br")
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/feed+json,application/json;q=0.9,*/*;q=0.8")
	if cond != nil {
		if cond.ETag != "" {
			req.Header.Set("If-None-Match", cond.ETag)
		}
		if cond.LastModified != "" {
			req.Header.Set("If-Modified-Since", cond.LastModified)
		}
	}
	hr, err := c.hc.Do(req)
	if err != nil {
		return nil, "", c.wrapErr(ctx, u, err)
	}
	defer hr.Body.Close()
	resp := &Response{
		URL:          u.String(),
		Status:       hr.StatusCode,
		Header:       hr.Header,
		ETag:         hr.Header.Get("ETag"),
		LastModified: hr.Header.Get("Last-Modified"),
		RetryAfter:   parseRetryAfter(hr.Header.Get("Retry-After"), c.opt.Now()),
	}
	switch hr.StatusCode {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther, http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		if loc := hr.Header.Get("Location"); loc != "" {
			io.Copy(io.Discard, io.LimitReader(hr.Body, 64<<10)) // lets the connection be reused
			return resp, loc, nil
		}
	case http.StatusNotModified:
		resp.NotModified = true
		if cond != nil {
			if resp.ETag == "" {
				resp.ETag = cond.ETag
			}
			if resp.LastModified == "" {
				resp.LastModified = cond.LastModified
			}
		}
		return resp, "", nil
	}
	if hr.StatusCode >= 400 {
		io.Copy(io.Discard, io.LimitReader(hr.Body, 64<<10))
		return resp, "", nil
	}
	body, err := decodeBody(hr.Body, hr.Header.Get("Content-Encoding"), u.String(), max)
	if err != nil {
		return nil, "", c.wrapErr(ctx, u, err)
	}
	resp.Body = body
	return resp, "", nil
}

// wrapErr turns transport errors into ones that name the URL and the cause.
func (c *Client) wrapErr(ctx context.Context, u *url.URL, err error) error {
	var ae *AddrError
	if errors.As(err, &ae) {
		return &AddrError{URL: u.String(), Addr: ae.Addr, Reason: ae.Reason}
	}
	var se *SizeError
	if errors.As(err, &se) {
		return err
	}
	if errors.Is(ctx.Err(), context.DeadlineExceeded) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("%s: timed out after %s: %w", u, c.opt.Timeout, context.DeadlineExceeded)
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return fmt.Errorf("%s: %w", u, err)
}

// decodeBody undoes Content-Encoding and reads at most max decoded bytes;
// a longer (or endless) body is cut and reported.
func decodeBody(r io.Reader, encoding, u string, max int64) ([]byte, error) {
	var err error
	switch strings.ToLower(strings.TrimSpace(encoding)) {
	case "", "identity":
	case "gzip", "x-gzip":
		var zr *gzip.Reader
		if zr, err = gzip.NewReader(r); err != nil {
			return nil, fmt.Errorf("gzip body: %w", err)
		}
		defer zr.Close()
		r = zr
	case "br":
		r = brotli.NewReader(r)
	case "deflate":
		var zr io.ReadCloser
		if zr, err = zlib.NewReader(r); err != nil {
			return nil, fmt.Errorf("deflate body: %w", err)
		}
		defer zr.Close()
		r = zr
	default:
		return nil, fmt.Errorf("unsupported Content-Encoding %q", encoding)
	}
	body, err := io.ReadAll(io.LimitReader(r, max+1))
	if int64(len(body)) > max {
		return nil, &SizeError{URL: u, Max: max}
	}
	if err != nil {
		return nil, err
	}
	return body, nil
}

// parseRetryAfter reads delay-seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n < 0 {
			return 0
		}
		if n > 7*86400 {
			n = 7 * 86400 // a week is plenty; guards against overflow
		}
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d
		}
	}
	return 0
}
