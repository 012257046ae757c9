package analyze

import "testing"

func TestZZStats(t *testing.T) {
	m := loadTagger()
	nz := 0
	for b := 0; b < nBuckets; b++ {
		for l := 0; l < nLabels; l++ {
			if m.w[b*slotWidth+l] != 0 {
				nz++
				break
			}
		}
	}
	t.Logf("nonzero buckets %d of %d", nz, nBuckets)
	texts := benchTexts(nil)
	touched := map[uint32]int{}
	total, zero, toks := 0, 0, 0
	var fb [maxFeats]uint32
	for _, tx := range texts {
		d := analyzeRules(tx)
		tf := d.tokenFeats(d.ruleLabels())
		toks += len(d.toks)
		for i := range d.toks {
			for _, h := range d.emitFeats(tf, i, fb[:0]) {
				b := h & (nBuckets - 1)
				touched[b]++
				total++
				allz := true
				for l := 0; l < nLabels; l++ {
					if m.w[int(b)*slotWidth+l] != 0 {
						allz = false
					}
				}
				if allz {
					zero++
				}
			}
		}
	}
	t.Logf("texts %d toks %d lookups %d zero %d distinct buckets %d", len(texts), toks, total, zero, len(touched))
}
