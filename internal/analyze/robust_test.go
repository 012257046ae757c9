package analyze

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/crosswire-news/crosswire/internal/model"
)

// pathological builds inputs of about n bytes that have broken naive
// attribution scanners.
var pathological = map[string]func(n int) string{
	"unbalanced quotes": func(n int) string { return strings.Repeat(`"He said it was fine, she said. `, n/32) },
	"one paragraph": func(n int) string {
		return strings.Repeat("Ana Ruiz said the plan, which Okafor told reporters was dead, would fail. ", n/74)
	},
	"no punctuation":  func(n int) string { return strings.Repeat("officials said the minister told reporters that ", n/48) },
	"control chars":   func(n int) string { return strings.Repeat("\x00\x01said\x02\"\x7f\u200b\ufeff", n/14) },
	"quote marks":     func(n int) string { return strings.Repeat(`"`, n) },
	"curly quotes":    func(n int) string { return strings.Repeat("“”“", n/9) },
	"cue chain":       func(n int) string { return strings.Repeat("X said Y said ", n/14) },
	"names":           func(n int) string { return strings.Repeat("Ana Bo Ca Di Eve Fo ", n/20) },
	"pronouns":        func(n int) string { return strings.Repeat("he she they said ", n/17) },
	"commas":          func(n int) string { return strings.Repeat(", , said ,", n/10) },
	"according":       func(n int) string { return strings.Repeat("according to according to, citing ", n/34) },
	"invalid utf8":    func(n int) string { return strings.Repeat("\xff\xfe said \xc3", n/10) },
	"open paragraphs": func(n int) string { return strings.Repeat("\"It is open, she said\n", n/22) },
	"appositives":     func(n int) string { return strings.Repeat("Ana Ruiz, a minister, ", n/22) },
}

func analyzeChecked(t *testing.T, text string) *model.Article {
	t.Helper()
	a := &model.Article{Text: text}
	Article(a)
	for _, at := range a.Attributions {
		spans := append([]model.Span{at.Content, at.Cue}, at.ContentParts...)
		if at.Source != nil {
			spans = append(spans, *at.Source)
		}
		for _, s := range spans {
			if s.Start < 0 || s.End > len(text) || s.Start > s.End || text[s.Start:s.End] != s.Text {
				t.Fatalf("bad span %+v", s)
			}
		}
	}
	return a
}

func timeIt(text string) time.Duration {
	best := time.Duration(1 << 62)
	for i := 0; i < 3; i++ {
		t0 := time.Now()
		Article(&model.Article{Text: text})
		if d := time.Since(t0); d < best {
			best = d
		}
	}
	return best
}

// TestPathologicalLinear runs each odd input at two sizes sixteen times
// apart: it must not panic, its spans must be valid, and the larger must
// take clearly less than the 256 times a quadratic scan would. The bound
// (64x plus slack) sits far from both 16x and 256x because CI machines are
// shared and timers are noisy.
func TestPathologicalLinear(t *testing.T) {
	small, big := 16<<10, 256<<10
	if testing.Short() {
		small, big = 4<<10, 64<<10
	}
	for name, gen := range pathological {
		t.Run(name, func(t *testing.T) {
			analyzeChecked(t, gen(small))
			analyzeChecked(t, gen(big))
			// A load spike can hit one measurement; a quadratic scan fails
			// every attempt.
			var ts, tb time.Duration
			for try := 0; try < 3; try++ {
				ts, tb = timeIt(gen(small)), timeIt(gen(big))
				if tb <= 64*ts+50*time.Millisecond {
					return
				}
			}
			t.Errorf("%s: %v for %d bytes but %v for %d bytes, three times: not linear", name, ts, small, tb, big)
		})
	}
}

// TestMegabyteParagraph checks a single 1 MB paragraph finishes quickly.
func TestMegabyteParagraph(t *testing.T) {
	if testing.Short() {
		t.Skip("1 MB input")
	}
	text := strings.Repeat("The minister said the ferries would sail \"when they are safe\" and officials agreed, ", 1<<20/86)
	t0 := time.Now()
	a := analyzeChecked(t, text)
	if el := time.Since(t0); el > 5*time.Second {
		t.Errorf("1 MB paragraph took %v", el)
	}
	if len(a.Attributions) == 0 {
		t.Errorf("no attributions found in a paragraph full of them")
	}
}

func FuzzArticle(f *testing.F) {
	f.Add(fixture)
	f.Add(`"A," she said, "B."`)
	f.Add("\"unclosed\n\"still open\nend")
	f.Add("according to, citing , said")
	f.Add("Mr. A. B. said: “x ‘y’ z” — he added.")
	for _, gen := range pathological {
		f.Add(gen(200))
	}
	f.Fuzz(func(t *testing.T, text string) {
		a := analyzeChecked(t, text)
		for _, s := range a.Sentences {
			if s.Start < 0 || s.End > len(text) || s.Start >= s.End {
				t.Fatalf("bad sentence %+v", s)
			}
		}
		if utf8.ValidString(text) {
			for _, p := range a.People {
				if !utf8.ValidString(p.Name) {
					t.Fatalf("invalid name %q", p.Name)
				}
			}
		}
	})
}

// polnearDir is the shared PolNeAR data beside the repository, found
// from this file rather than the working directory, so that a test binary
// run elsewhere (say, from /tmp while profiling) still reads it.
func polnearDir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "../../../shared/data/polnear")
}

// benchTexts are PolNeAR train texts when the shared data is there, else
// invented paragraphs.
func benchTexts(b *testing.B) []string {
	files, _ := filepath.Glob(filepath.Join(polnearDir(), "train/text/*.txt"))
	var out []string
	for _, f := range files {
		if bs, err := os.ReadFile(f); err == nil {
			out = append(out, string(bs))
		}
	}
	if len(out) == 0 {
		for i := 0; i < 50; i++ {
			out = append(out, strings.Repeat(fixture+"\n", 1+i%3))
		}
	}
	return out
}

func BenchmarkArticle(b *testing.B) {
	texts := benchTexts(b)
	n := 0
	for _, t := range texts {
		n += len(t)
	}
	b.SetBytes(int64(n / len(texts)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Article(&model.Article{Text: texts[i%len(texts)]})
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}
