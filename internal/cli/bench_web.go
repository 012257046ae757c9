package cli

import (
	"context"
	"fmt"
	"io"
	"log"
	"time"

	"github.com/crosswire-news/crosswire/internal/web"
	"github.com/crosswire-news/crosswire/internal/web/webbench"
)

func init() {
	c := &command{
		name:    "web",
		usage:   "[--articles N] [--stories N] [--requests N] [--max-p99 D]",
		summary: "story page latency (p50/p99) over a generated store of 100,000 articles (cached under the temp dir)",
	}
	c.run = func(env *Env, args []string) int {
		fs := newFlags(env, c)
		p := webbench.Default
		fs.IntVar(&p.Articles, "articles", p.Articles, "articles in the generated store")
		fs.IntVar(&p.Stories, "stories", p.Stories, "stories in the generated store")
		n := fs.Int("requests", 2000, "requests per page kind")
		maxP99 := fs.Duration("max-p99", 0, "exit 1 when the story page p99 exceeds this (0: report only)")
		if code, ok := parse(fs, args); !ok {
			return code
		}
		if p.Stories < 1 || p.Articles < p.Stories || *n < 10 {
			env.Errorf("bench web: need stories >= 1, articles >= stories, requests >= 10")
			return ExitUsage
		}
		ctx := context.Background()
		db, err := webbench.Open(ctx, p, func(f string, a ...any) { fmt.Fprintf(env.Stderr, "bench web: "+f+"\n", a...) })
		if err != nil {
			env.Errorf("bench web: %v", err)
			return ExitPartial
		}
		defer db.Close()
		h := web.New(db, web.Options{Logger: log.New(io.Discard, "", 0)})
		fmt.Fprintf(env.Stdout, "web latency over %d articles in %d stories, %d requests each, handler only (no network):\n", p.Articles, p.Stories, *n)
		kinds := []struct {
			name  string
			paths []string
		}{
			{"story page", webbench.StoryPaths(p)},
			{"article page", webbench.ArticlePaths(p)},
			{"story API", apiPaths(webbench.StoryPaths(p))},
			{"stories list", []string{"/", "/?sort=covered", "/?page=5", "/?from=2026-02-01&to=2026-03-01"}},
		}
		var story webbench.Result
		for i, k := range kinds {
			reqs := *n
			if k.name == "stories list" {
				reqs = max(10, *n/10) // the list pages repeat; fewer requests say as much
			}
			r := webbench.Measure(h, k.paths, reqs, uint64(i+1))
			if i == 0 {
				story = r
			}
			fmt.Fprintf(env.Stdout, "  %-13s %s\n", k.name, r)
			if r.Errors > 0 {
				env.Errorf("bench web: %s: %d failed requests (first: %d on %s)", k.name, r.Errors, r.FirstErrorStatus, r.FirstErrorPath)
				return ExitPartial
			}
		}
		verdict := "ok"
		if story.P99 >= 50*time.Millisecond {
			verdict = "OVER"
		}
		fmt.Fprintf(env.Stdout, "story page p50 %.2f ms, p99 %.2f ms (target p99 < 50 ms: %s)\n",
			float64(story.P50)/1e6, float64(story.P99)/1e6, verdict)
		if *maxP99 > 0 && story.P99 > *maxP99 {
			return ExitPartial
		}
		return ExitOK
	}
	registerBench(c)
}

func apiPaths(story []string) []string {
	out := make([]string, len(story))
	for i, p := range story {
		out[i] = "/api/stories/" + p[len("/story/"):]
	}
	return out
}
