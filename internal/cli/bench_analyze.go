package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"syscall"
	"time"

	"github.com/crosswire-news/crosswire/internal/analyze"
	"github.com/crosswire-news/crosswire/internal/model"
)

func init() {
	c := &command{
		name:    "analyze",
		usage:   "[--seconds S] [DIR]",
		summary: "articles/second of analysis on one core over DIR/train/text/*.txt (default ../shared/data/polnear), and peak memory",
	}
	c.run = func(env *Env, args []string) int {
		fs := newFlags(env, c)
		secs := fs.Float64("seconds", 3, "run for at least `S` seconds")
		if code, ok := parse(fs, args); !ok {
			return code
		}
		dir := "../shared/data/polnear"
		if fs.NArg() > 0 {
			dir = fs.Arg(0)
		}
		files, _ := filepath.Glob(filepath.Join(dir, "train", "text", "*.txt"))
		if len(files) == 0 {
			files, _ = filepath.Glob(filepath.Join(dir, "*.txt"))
		}
		sort.Strings(files)
		if len(files) == 0 {
			env.Errorf("bench analyze: no .txt files under %s/train/text or %s", dir, dir)
			return ExitUsage
		}
		texts := make([]string, 0, len(files))
		bytes := 0
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				env.Errorf("bench analyze: %v", err)
				return ExitPartial
			}
			texts = append(texts, string(b))
			bytes += len(b)
		}
		// One goroutine on one core: the figure is per core.
		prev := runtime.GOMAXPROCS(1)
		defer runtime.GOMAXPROCS(prev)
		var ms runtime.MemStats
		var peakHeap, peakSys, peakInuse uint64
		// Whatever the rest of the binary holds (other packages' tables)
		// is the baseline; the analysis' own share is measured above it.
		runtime.GC()
		runtime.ReadMemStats(&ms)
		base := ms.HeapInuse
		var ru0 syscall.Rusage
		_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru0)
		n, nb := 0, 0
		start := time.Now()
		for time.Since(start).Seconds() < *secs || n == 0 {
			for _, t := range texts {
				a := &model.Article{Text: t}
				analyze.Article(a)
				n++
				nb += len(t)
			}
			runtime.ReadMemStats(&ms)
			peakHeap = max(peakHeap, ms.HeapSys)
			peakSys = max(peakSys, ms.Sys)
			peakInuse = max(peakInuse, ms.HeapInuse)
		}
		el := time.Since(start).Seconds()
		var ru syscall.Rusage
		_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
		fmt.Fprintf(env.Stdout, "articles: %d distinct (%.1f MB), %d analysed in %.2fs on one core\n", len(texts), float64(bytes)/1e6, n, el)
		cpu := tv(ru.Utime) + tv(ru.Stime) - tv(ru0.Utime) - tv(ru0.Stime)
		fmt.Fprintf(env.Stdout, "throughput: %.0f articles/s wall, %.1f MB/s\n", float64(n)/el, float64(nb)/1e6/el)
		// On a shared machine wall time includes waiting for the CPU; the
		// process' own CPU time (getrusage) gives the per-core figure.
		if cpu > 0 {
			fmt.Fprintf(env.Stdout, "per core: %.0f articles per CPU second (%.2fs CPU, includes GC)\n", float64(n)/cpu, cpu)
		}
		fmt.Fprintf(env.Stdout, "peak memory: heap in use %.1f MB (%.1f MB above the binary's baseline), heap sys %.1f MB, Go sys %.1f MB, maxrss %.1f MB\n",
			float64(peakInuse)/1e6, float64(peakInuse-min(base, peakInuse))/1e6, float64(peakHeap)/1e6, float64(peakSys)/1e6, float64(ru.Maxrss)/1e3)
		return ExitOK
	}
	registerBench(c)
}

func tv(t syscall.Timeval) float64 { return float64(t.Sec) + float64(t.Usec)/1e6 }
