package analyze

// Decoding with the shipped model, built for speed; viterbiOver with
// emitFeats is the plain reference it must match label for label
// (TestDecodeMatchesViterbi).
//
// Weights stay the int16 integers of model/tagger.bin.gz, so a token's
// emission score is an exact integer sum: any grouping of its features
// gives the same total. That lets the features that depend on word types
// only (typeFeats) be summed once per type and reused (typeCache), and
// lets seven labels be added at once (swar).

// swar packs the seven labels' weights into three words, three signed
// 21-bit lanes a word, so that adding a feature's weights is three
// integer additions. Lanes stay exact while they hold at most swarMax
// int16 values: swarMax*32767 < 1<<20.
type swar [3]uint64

const (
	laneBits = 21
	swarMax  = 32
)

func packSwar(v *[nLabels]int32) swar {
	var s swar
	for l, x := range v {
		s[l/3] += uint64(int64(x)) << (laneBits * (l % 3))
	}
	return s
}

func (s *swar) add(x *swar) {
	s[0] += x[0]
	s[1] += x[1]
	s[2] += x[2]
}

// unpackAdd adds the lanes of s to out. A lane's low bits, sign-extended,
// are its value; taking it away leaves the carries it lent the lanes
// above, which the shift then hands on.
func (s *swar) unpackAdd(out *[nLabels]int32) {
	for l := 0; l < nLabels; l++ {
		w := &s[l/3]
		v := int64(*w<<(64-laneBits)) >> (64 - laneBits)
		out[l] += int32(v)
		*w = (*w - uint64(v)) >> laneBits
	}
}

// taggerModel is the shipped model in the form decoding reads.
type taggerModel struct {
	w *[nBuckets]swar // 1.5 MB
	// trans[p][l] is the weight of label l after label p. It depends on
	// the label pair only, so it is summed once, at load.
	trans   [nLabels][nLabels]int64
	transTo [nLabels][nLabels]int64 // transTo[l][p] = trans[p][l]
}

// newTaggerModel takes the int16 weights, label by label for each bucket.
func newTaggerModel(q []int16) *taggerModel {
	m := &taggerModel{w: new([nBuckets]swar)}
	for b := range m.w {
		var v [nLabels]int32
		for l := range v {
			v[l] = int32(q[b*nLabels+l])
		}
		m.w[b] = packSwar(&v)
	}
	var fb [maxFeats]uint32
	for p := uint8(0); p < nLabels; p++ {
		for _, h := range transFeats(p, fb[:0]) {
			v := m.weights(h)
			for l := range v {
				m.trans[p][l] += int64(v[l])
				m.transTo[l][p] += int64(v[l])
			}
		}
	}
	return m
}

// weights returns the weights of feature hash h.
func (m *taggerModel) weights(h uint32) [nLabels]int32 {
	var v [nLabels]int32
	s := m.w[h&(nBuckets-1)]
	s.unpackAdd(&v)
	return v
}

// typeEntry holds, for one token type t, the summed weights of
// typeFeats(t, k) for each k, and how many features each sum holds.
type typeEntry struct {
	key  tokType
	used bool
	n    [2*typeReach + 1]uint8
	s    [2*typeReach + 1]swar
}

// typeCacheBits sizes the type cache: 2048 entries, about 300 KB, hold
// most of the word types a news text repeats.
const typeCacheBits = 11

// typeCache maps token types to their typeEntry, direct-mapped: a type
// that lands on a used slot replaces it. Each scratch has its own, so it
// is never shared between goroutines and it lasts from one article to
// the next; its size is fixed.
type typeCache struct {
	m *taggerModel // the model the entries were summed from
	e [1 << typeCacheBits]typeEntry
}

func (c *typeCache) get(m *taggerModel, t *tokType) *typeEntry {
	if c.m != m {
		c.e = [1 << typeCacheBits]typeEntry{}
		c.m = m
	}
	e := &c.e[mix(t.wh, t.suf^uint32(t.cls)<<24)>>(32-typeCacheBits)]
	if e.used && e.key == *t {
		return e
	}
	e.key, e.used = *t, true
	var fb [maxFeats]uint32
	for k := -typeReach; k <= typeReach; k++ {
		var s swar
		fs := typeFeats(t, k, fb[:0])
		for _, h := range fs {
			s.add(&m.w[h&(nBuckets-1)])
		}
		e.s[k+typeReach], e.n[k+typeReach] = s, uint8(len(fs))
	}
	return e
}

// emAcc is a token's emission sum under way: swar lanes holding n
// features, and what was unpacked before the lanes could fill up.
type emAcc struct {
	s swar
	n int32
}

func (a *emAcc) add(x *swar, n int32, out *[nLabels]int32) {
	if a.n+n > swarMax {
		a.s.unpackAdd(out)
		a.s, a.n = swar{}, 0
	}
	a.s.add(x)
	a.n += n
}

