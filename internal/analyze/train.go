package analyze

import (
	"fmt"
	"math/rand"
)

// TrainSpan is a gold span for training: Label is 'S' (source), 'C' (cue)
// or 'T' (content); Start and End are byte offsets.
type TrainSpan struct {
	Label      byte
	Start, End int
}

// TrainDoc is one training article.
type TrainDoc struct {
	Text  string
	Spans []TrainSpan
}

type trainItem struct {
	d    *doc
	tf   []tokFeat
	gold []uint8
}

// TrainTagger trains the span tagger as a structured averaged perceptron:
// each paragraph is decoded with the same first-order Viterbi as
// inference, and the features of gold and predicted labels are moved up
// and down where they differ. It returns the encoded weights for
// model/tagger.bin.gz. With runs > 1 it trains that many times, each
// in its own order of the articles, and averages the weights: a vote of
// perceptrons that costs nothing at inference. Deterministic for given
// docs.
func TrainTagger(docs []TrainDoc, epochs, runs int, logf func(string)) []byte {
	items := make([]trainItem, 0, len(docs))
	for _, td := range docs {
		d := analyzeRules(td.Text)
		g := goldLabels(d, td.Spans)
		for i := range g {
			p := uint8(lO)
			if i > 0 && !d.toks[i].para {
				p = g[i-1]
			}
			if !valid(p, g[i]) {
				g[i]-- // I-X after something else: B-X
			}
		}
		items = append(items, trainItem{d: d, tf: d.tokenFeats(d.ruleLabels()), gold: g})
	}
	runs = max(runs, 1)
	sum := make([]float32, nBuckets*slotWidth)
	for r := 0; r < runs; r++ {
		for i, v := range trainRun(items, epochs, int64(r+1), logf) {
			sum[i] += v / float32(runs)
		}
	}
	return encodeTagger(sum)
}

// trainRun is one structured-perceptron training over items in an order
// drawn from seed; it returns the averaged weights.
func trainRun(items []trainItem, epochs int, seed int64, logf func(string)) []float32 {
	w := make([]float32, nBuckets*slotWidth)
	wt := &wtab{f32: w}
	u := make([]float32, nBuckets*slotWidth)
	c := float32(1)
	rng := rand.New(rand.NewSource(seed))
	var fb [maxFeats]uint32
	upd := func(fs []uint32, l uint8, v float32) {
		for _, h := range fs {
			b := int(h&(nBuckets-1)) * slotWidth
			w[b+int(l)] += v
			u[b+int(l)] += v * c
		}
	}
	for ep := 0; ep < epochs; ep++ {
		order := rng.Perm(len(items))
		errs, n := 0, 0
		for _, ix := range order {
			it := items[ix]
			d := it.d
			pred := make([]uint8, len(d.toks))
			back := make([]uint8, len(d.toks)*slotWidth)
			d.paragraphs(func(a, b int) {
				d.viterbi(wt, it.tf, a, b, pred, back[:(b-a)*slotWidth])
				// Structured perceptron: gold features up, predicted down.
				for i := a; i < b; i++ {
					g, p := it.gold[i], pred[i]
					gp, pp := uint8(lO), uint8(lO)
					if i > a {
						gp, pp = it.gold[i-1], pred[i-1]
					}
					n++
					if g != p {
						errs++
						fs := d.emitFeats(it.tf, i, fb[:0])
						upd(fs, g, 1)
						upd(fs, p, -1)
					}
					if g != p || gp != pp {
						upd(transFeats(gp, fb[:0]), g, 1)
						upd(transFeats(pp, fb[:0]), p, -1)
					}
					c++
				}
			})
		}
		if logf != nil {
			logf(fmt.Sprintf("epoch %d: token error %.4f", ep+1, float64(errs)/float64(max(n, 1))))
		}
	}
	avg := make([]float32, len(w))
	for i := range w {
		avg[i] = w[i] - u[i]/c
	}
	return avg
}

// goldLabels maps byte spans to BIO token labels: a token takes the
// label of the span holding its first byte.
func goldLabels(d *doc, spans []TrainSpan) []uint8 {
	owner := make([]int32, len(d.text)+1)
	for si, s := range spans {
		for b := max(s.Start, 0); b < s.End && b < len(d.text); b++ {
			owner[b] = int32(si + 1)
		}
	}
	lab := make([]uint8, len(d.toks))
	prev := int32(0)
	for i, t := range d.toks {
		o := owner[t.s]
		if o == 0 {
			prev = 0
			continue
		}
		var B uint8
		switch spans[o-1].Label {
		case 'S':
			B = lBS
		case 'C':
			B = lBC
		default:
			B = lBT
		}
		if o == prev && !t.para {
			lab[i] = B + 1
		} else {
			lab[i] = B
		}
		prev = o
	}
	return lab
}
