package cli

import (
	"encoding/json"
	"fmt"
	"runtime"
	"syscall"
	"time"

	"github.com/crosswire-news/crosswire/internal/eval"
	"github.com/crosswire-news/crosswire/internal/link"
	"github.com/crosswire-news/crosswire/internal/synth"
)

func init() {
	registerBench(&command{
		name:    "link",
		usage:   "[--n N] [--seed S] [--mean-articles M] [--days D] [--threshold X] [--json]",
		summary: "cluster a synthetic stream of N articles: articles/s, peak memory, BCubed against the synthetic events",
		run:     runBenchLink,
	})
}

// BenchLinkResult is what "crosswire bench link" measures.
type BenchLinkResult struct {
	Articles      int         `json:"articles"`
	Events        int         `json:"events"`
	Stories       int         `json:"stories"`
	LargestStory  int         `json:"largest_story"` // articles in the biggest story (a runaway merge shows here)
	Duplicates    int         `json:"duplicates"`
	Copies        int         `json:"copies"`
	LinkSeconds   float64     `json:"link_seconds"`  // time inside Linker.Add
	TotalSeconds  float64     `json:"total_seconds"` // including generating the stream
	ArticlesPerS  float64     `json:"articles_per_second"`
	PeakRSSMB     float64     `json:"peak_rss_mb"`
	HeldArticles  int         `json:"held_articles"` // Linker.Len() at the end
	BCubed        eval.BCubed `json:"bcubed"`
	GOMAXPROCS    int         `json:"gomaxprocs"`
	WindowSeconds float64     `json:"window_seconds"`
}

func runBenchLink(env *Env, args []string) int {
	c := benchGroup.subs["link"]
	fs := newFlags(env, c)
	n := fs.Int("n", 100000, "articles to generate and link")
	seed := fs.Uint64("seed", 1, "random seed of the synthetic stream")
	mean := fs.Float64("mean-articles", 3, "mean articles per event")
	days := fs.Float64("days", 0, "days the stream covers (0: N/2740, the density of a million articles a year)")
	dayRate := fs.Float64("day-rate", synth.DefaultStreamConfig(1).DayRate, "share of fresh articles naming their event's day (0: none, the stream before days)")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	def := link.DefaultConfig()
	thr := fs.Float64("threshold", def.JoinThreshold, "linker join threshold")
	ts := fs.Float64("title-share", def.TitleShare, "linker title weight")
	es := fs.Float64("entity-share", def.EntityShare, "linker name-share weight")
	hp := fs.Float64("head-penalty", def.HeadPenalty, "linker main-name penalty")
	nw := fs.Float64("name-word-weight", def.NameWordWeight, "linker weight of single capitalised words")
	lp := fs.Float64("life-penalty", def.LifePenalty, "linker penalty per window since a story began")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if fs.NArg() != 0 || *n <= 0 {
		fs.Usage()
		return ExitUsage
	}
	sc := synth.DefaultStreamConfig(*n)
	if *days <= 0 {
		*days = max(float64(*n)/2740, 1)
	}
	sc.Seed, sc.MeanArticles, sc.Span, sc.DayRate = *seed, *mean, time.Duration(*days*24)*time.Hour, *dayRate
	stream := synth.NewStream(sc)
	cfg := def
	cfg.JoinThreshold, cfg.TitleShare, cfg.EntityShare, cfg.HeadPenalty, cfg.NameWordWeight, cfg.LifePenalty = *thr, *ts, *es, *hp, *nw, *lp
	l := link.NewLinker(cfg)

	// Labels as small integers: 1M strings would weigh on the peak memory
	// being measured.
	gold := make([]int32, 0, *n)
	pred := make([]int32, 0, *n)
	storyNum := map[string]int32{}
	folded := link.FoldMap{}
	events := map[int32]bool{}
	res := BenchLinkResult{GOMAXPROCS: runtime.GOMAXPROCS(0), WindowSeconds: cfg.Window.Seconds()}
	var linkTime time.Duration
	start := time.Now()
	for {
		a, ev, ok := stream.Next()
		if !ok {
			break
		}
		t0 := time.Now()
		as := l.Add(&a)
		linkTime += time.Since(t0)
		num, ok := storyNum[as.StoryID]
		if !ok {
			num = int32(len(storyNum))
			storyNum[as.StoryID] = num
		}
		folded.Add(as.Folded)
		pred = append(pred, num)
		gold = append(gold, ev)
		events[ev] = true
		if as.DuplicateOf != "" {
			res.Duplicates++
		}
		if as.CopyOf != "" {
			res.Copies++
		}
		if len(pred)%100000 == 0 && !*asJSON {
			fmt.Fprintf(env.Stderr, "  %d articles, %.0f/s in Add\n", len(pred), float64(len(pred))/linkTime.Seconds())
		}
	}
	folded.Add(l.Settle())
	res.TotalSeconds = time.Since(start).Seconds()
	// Each story number becomes that of the story it was folded into.
	final := make([]int32, len(storyNum))
	for id, num := range storyNum {
		final[num] = storyNum[folded.Story(id)]
	}
	live := map[int32]bool{}
	for i, p := range pred {
		pred[i] = final[p]
		live[pred[i]] = true
	}
	res.LinkSeconds = linkTime.Seconds()
	res.Articles, res.Events, res.Stories = len(pred), len(events), len(live)
	res.ArticlesPerS = float64(res.Articles) / res.LinkSeconds
	res.HeldArticles = l.Len()
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err == nil {
		res.PeakRSSMB = float64(ru.Maxrss) / 1024 // Linux reports KiB
	}
	res.BCubed = eval.ScoreBCubedInts(pred, gold)
	size := map[int32]int{}
	for _, p := range pred {
		size[p]++
		res.LargestStory = max(res.LargestStory, size[p])
	}
	if *asJSON {
		b, _ := json.Marshal(res)
		env.Stdout.Write(append(b, '\n'))
		return ExitOK
	}
	w := env.Stdout
	fmt.Fprintf(w, "stream        synthetic, seed %d, %.0f days, mean %.1f articles per event, %.0f%% naming the day\n", *seed, *days, *mean, *dayRate*100)
	fmt.Fprintf(w, "articles      %d (%d events; %d exact, %d near duplicates linked)\n", res.Articles, res.Events, res.Duplicates, res.Copies)
	fmt.Fprintf(w, "stories       %d (largest %d articles)\n", res.Stories, res.LargestStory)
	fmt.Fprintf(w, "link time     %.1fs in Add (%.0f articles/s, GOMAXPROCS %d); %.1fs with generation\n", res.LinkSeconds, res.ArticlesPerS, res.GOMAXPROCS, res.TotalSeconds)
	fmt.Fprintf(w, "peak memory   %.0f MB (maxrss); %d articles held at the end\n", res.PeakRSSMB, res.HeldArticles)
	fmt.Fprintf(w, "BCubed        P %.4f  R %.4f  F1 %.4f\n", res.BCubed.Precision, res.BCubed.Recall, res.BCubed.F1)
	return ExitOK
}
