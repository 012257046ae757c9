// Package watch polls subscribed feeds on their own schedules and hands each
// new item's page to a Sink, at least once: an item is marked seen only
// after the Sink accepted it, so a crash or a stop never loses one.
package watch

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"time"

	"github.com/crosswire-news/crosswire/internal/feed"
	"github.com/crosswire-news/crosswire/internal/fetch"
)

// Sink takes a fetched page: the pipeline implements it (extract, analyze,
// link, store). It should be idempotent on content, since an item can be
// handed over again after a crash between Page and marking it seen.
type Sink interface {
	Page(ctx context.Context, url string, body []byte, item *feed.Item) error
}

// PermanentError wraps a Sink error that handing the same page over again
// cannot fix (say, no article text could be extracted from it): the item is
// then marked seen, counted as skipped, and not retried.
type PermanentError struct{ Err error }

func (e *PermanentError) Error() string { return e.Err.Error() }
func (e *PermanentError) Unwrap() error { return e.Err }

// Permanent reports true; a Sink may return any error with this method
// instead of importing this package.
func (e *PermanentError) Permanent() bool { return true }

// Permanent marks err as a PermanentError; nil stays nil.
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return &PermanentError{Err: err}
}

// Config tunes Run. Zero values take the defaults noted.
type Config struct {
	Interval    time.Duration // between successful polls of a feed; default 15m
	MinInterval time.Duration // floor on Interval and on any reschedule; default 1m
	BackoffBase time.Duration // first retry after a failure; default 1m
	MaxBackoff  time.Duration // cap on the backoff; default 6h
	Reload      time.Duration // re-read the feed list at least this often; default 1m

	// Once polls the feeds that are due and returns instead of waiting.
	Once bool

	// Now, Sleep and Jitter (a number in [0,1)) replace the clock and the
	// random source, so tests run instantly and deterministically.
	Now    func() time.Time
	Sleep  func(ctx context.Context, d time.Duration) error
	Jitter func() float64

	// Progress, if set, is called after every feed poll and page.
	Progress func(Stats)
	// Logf, if set, receives one line per failure.
	Logf func(format string, args ...any)
}

// Stats count what a Run did.
type Stats struct {
	Polls       int // feed fetches attempted
	NotModified int // 304s
	FeedErrors  int // feed fetches or parses that failed
	Pages       int // items handed to the Sink and marked seen
	PageErrors  int // items that could not be fetched or that the Sink refused
	Skipped     int // items given up on for good (robots, 404, refused address, too large)
}

func (c *Config) defaults() {
	if c.Interval <= 0 {
		c.Interval = 15 * time.Minute
	}
	if c.MinInterval <= 0 {
		c.MinInterval = time.Minute
	}
	if c.Interval < c.MinInterval {
		c.Interval = c.MinInterval
	}
	if c.BackoffBase <= 0 {
		c.BackoffBase = time.Minute
	}
	if c.MaxBackoff <= 0 {
		c.MaxBackoff = 6 * time.Hour
	}
	if c.Reload <= 0 {
		c.Reload = time.Minute
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Sleep == nil {
		c.Sleep = fetch.Sleep
	}
	if c.Jitter == nil {
		c.Jitter = rand.Float64
	}
	if c.Progress == nil {
		c.Progress = func(Stats) {}
	}
	if c.Logf == nil {
		c.Logf = func(string, ...any) {}
	}
}

// Backoff is the wait after the n-th consecutive failure: base doubling up
// to max, then "equal jitter" (half fixed, half random) so feeds that failed
// together do not retry together.
func Backoff(base, max time.Duration, n int, jitter float64) time.Duration {
	d := base
	for i := 1; i < n && d < max; i++ {
		d *= 2
	}
	if d > max {
		d = max
	}
	return d/2 + time.Duration(jitter*float64(d/2))
}

// Run polls until ctx is cancelled (returning nil: a clean stop) or, with
// Once, until every due feed was polled. It returns an error only when the
// store fails.
func Run(ctx context.Context, cfg Config, store feed.Store, client *fetch.Client, sink Sink) error {
	_, err := RunStats(ctx, cfg, store, client, sink)
	return err
}

// RunStats is Run returning what was done.
func RunStats(ctx context.Context, cfg Config, store feed.Store, client *fetch.Client, sink Sink) (Stats, error) {
	cfg.defaults()
	w := &watcher{cfg: cfg, store: store, client: client, sink: sink}
	err := w.loop(ctx)
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) && ctx.Err() != nil {
		err = nil
	}
	return w.stats, err
}

