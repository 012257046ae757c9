// Command train rebuilds the attribution span tagger's weights from
// PolNeAR train (never dev):
//
//	go run ./internal/analyze/cmd/train -data ../shared/data/polnear -out internal/analyze/model/tagger.bin.gz
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/crosswire-news/crosswire/internal/analyze"
	"github.com/crosswire-news/crosswire/internal/eval"
)

func main() {
	data := flag.String("data", "../shared/data/polnear", "PolNeAR `dir` (uses its train split only)")
	out := flag.String("out", "internal/analyze/model/tagger.bin.gz", "weights `file` to write")
	epochs := flag.Int("epochs", 15, "training passes")
	runs := flag.Int("runs", 4, "trainings, each in its own article order, whose weights are averaged")
	limit := flag.Int("limit", 0, "use only the first `N` train articles")
	flag.Parse()
	docs, err := eval.LoadAttribution(*data, "train", *limit)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var td []analyze.TrainDoc
	for _, d := range docs {
		// Code points -> bytes.
		bo := make([]int, 0, len(d.Text)+1)
		for i := range d.Text {
			bo = append(bo, i)
		}
		bo = append(bo, len(d.Text))
		conv := func(cp int) int {
			if cp < 0 {
				return 0
			}
			if cp >= len(bo) {
				return len(d.Text)
			}
			return bo[cp]
		}
		t := analyze.TrainDoc{Text: d.Text}
		for _, r := range d.Gold {
			for k, sp := range []eval.AttrSpan{r.Source, r.Cue, r.Content} {
				lab := "SCT"[k]
				for _, p := range sp {
					t.Spans = append(t.Spans, analyze.TrainSpan{Label: lab, Start: conv(p.Start), End: conv(p.End)})
				}
			}
		}
		td = append(td, t)
	}
	blob := analyze.TrainTagger(td, *epochs, *runs, func(s string) { fmt.Fprintln(os.Stderr, s) })
	if err := os.WriteFile(*out, blob, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "wrote %s (%d bytes) from %d articles\n", *out, len(blob), len(td))
}
