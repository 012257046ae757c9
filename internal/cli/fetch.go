package cli

import (
	"fmt"
	"time"

	"github.com/crosswire-news/crosswire/internal/fetch"
	"github.com/crosswire-news/crosswire/internal/pipeline"
)

func init() {
	register(&command{
		name:    "fetch",
		usage:   "[--db PATH] [--allow-private] URL...",
		summary: "fetch web pages politely (robots.txt, rate limit) and ingest them into the store",
		run:     runFetch,
	})
}

// fetchFlags are the politeness and safety knobs fetch and watch share.
type fetchFlags struct {
	allowPrivate *bool
	timeout      *time.Duration
	maxBytes     *int64
	interval     *time.Duration
}

func addFetchFlags(fs interface {
	Bool(string, bool, string) *bool
	Duration(string, time.Duration, string) *time.Duration
	Int64(string, int64, string) *int64
}) fetchFlags {
	return fetchFlags{
		allowPrivate: fs.Bool("allow-private", false, "allow fetching from loopback, private and link-local addresses"),
		timeout:      fs.Duration("timeout", 30*time.Second, "time limit per request, body included"),
		maxBytes:     fs.Int64("max-bytes", 10<<20, "largest page accepted, in bytes after decompression"),
		interval:     fs.Duration("host-interval", time.Second, "minimum time between requests to one host, 0 for none (a site's Crawl-delay can raise it)"),
	}
}

func (f fetchFlags) client() *fetch.Client {
	interval := *f.interval
	if interval == 0 {
		interval = -1 // fetch.Options reads 0 as "the default"; on the command line 0 means none
	}
	return fetch.New(fetch.Options{
		AllowPrivate:    *f.allowPrivate,
		Timeout:         *f.timeout,
		MaxBytes:        *f.maxBytes,
		PerHostInterval: interval,
	})
}

func runFetch(env *Env, args []string) int {
	fs := newFlags(env, commands["fetch"])
	dbPath := dbFlag(fs)
	ff := addFetchFlags(fs)
	window := windowFlag(fs)
	if code, ok := parseArgs(fs, args, 1, -1); !ok {
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
	client := ff.client()
	var total pipeline.Result
	failed := 0
	bar := newProgress(env.Stderr, "fetch", fs.NArg())
	for i, u := range fs.Args() {
		if ctx.Err() != nil {
			break
		}
		resp, err := client.Get(ctx, u, nil)
		if err != nil {
			bar.done()
			env.Errorf("%v", err)
			failed++
			bar.update(i+1, failed)
			continue
		}
		res, err := p.IngestPage(ctx, resp.URL, resp.Body, nil)
		total.Add(res)
		for _, e := range res.Errors {
			bar.done()
			env.Errorf("%s: %v", resp.URL, e)
		}
		if err != nil {
			bar.done()
			env.Errorf("%s: %v", resp.URL, err)
			failed++
		}
		bar.update(i+1, failed+total.Failed)
	}
	bar.done()
	fmt.Fprintf(env.Stdout, "fetched %d of %d, new %d, duplicate %d, failed %d; %s updated (%s)\n",
		len(fs.Args())-failed, len(fs.Args()), total.New, total.Duplicate, failed+total.Failed, plural(total.Stories(), "story"), db.Path())
	if ctx.Err() != nil {
		env.Errorf("stopped (everything stored before the stop is kept)")
		return ExitPartial
	}
	if failed+total.Failed > 0 {
		return ExitPartial
	}
	return ExitOK
}