type watcher struct {
	cfg    Config
	store  feed.Store
	client *fetch.Client
	sink   Sink
	stats  Stats
	// lastErr is the last item failure, for the feed's LastError and to
	// notice a host's Retry-After.
	lastErr error
}

func (w *watcher) loop(ctx context.Context) error {
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		feeds, err := w.store.Feeds(ctx)
		if err != nil {
			return fmt.Errorf("watch: list feeds: %w", err)
		}
		now := w.cfg.Now()
		for i := range feeds {
			feeds[i].NextFetch = w.next(&feeds[i])
		}
		sort.SliceStable(feeds, func(i, j int) bool { return feeds[i].NextFetch.Before(feeds[j].NextFetch) })
		for i := range feeds {
			if feeds[i].NextFetch.After(now) {
				continue
			}
			if err := w.poll(ctx, &feeds[i]); err != nil {
				return err
			}
		}
		if w.cfg.Once {
			return nil
		}
		// Sleep until the next feed is due, waking at least every Reload
		// to pick up feeds added meanwhile.
		now = w.cfg.Now()
		wake := now.Add(w.cfg.Reload)
		for _, f := range feeds {
			if f.NextFetch.Before(wake) {
				wake = f.NextFetch
			}
		}
		if err := w.cfg.Sleep(ctx, wake.Sub(now)); err != nil {
			return err
		}
	}
}

// next is when a feed is due. A healthy feed is due one Interval after its
// last fetch even if an earlier run with a longer --interval scheduled it
// later; backoff after failures is kept as scheduled.
func (w *watcher) next(f *feed.Feed) time.Time {
	if f.Failures == 0 && !f.LastFetch.IsZero() {
		if t := f.LastFetch.Add(w.cfg.Interval); t.Before(f.NextFetch) {
			return t
		}
	}
	return f.NextFetch
}

// poll fetches one feed and its new items and writes the feed's state back.
// On cancellation it writes nothing, so the next run starts the feed over
// (and skips the items already marked).
func (w *watcher) poll(ctx context.Context, f *feed.Feed) error {
	orig := *f
	start := w.cfg.Now()
	w.stats.Polls++
	resp, err := w.client.Get(ctx, f.URL, &fetch.Conditional{ETag: f.ETag, LastModified: f.LastModified})
	if ctx.Err() != nil {
		return ctx.Err()
	}
	f.LastFetch = start
	if err != nil {
		return w.fail(ctx, f, start, statusOf(err), err)
	}
	if resp.NotModified {
		w.stats.NotModified++
		f.LastStatus, f.LastError, f.Failures = "304", "", 0
		f.NextFetch = start.Add(w.cfg.Interval)
		w.cfg.Progress(w.stats)
		return w.update(ctx, f)
	}
	parsed, err := feed.Parse(resp.Body, f.URL)
	if err != nil {
		return w.fail(ctx, f, start, "parse error", err)
	}
	if f.Title == "" {
		f.Title = parsed.Title
	}
	complete, failed := true, 0
	var itemErr error
	for i := range parsed.Items {
		it := &parsed.Items[i]
		done, err := w.item(ctx, f, it)
		if err != nil {
			if ctx.Err() != nil && f.Items != orig.Items {
				// Stopped mid-feed: keep the count of what was handed
				// over, nothing else, so the next run polls it afresh.
				orig.Items = f.Items
				*f = orig
				if uerr := w.update(ctx, f); uerr != nil {
					return uerr
				}
			}
			return err // store failure or cancellation
		}
		if !done {
			complete = false
			failed++
			if itemErr == nil {
				itemErr = w.lastErr
			}
			if _, busy := fetch.RetryAfter(w.lastErr); busy {
				break // the host asked us to slow down: leave the rest for later
			}
		}
	}
	// Keep the old validators while an item is left over: new ones would
	// turn the next poll into a 304 and the item would never be retried.
	if complete {
		f.ETag, f.LastModified = resp.ETag, resp.LastModified
	}
	f.LastStatus, f.LastError, f.Failures = "200", "", 0
	if failed > 0 {
		f.LastError = fmt.Sprintf("%d items failed, retried next poll: %v", failed, itemErr)
	}
	f.NextFetch = start.Add(w.cfg.Interval)
	w.cfg.Progress(w.stats)
	return w.update(ctx, f)
}