// emissions returns every token's emission scores: the sum of the
// weights of emitFeats(tf, i), computed as the type entries of tokens
// i-typeReach .. i+typeReach plus the weights of ctxFeats(tf, i).
func (m *taggerModel) emissions(d *doc, tf []tokFeat) [][nLabels]int32 {
	n := len(tf)
	sc := d.sc
	if sc.types == nil {
		sc.types = new(typeCache)
	}
	sc.em = zeroed(sc.em, n)
	sc.acc = zeroed(sc.acc, n)
	em, acc := sc.em, sc.acc
	// Each token's type entry is fetched once and scattered to the
	// tokens whose features read it.
	for j := -typeReach; j < n+typeReach; j++ {
		e := sc.types.get(m, &featAt(tf, j).tokType)
		for k := -typeReach; k <= typeReach; k++ {
			if i := j - k; i >= 0 && i < n {
				acc[i].add(&e.s[k+typeReach], int32(e.n[k+typeReach]), &em[i])
			}
		}
	}
	var fb [maxFeats]uint32
	w := m.w
	for i := range n {
		a := &acc[i]
		fs := d.ctxFeats(tf, i, fb[:0])
		if int(a.n)+len(fs) > swarMax {
			for _, h := range fs {
				a.add(&w[h&(nBuckets-1)], 1, &em[i])
			}
			a.s.unpackAdd(&em[i])
			continue
		}
		// The usual case, all in one packed sum: in registers, not
		// through a.s in memory (a chain of stores and reloads).
		s := a.s
		for _, h := range fs {
			x := &w[h&(nBuckets-1)]
			s[0] += x[0]
			s[1] += x[1]
			s[2] += x[2]
		}
		s.unpackAdd(&em[i])
	}
	return em
}

// tag labels every token, paragraph by paragraph.
func (m *taggerModel) tag(d *doc, tf []tokFeat) []uint8 {
	em := m.emissions(d, tf)
	d.sc.tagOut = zeroed(d.sc.tagOut, len(d.toks))
	d.sc.back = zeroed(d.sc.back, len(d.toks)*slotWidth)
	out, back := d.sc.tagOut, d.sc.back
	d.paragraphs(func(a, b int) {
		m.decode(em[a:b], out[a:b], back[:(b-a)*slotWidth])
	})
	return out
}

// unreachable is the score of a state no path reaches. Real scores stay
// far above it (at most 2^20 a token), and adding a token's scores to it
// cannot overflow, so it never wins a comparison and needs no test.
const unreachable = -1 << 62

// pick is the larger of (a, ap) and (b, bp), a on a tie.
func pick(a int64, ap uint8, b int64, bp uint8) (int64, uint8) {
	if b > a {
		return b, bp
	}
	return a, ap
}

// bestPrev returns the best of c_p + t[p] and its p, the first best in
// ascending order: the best previous label for a label that may follow
// any (O and the B- labels), t its column of transition weights.
func bestPrev(c0, c1, c2, c3, c4, c5, c6 int64, t *[nLabels]int64) (int64, uint8) {
	s, p := c0+t[0], uint8(0)
	s, p = pick(s, p, c1+t[1], 1)
	s, p = pick(s, p, c2+t[2], 2)
	s, p = pick(s, p, c3+t[3], 3)
	s, p = pick(s, p, c4+t[4], 4)
	s, p = pick(s, p, c5+t[5], 5)
	return pick(s, p, c6+t[6], 6)
}

// decode is viterbiOver for one paragraph's emission scores em, with the
// label loops unrolled and the transitions from load time; out gets the
// labels. The same recurrence, integer sums and tie-breaking (the first
// best previous label in ascending order wins): a state viterbiOver skips
// as unreachable scores unreachable here, below every reachable one.
func (m *taggerModel) decode(em [][nLabels]int32, out []uint8, back []uint8) {
	if len(em) == 0 {
		return
	}
	tr := &m.trans
	var cur [nLabels]int64
	// The first token follows the state before the paragraph, O; the
	// I- labels have no valid predecessor there.
	for l := range cur {
		cur[l] = unreachable
	}
	for _, l := range [...]uint8{lO, lBS, lBC, lBT} {
		cur[l] = int64(em[0][l]) + tr[lO][l]
		back[l] = lO
	}
	// Scalars, not arrays, and every label written out: this is the
	// inner loop of the tagger, and the compiler keeps scalars in
	// registers.
	c0, c1, c2, c3, c4, c5, c6 := cur[0], cur[1], cur[2], cur[3], cur[4], cur[5], cur[6]
	for i := 1; i < len(em); i++ {
		e := &em[i]
		bk := (*[slotWidth]uint8)(back[i*slotWidth:])
		n0, p0 := bestPrev(c0, c1, c2, c3, c4, c5, c6, &m.transTo[lO])
		n1, p1 := bestPrev(c0, c1, c2, c3, c4, c5, c6, &m.transTo[lBS])
		n3, p3 := bestPrev(c0, c1, c2, c3, c4, c5, c6, &m.transTo[lBC])
		n5, p5 := bestPrev(c0, c1, c2, c3, c4, c5, c6, &m.transTo[lBT])
		// I-X follows B-X or I-X only.
		n2, p2 := pick(c1+tr[lBS][lIS], lBS, c2+tr[lIS][lIS], lIS)
		n4, p4 := pick(c3+tr[lBC][lIC], lBC, c4+tr[lIC][lIC], lIC)
		n6, p6 := pick(c5+tr[lBT][lIT], lBT, c6+tr[lIT][lIT], lIT)
		*bk = [slotWidth]uint8{p0, p1, p2, p3, p4, p5, p6, 0}
		c0, c1, c2 = n0+int64(e[0]), n1+int64(e[1]), n2+int64(e[2])
		c3, c4 = n3+int64(e[3]), n4+int64(e[4])
		c5, c6 = n5+int64(e[5]), n6+int64(e[6])
	}
	cur = [nLabels]int64{c0, c1, c2, c3, c4, c5, c6}
	best := uint8(lO)
	for l := uint8(0); l < nLabels; l++ {
		if cur[l] > cur[best] {
			best = l
		}
	}
	for i := len(em) - 1; i >= 0; i-- {
		out[i] = best
		best = back[i*slotWidth+int(best)]
	}
}
