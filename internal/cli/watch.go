package cli

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/crosswire-news/crosswire/internal/feed"
	"github.com/crosswire-news/crosswire/internal/pipeline"
	"github.com/crosswire-news/crosswire/internal/watch"
)

func init() {
	register(&command{
		name:    "watch",
		usage:   "[--db PATH] [--interval 15m] [--allow-private] [--once]",
		summary: "poll the subscribed feeds and ingest every new item's page until stopped (Ctrl-C)",
		run:     runWatch,
	})
}

// watchSink hands pages to the pipeline and keeps totals for the summary.
// A page the extractor cannot read is a permanent failure: it would fail the
// same way at every poll.
type watchSink struct {
	p   *pipeline.Pipeline
	mu  sync.Mutex
	res pipeline.Result
}

func (s *watchSink) Page(ctx context.Context, url string, body []byte, item *feed.Item) error {
	res, err := s.p.IngestPage(ctx, url, body, item)
	s.mu.Lock()
	s.res.Add(res)
	s.mu.Unlock()
	if err != nil {
		return err // storage or cancellation: retried at the next poll
	}
	if len(res.Errors) > 0 {
		return watch.Permanent(res.Errors[0])
	}
	return nil
}

func runWatch(env *Env, args []string) int {
	fs := newFlags(env, commands["watch"])
	dbPath := dbFlag(fs)
	ff := addFetchFlags(fs)
	interval := fs.Duration("interval", 15*time.Minute, "time between polls of one feed")
	minInterval := fs.Duration("min-interval", time.Minute, "no feed is polled more often than this")
	once := fs.Bool("once", false, "poll every due feed once, then exit")
	quiet := fs.Bool("quiet", false, "no per-failure lines, only the summary")
	window := windowFlag(fs)
	if code, ok := parseArgs(fs, args, 0, 0); !ok {
		return code
	}
	ctx, stop := signalContext()
	defer stop()

	db, p, ok := openPipeline(ctx, env, *dbPath, *window)
	if !ok {
		return ExitPartial
	}
	defer db.Close()
	defer closePipeline(ctx, env, p)
	feeds, err := db.Feeds(ctx)
	if err != nil {
		env.Errorf("%v", err)
		return ExitPartial
	}
	if len(feeds) == 0 {
		env.Errorf("no feeds to watch: add some with 'crosswire feeds add URL' or 'crosswire feeds import FILE.opml'")
		return ExitUsage
	}
	if !*once {
		fmt.Fprintf(env.Stderr, "watching %s every %s (%s); Ctrl-C stops\n", plural(len(feeds), "feed"), *interval, db.Path())
	}

	sink := &watchSink{p: p}
	bar := newProgress(env.Stderr, "watch", 0)
	start := time.Now()
	cfg := watch.Config{
		Interval:    *interval,
		MinInterval: *minInterval,
		Once:        *once,
		Progress: func(s watch.Stats) {
			bar.update(s.Pages, s.PageErrors+s.FeedErrors)
		},
		Logf: func(format string, a ...any) {
			if *quiet {
				return
			}
			bar.done() // clear the status line so the message stands alone
			env.Errorf(format, a...)
		},
	}
	stats, err := watch.RunStats(ctx, cfg, db, ff.client(), sink)
	bar.done()
	sink.mu.Lock()
	res := sink.res
	sink.mu.Unlock()
	elapsed := time.Since(start).Round(time.Second)
	fmt.Fprintf(env.Stdout, "%d polls (%d not modified, %d failed), %d pages (%d new, %d duplicate), %d page errors (%d skipped for good); %s updated in %s (%s)\n",
		stats.Polls, stats.NotModified, stats.FeedErrors, stats.Pages, res.New, res.Duplicate, stats.PageErrors, stats.Skipped,
		plural(res.Stories(), "story"), elapsed, db.Path())
	if *once && stats.Polls == 0 {
		if fs, ferr := db.Feeds(context.Background()); ferr == nil && len(fs) > 0 {
			next := fs[0].NextFetch
			for _, f := range fs[1:] {
				if f.NextFetch.Before(next) {
					next = f.NextFetch
				}
			}
			fmt.Fprintf(env.Stdout, "no feed was due; the next is due in %s\n", time.Until(next).Round(time.Second))
		}
	}
	if err != nil && !errors.Is(err, context.Canceled) {
		env.Errorf("watch stopped: %v", err)
		return ExitPartial
	}
	if *once && stats.FeedErrors+stats.PageErrors-stats.Skipped > 0 {
		return ExitPartial
	}
	return ExitOK
}
