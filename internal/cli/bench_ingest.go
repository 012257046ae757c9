package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/crosswire-news/crosswire/internal/eval"
	"github.com/crosswire-news/crosswire/internal/pipeline"
	"github.com/crosswire-news/crosswire/internal/synth"
)

func init() {
	registerBench(&command{name: "ingest", usage: "[--pages N] [--seed S] [--keep DIR] [--gold FILE]",
		summary: "end to end: a generated WARC of N pages through extract, analyze, link and a fresh SQLite store",
		run:     runBenchIngest})
}

func runBenchIngest(env *Env, args []string) int {
	fs := newFlags(env, benchGroup.subs["ingest"])
	pages := fs.Int("pages", 10000, "pages in the generated WARC")
	seed := fs.Uint64("seed", 1, "generator seed")
	keep := fs.String("keep", "", "write the WARC and the database into this `dir` instead of a temporary one")
	gold := fs.String("gold", "", "instead of running, write the generated articles and their events to this `file` as gold JSON Lines, for crosswire eval stories")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if *gold != "" {
		return writeCoverageGold(env, *gold, *seed, *pages)
	}
	dir := *keep
	if dir == "" {
		var err error
		if dir, err = os.MkdirTemp("", "crosswire-bench-"); err != nil {
			env.Errorf("%v", err)
			return ExitPartial
		}
		defer os.RemoveAll(dir)
	}
	res, err := pipeline.BenchWARC(context.Background(), dir, *seed, *pages)
	if err != nil {
		env.Errorf("bench ingest: %v", err)
		return ExitPartial
	}
	w := env.Stdout
	fmt.Fprintf(w, "bench ingest: %d pages (%.1f MB WARC, gzip per record), %d cores\n", res.Pages, mb(res.WARCBytes), cores())
	fmt.Fprintf(w, "  end to end   %7.1f s   %7.0f pages/s\n", res.Total.Seconds(), float64(res.Pages)/res.Total.Seconds())
	for _, st := range []struct {
		name string
		d    time.Duration
	}{{"read+extract", res.Extract}, {"analyze", res.Timings.Analyze}, {"link", res.Timings.Link}, {"store", res.Timings.Store}} {
		fmt.Fprintf(w, "  %-12s %7.1f s   %7.0f pages/s\n", st.name, st.d.Seconds(), float64(res.Pages)/st.d.Seconds())
	}
	fmt.Fprintf(w, "  stored %d articles in %d stories, %d failed; peak memory (maxrss) %.0f MB\n", res.Articles, res.Stories, res.Failed, mb(peakRSS()))
	b := eval.ScoreBCubed(res.Found, res.Gold)
	fmt.Fprintf(w, "  stories against the generated events (%d articles matched): BCubed P %.3f R %.3f F1 %.3f\n", len(res.Gold), b.Precision, b.Recall, b.F1)
	return ExitOK
}

// writeCoverageGold writes the articles the benchmark would generate, each
// with its event as cluster_id, in the gold format eval stories reads: the
// linker's quality on this corpus without the WARC and the store.
func writeCoverageGold(env *Env, path string, seed uint64, n int) int {
	arts, events := synth.Coverage(seed, n)
	f, err := os.Create(path)
	if err != nil {
		env.Errorf("bench ingest: %v", err)
		return ExitPartial
	}
	bw := bufio.NewWriter(f)
	enc := json.NewEncoder(bw)
	for i := range arts {
		a := &arts[i]
		enc.Encode(eval.StoryDoc{DocID: a.ID, ClusterID: events[i], Title: a.Title, Text: a.Text, Date: &a.Published, Source: &a.Outlet, URL: &a.URL})
	}
	if err := errors.Join(bw.Flush(), f.Close()); err != nil {
		env.Errorf("bench ingest: %s: %v", path, err)
		return ExitPartial
	}
	fmt.Fprintf(env.Stdout, "wrote %d generated articles to %s\n", len(arts), path)
	return ExitOK
}
