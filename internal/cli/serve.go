package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"path"
	"strings"
	"time"

	"github.com/crosswire-news/crosswire/internal/extract"
	"github.com/crosswire-news/crosswire/internal/link"
	"github.com/crosswire-news/crosswire/internal/model"
	"github.com/crosswire-news/crosswire/internal/pipeline"
	"github.com/crosswire-news/crosswire/internal/web"
)

func init() {
	register(&command{
		name:    "serve",
		usage:   "[--db PATH] [--addr 127.0.0.1:8080] [--allow-ingest --ingest-token TOKEN]",
		summary: "serve the web UI and the JSON API over the store (read-only unless --allow-ingest)",
		run:     runServe,
	})
}

func runServe(env *Env, args []string) int {
	fs := newFlags(env, commands["serve"])
	dbPath := dbFlag(fs)
	addr := fs.String("addr", "127.0.0.1:8080", "listen `address` (host:port)")
	allowIngest := fs.Bool("allow-ingest", false, "accept POST /api/ingest (needs a token)")
	token := fs.String("ingest-token", os.Getenv("CROSSWIRE_INGEST_TOKEN"), "bearer `token` for POST /api/ingest (env CROSSWIRE_INGEST_TOKEN)")
	maxIngest := fs.Int64("max-ingest-bytes", 32<<20, "largest accepted ingest body, in bytes")
	window := fs.Duration("window", link.DefaultConfig().Window, "time window within which ingested articles can join one story")
	if code, ok := parseArgs(fs, args, 0, 0); !ok {
		return code
	}
	if *allowIngest && strings.TrimSpace(*token) == "" {
		env.Errorf("serve: --allow-ingest needs a token (--ingest-token or CROSSWIRE_INGEST_TOKEN); refusing to start an open ingest endpoint")
		return ExitUsage
	}
	if *allowIngest && len(*token) < 16 {
		env.Errorf("serve: the ingest token should be at least 16 characters")
		return ExitUsage
	}

	ctx, stop := signalContext()
	defer stop()

	db, ok := openStore(env, *dbPath)
	if !ok {
		return ExitPartial
	}
	defer db.Close()
	opt := web.Options{MaxIngestBytes: *maxIngest, WarmLists: true, Logger: log.New(env.Stderr, "crosswire: ", log.LstdFlags)}
	if *allowIngest {
		cfg := link.DefaultConfig()
		if *window > 0 {
			cfg.Window = *window
		}
		p, err := pipeline.New(ctx, db, cfg)
		if err != nil {
			env.Errorf("%v", err)
			return ExitPartial
		}
		defer closePipeline(ctx, env, p)
		opt.Ingester, opt.IngestToken = &pipelineIngester{p: p}, *token
	}

	srv := web.NewServer(*addr, web.New(db, opt))
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		env.Errorf("serve: %v", err)
		return ExitPartial
	}
	arts, stories, _ := db.Counts(ctx)
	mode := "read-only"
	if *allowIngest {
		mode = "ingest enabled at POST /api/ingest"
	}
	fmt.Fprintf(env.Stderr, "crosswire: serving %s (%s, %s) on http://%s/ (%s)\n",
		db.Path(), plural(arts, "article"), plural(stories, "story"), ln.Addr(), mode)

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		env.Errorf("serve: %v", err)
		return ExitPartial
	case <-ctx.Done():
	}
	// Let requests in flight finish, but do not wait forever.
	shutCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		env.Errorf("serve: shutdown: %v", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		env.Errorf("serve: %v", err)
	}
	fmt.Fprintln(env.Stderr, "crosswire: stopped")
	return ExitOK
}

// pipelineIngester adapts the pipeline to web.Ingester: the body is read
// like a file (extract.Reader detects JSON Lines, HTML or plain text), then
// analysed, linked and stored.
type pipelineIngester struct {
	p *pipeline.Pipeline
}

func (pi *pipelineIngester) IngestBytes(ctx context.Context, name string, body []byte) (web.IngestResult, error) {
	// The client's name labels the articles' source; only its base is kept.
	name = "http:" + path.Base("/"+name)
	got, errs := extract.Reader(name, bytes.NewReader(body), extract.Options{})
	arts := make([]*model.Article, len(got))
	for i := range got {
		arts[i] = &got[i]
	}
	res, err := pi.p.Ingest(ctx, arts, nil)
	out := web.IngestResult{Read: res.Read + len(errs), New: res.New, Duplicate: res.Duplicate,
		Failed: res.Failed + len(errs), Errors: []string{}}
	for _, e := range append(errs, res.Errors...) {
		out.Errors = append(out.Errors, e.Error())
	}
	return out, err
}
