package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/crosswire-news/crosswire/internal/extract"
	"github.com/crosswire-news/crosswire/internal/link"
	"github.com/crosswire-news/crosswire/internal/pipeline"
	"github.com/crosswire-news/crosswire/internal/store"
)

func init() {
	register(&command{
		name:    "ingest",
		usage:   "[--db PATH] PATH...",
		summary: "read files and folders (text, JSON Lines, HTML, WARC, .gz) into the store; idempotent",
		run:     runIngest,
	})
}

func runIngest(env *Env, args []string) int {
	fs := newFlags(env, commands["ingest"])
	dbPath := dbFlag(fs)
	window := windowFlag(fs)
	if code, ok := parseArgs(fs, args, 1, -1); !ok {
		return code
	}
	ctx, stop := signalContext()
	defer stop()

	arts, errs, skipped := pipeline.Read(fs.Args(), env.Stdin, extract.Options{})
	for _, e := range errs {
		env.Errorf("%v", e)
	}
	db, p, ok := openPipeline(ctx, env, *dbPath, *window)
	if !ok {
		return ExitPartial
	}
	defer db.Close()
	defer closePipeline(ctx, env, p)
	bar := newProgress(env.Stderr, "ingest", len(arts))
	res, err := p.Ingest(ctx, arts, func(r pipeline.Result) { bar.update(r.New+r.Duplicate, len(errs)) })
	bar.done()
	res.Failed += len(errs)
	extra := ""
	if skipped > 0 {
		extra = fmt.Sprintf(", %d non-HTML records skipped", skipped)
	}
	fmt.Fprintf(env.Stdout, "read %d, new %d, duplicate %d, failed %d%s; %s updated (%s)\n",
		res.Read, res.New, res.Duplicate, res.Failed, extra, plural(res.Stories(), "story"), db.Path())
	if err != nil {
		env.Errorf("ingest stopped: %v (everything committed before this is kept; run again to finish)", err)
		return ExitPartial
	}
	if res.Failed > 0 {
		return ExitPartial
	}
	return ExitOK
}

// closePipeline saves what the pipeline keeps for the next start, even
// after Ctrl-C: without it that start only weighs features less well.
func closePipeline(ctx context.Context, env *Env, p *pipeline.Pipeline) {
	if err := p.Close(context.WithoutCancel(ctx)); err != nil {
		env.Errorf("%v", err)
	}
}

// openPipeline opens the store and a pipeline whose linker knows what the
// store already holds; on failure it reports the error and ok is false.
func openPipeline(ctx context.Context, env *Env, path string, window time.Duration) (db *store.DB, p *pipeline.Pipeline, ok bool) {
	if db, ok = openStore(env, path); !ok {
		return nil, nil, false
	}
	cfg := link.DefaultConfig()
	if window > 0 {
		cfg.Window = window
	}
	p, err := pipeline.New(ctx, db, cfg)
	if err != nil {
		env.Errorf("%s: %v", path, err)
		db.Close()
		return nil, nil, false
	}
	return db, p, true
}
