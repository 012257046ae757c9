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

// TrainTagger trains the span tagger (averaged perceptron, greedy
// decoding with its own previous labels as history) and returns the
// encoded weights for model/tagger.bin.gz. Deterministic for given docs.
func TrainTagger(docs []TrainDoc, epochs int, logf func(string)) []byte {
	items := make([]trainItem, 0, len(docs))
	for _, td := range docs {
		d := analyzeRules(td.Text)
		items = append(items, trainItem{d: d, tf: d.tokenFeats(d.ruleLabels()), gold: goldLabels(d, td.Spans)})
	}
	w := make([]float32, nBuckets*slotWidth)
	u := make([]float32, nBuckets*slotWidth)
	c := float32(1)
	rng := rand.New(rand.NewSource(1))
	var fb [maxFeats]uint32
	for ep := 0; ep < epochs; ep++ {
		order := rng.Perm(len(items))
		errs, n := 0, 0
		for _, ix := range order {
			it := items[ix]
			var p1, p2 uint8
			for i := range it.d.toks {
				if it.d.toks[i].para {
					p1, p2 = lO, lO
				}
				fs := it.d.feats(it.tf, i, p1, p2, fb[:0])
				var sc [slotWidth]float32
				for _, h := range fs {
					b := int(h&(nBuckets-1)) * slotWidth
					for l := 0; l < nLabels; l++ {
						sc[l] += w[b+l]
					}
				}
				best, bs := uint8(lO), float32(-1e30)
				for l := uint8(0); l < nLabels; l++ {
					if valid(p1, l) && sc[l] > bs {
						best, bs = l, sc[l]
					}
				}
				g := it.gold[i]
				if !valid(p1, g) {
					g = g - 1 // I-X after something else: train it as B-X
				}
				if best != g {
					errs++
					for _, h := range fs {
						b := int(h&(nBuckets-1)) * slotWidth
						w[b+int(g)]++
						w[b+int(best)]--
						u[b+int(g)] += c
						u[b+int(best)] -= c
					}
				}
				n++
				c++
				p2, p1 = p1, best
			}
		}
		if logf != nil {
			logf(fmt.Sprintf("epoch %d: token error %.4f", ep+1, float64(errs)/float64(max(n, 1))))
		}
	}
	avg := make([]float32, len(w))
	for i := range w {
		avg[i] = w[i] - u[i]/c
	}
	return encodeTagger(avg)
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