// item handles one feed item. done is false when it should be tried again
// at the next poll; err is a store failure or cancellation.
func (w *watcher) item(ctx context.Context, f *feed.Feed, it *feed.Item) (done bool, err error) {
	w.lastErr = nil
	key := it.Key()
	seen, err := w.store.SeenItem(ctx, f.URL, key)
	if err != nil {
		if ctx.Err() != nil {
			return false, ctx.Err()
		}
		return false, fmt.Errorf("watch: %s: %w", f.URL, err)
	}
	if seen {
		return true, nil
	}
	pageURL, body, err := w.page(ctx, f, it)
	if ctx.Err() != nil {
		return false, ctx.Err() // abandoned, not marked: the next run does it again
	}
	if err != nil {
		w.lastErr = err
		w.stats.PageErrors++
		if fetch.Permanent(err) {
			// Retrying cannot help; remember it so every poll does not
			// refetch it.
			w.stats.Skipped++
			w.cfg.Logf("skipped for good: %s", named(it.Link, err))
			w.cfg.Progress(w.stats)
			return true, w.mark(ctx, f, key)
		}
		w.cfg.Logf("%s (retried next poll)", named(it.Link, err))
		w.cfg.Progress(w.stats)
		return false, nil
	}
	if err := w.sink.Page(ctx, pageURL, body, it); err != nil {
		if ctx.Err() != nil {
			return false, ctx.Err()
		}
		w.lastErr = err
		w.stats.PageErrors++
		var pe interface{ Permanent() bool }
		if errors.As(err, &pe) && pe.Permanent() {
			w.stats.Skipped++
			w.cfg.Logf("skipped for good: %s", named(pageURL, err))
			w.cfg.Progress(w.stats)
			return true, w.mark(ctx, f, key)
		}
		w.cfg.Logf("%s (retried next poll)", named(pageURL, err))
		w.cfg.Progress(w.stats)
		return false, nil
	}
	// The Sink has it: mark it even if a stop arrived meanwhile.
	if err := w.mark(context.WithoutCancel(ctx), f, key); err != nil {
		return false, err
	}
	f.Items++
	w.stats.Pages++
	w.cfg.Progress(w.stats)
	return true, nil
}

// page fetches an item's page. An item without a link but with content in
// the feed hands that content on instead.
func (w *watcher) page(ctx context.Context, f *feed.Feed, it *feed.Item) (string, []byte, error) {
	if it.Link == "" || !strings.HasPrefix(it.Link, "http://") && !strings.HasPrefix(it.Link, "https://") {
		content := it.Content
		if content == "" {
			content = it.Description
		}
		if content == "" {
			return "", nil, &fetch.URLError{URL: it.Link, Reason: "item has no web link and no content"}
		}
		return f.URL + "#" + it.Key(), []byte(content), nil
	}
	resp, err := w.client.Get(ctx, it.Link, nil)
	if err != nil {
		return "", nil, err
	}
	return resp.URL, resp.Body, nil
}

func (w *watcher) mark(ctx context.Context, f *feed.Feed, key string) error {
	if err := w.store.MarkItem(ctx, f.URL, key); err != nil {
		return fmt.Errorf("watch: mark %s item %q: %w", f.URL, key, err)
	}
	return nil
}

func (w *watcher) fail(ctx context.Context, f *feed.Feed, now time.Time, status string, err error) error {
	w.stats.FeedErrors++
	f.Failures++
	f.LastStatus, f.LastError = status, err.Error()
	d := Backoff(w.cfg.BackoffBase, w.cfg.MaxBackoff, f.Failures, w.cfg.Jitter())
	if ra, ok := fetch.RetryAfter(err); ok && ra > d {
		d = ra
	}
	if d < w.cfg.MinInterval {
		d = w.cfg.MinInterval
	}
	f.NextFetch = now.Add(d)
	w.cfg.Logf("%s (retry in %s)", named(f.URL, err), d.Round(time.Second))
	w.cfg.Progress(w.stats)
	return w.update(ctx, f)
}

func (w *watcher) update(ctx context.Context, f *feed.Feed) error {
	if err := w.store.UpdateFeed(context.WithoutCancel(ctx), *f); err != nil {
		return fmt.Errorf("watch: update feed %s: %w", f.URL, err)
	}
	return nil
}

func statusOf(err error) string {
	var se *fetch.StatusError
	if errors.As(err, &se) {
		return fmt.Sprint(se.Status)
	}
	var re *fetch.RobotsError
	if errors.As(err, &re) {
		return "robots"
	}
	return "error"
}

// named prefixes an error with the URL unless its message names it already.
func named(url string, err error) string {
	msg := err.Error()
	if url == "" || strings.Contains(msg, url) {
		return msg
	}
	return url + ": " + msg
}
