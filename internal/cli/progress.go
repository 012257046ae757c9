package cli

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"golang.org/x/term"
)

// progress draws one self-rewriting status line on a terminal and nothing
// otherwise, so that logs and pipes get only the final summary.
type progress struct {
	mu      sync.Mutex
	w       io.Writer
	on      bool
	label   string
	total   int
	start   time.Time
	last    time.Time
	drawn   bool
	minStep time.Duration
}

func newProgress(w io.Writer, label string, total int) *progress {
	on := false
	if f, ok := w.(*os.File); ok {
		on = term.IsTerminal(int(f.Fd()))
	}
	return &progress{w: w, on: on, label: label, total: total, start: time.Now(), minStep: 100 * time.Millisecond}
}

// update redraws the line with done items and errors so far, at most ten
// times a second.
func (p *progress) update(done, errs int) {
	if !p.on {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	if now.Sub(p.last) < p.minStep && done < p.total {
		return
	}
	p.last = now
	rate := float64(done) / max(now.Sub(p.start).Seconds(), 1e-3)
	bar := ""
	if p.total > 0 {
		const width = 24
		filled := min(width, done*width/p.total)
		bar = fmt.Sprintf("[%s%s] %d/%d", repeat('#', filled), repeat(' ', width-filled), done, p.total)
	} else {
		bar = fmt.Sprintf("%d", done)
	}
	fmt.Fprintf(p.w, "\r\x1b[K%s %s  %.0f/s  %d errors", p.label, bar, rate, errs)
	p.drawn = true
}

// done clears the line so the summary starts on a clean row.
func (p *progress) done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.on && p.drawn {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}

func repeat(c byte, n int) string {
	b := make([]byte, max(n, 0))
	for i := range b {
		b[i] = c
	}
	return string(b)
}
