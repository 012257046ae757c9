package analyze

// Decoding with the shipped model, built for speed; viterbiOver with
// emitFeats is the plain reference it must match label for label
// (TestDecodeMatchesViterbi).
//
// Weights stay the int16 integers of model/tagger.bin.gz, so a token's
// emission score is an exact integer sum: any grouping of its features
// gives the same total. That lets the features that depend on word types
// only (typeFeats) be summed once per type and reused (typeCache), and
// lets the labels be added several at a time (wide).

// wide is a bucket of the weight table, or a sum of buckets, in 32-bit
// lanes: labels 0 and 2, 1 and 3, 4 and 6, 5 and the count of buckets
// added. A bucket holds each weight plus 32768 (so never negative) and a
// count of 1: lanes cannot overflow below 65536 buckets, and with the
// count the added 32768s come off at the end (unpack). Adding a bucket
// is four adds. (Buckets packed in 16-bit lanes kept the table at 1 MB
// rather than 2, but took ten more instructions a lookup to unpack, and
// no less time.)
type wide [4]uint64

// packWeights is the bucket of the weights v.
func packWeights(v *[nLabels]int32) wide {
	b := func(l int) uint64 { return uint64(v[l] + 32768) }
	return wide{b(0) | b(2)<<32, b(1) | b(3)<<32, b(4) | b(6)<<32, b(5) | 1<<32}
}

// sum adds the sums y to w.
func (w *wide) sum(y *wide) {
	w[0], w[1], w[2], w[3] = w[0]+y[0], w[1]+y[1], w[2]+y[2], w[3]+y[3]
}

// unpack returns the label sums of w.
func (w *wide) unpack() (e [nLabels]int32) {
	unpackTo(&e, w[0], w[1], w[2], w[3])
	return e
}

// unpackTo is unpack for a wide held as scalars s0..s3, writing to e in
// place (emissions: a wide or an array built on the stack is copied).
func unpackTo(e *[nLabels]int32, s0, s1, s2, s3 uint64) {
	bias := int32(s3>>32) * 32768 // int32 arithmetic wraps as the lanes do
	e[0], e[1], e[2], e[3] = int32(s0)-bias, int32(s1)-bias, int32(s0>>32)-bias, int32(s1>>32)-bias
	e[4], e[5], e[6] = int32(s2)-bias, int32(s3)-bias, int32(s2>>32)-bias
}

// taggerModel is the shipped model in the form decoding reads.
type taggerModel struct {
	w *[nBuckets]wide // 2 MB
	// trans[p][l] is the weight of label l after label p. It depends on
	// the label pair only, so it is summed once, at load.
	trans [nLabels][nLabels]int64
	// trans8[l][p] is trans[p][l]*8 + 7-p, decode's form (see there).
	trans8 [nLabels][nLabels]int64
	// The summed weights of each ctxCodes group's features, by code.
	ruleT  *[ruleCodes]wide
	shapeT *[shapeCodes]wide
	posT   *[posCodes]wide
	cueT   *[cueCodes]wide
}

// sumTo sets s to the sum of the weights of the feature hashes hs, in
// place (a type cache fill: a returned wide is copied).
func (m *taggerModel) sumTo(s *wide, hs []uint32) {
	w := m.w
	*s = wide{}
	for _, h := range hs {
		s.sum(&w[h&(nBuckets-1)])
	}
}

// newTaggerModel takes the int16 weights, label by label for each bucket.
func newTaggerModel(q []int16) *taggerModel {
	m := &taggerModel{w: new([nBuckets]wide)}
	for b := range m.w {
		var v [nLabels]int32
		for l := range v {
			v[l] = int32(q[b*nLabels+l])
		}
		m.w[b] = packWeights(&v)
	}
	var fb [maxFeats]uint32
	for p := uint8(0); p < nLabels; p++ {
		for _, h := range transFeats(p, fb[:0]) {
			v := m.weights(h)
			for l := range v {
				m.trans[p][l] += int64(v[l])
			}
		}
	}
	for l := range nLabels {
		for p := range nLabels {
			m.trans8[l][p] = m.trans[p][l]<<3 + int64(7-p)
		}
	}
	m.ruleT, m.shapeT, m.posT, m.cueT = new([ruleCodes]wide), new([shapeCodes]wide), new([posCodes]wide), new([cueCodes]wide)
	for c := range uint32(ruleCodes) {
		h := ruleFeats(c)
		m.sumTo(&m.ruleT[c], h[:])
	}
	for c := range uint32(shapeCodes) {
		h := shapeFeats(c)
		m.sumTo(&m.shapeT[c], h[:])
	}
	for c := range uint32(posCodes) {
		h := posFeats(c)
		m.sumTo(&m.posT[c], h[:])
	}
	for c := range uint32(cueCodes) {
		h := cueFeats(c)
		m.sumTo(&m.cueT[c], h[:])
	}
	return m
}

// weights returns the weights of feature hash h.
func (m *taggerModel) weights(h uint32) [nLabels]int32 {
	var w wide
	w.sum(&m.w[h&(nBuckets-1)])
	return w.unpack()
}

// typeEntry holds, for one token type, the summed weights of
// typeFeats(key, k) for each k.
type typeEntry struct {
	key  tokType
	used bool
	gen  uint32 // the emissions call that last read it (typeCache.gen)
	s    [2*typeReach + 1]wide
}

// typeCacheBits sizes the type cache: 8192 entries, about 1.5 MB, keep
// most of the word types of a stream of news texts; 2048 held those a
// text repeats, but refilled an entry for one token in four.
const typeCacheBits = 13

// typeCache maps token types to their typeEntry, direct-mapped: a type
// that lands on a used slot replaces it. Each scratch has its own, so it
// is never shared between goroutines and it lasts from one article to
// the next; its size is fixed.
type typeCache struct {
	m   *taggerModel // the model the entries were summed from
	gen uint32       // counts emissions calls
	e   [1 << typeCacheBits]typeEntry
}

// use readies c for model m: entries summed from another are dropped.
func (c *typeCache) use(m *taggerModel) {
	if c.m != m {
		c.e = [1 << typeCacheBits]typeEntry{}
		c.m = m
	}
}

// slot returns t's slot (c set up by use) and whether it holds t's
// entry; if not, fill makes it so. Two calls, so that the usual case, a
// hit, inlines.
func (c *typeCache) slot(t *tokType) (e *typeEntry, ok bool) {
	e = &c.e[mix(t.wh, t.suf^uint32(t.cls)<<24)>>(32-typeCacheBits)]
	return e, e.used && e.key == *t
}

// fill makes e, slot's answer for t, t's entry.
func (c *typeCache) fill(e *typeEntry, t *tokType) {
	e.key, e.used = *t, true
	w := c.m.w
	h := typeHashesOf(t)
	for k := range e.s {
		// Sums in registers, as in emissions: sumTo adds in memory.
		var s0, s1, s2, s3 uint64
		for _, x := range h[k][:typeFeatN[k]] {
			g := &w[x&(nBuckets-1)]
			s0, s1, s2, s3 = s0+g[0], s1+g[1], s2+g[2], s3+g[3]
		}
		e.s[k] = wide{s0, s1, s2, s3}
	}
}

// emissions returns every token's emission scores: the sum of the
// weights of emitFeats(tf, i), computed as the type entries of tokens
// i-typeReach .. i+typeReach plus the weights of ctxFeats(tf, i).
//
// It goes in passes over the text so that the table lookups, which miss
// the cache often (word pairs), come close together and overlap instead
// of each waiting behind the hashing of the next token's features.
func (m *taggerModel) emissions(d *doc, tf []tokFeat) [][nLabels]int32 {
	n := len(tf)
	sc := d.sc
	if sc.types == nil {
		sc.types = new(typeCache)
	}
	types := sc.types
	types.use(m)
	// Each token's entry, at at[j+typeReach] for token j (edgeFeat's
	// past either end): the second pass adds five of them to each token's
	// sum. An entry that another type of this text holds stays put, the
	// type going to an entry of extra instead, so that every pointer
	// stays good to the end of the call. (An append that moves extra
	// leaves the entries already pointed to where they were, unchanged.)
	types.gen++
	sc.typeAt = zeroed(sc.typeAt, n+2*typeReach)
	at, extra := sc.typeAt, sc.extra[:0]
	defer func() { sc.extra = extra[:0] }()
	for j := -typeReach; j < n+typeReach; j++ {
		t := &featAt(tf, j).tokType
		e, ok := types.slot(t)
		if !ok {
			if e.used && e.gen == types.gen {
				extra = append(extra, typeEntry{})
				e = &extra[len(extra)-1]
			}
			types.fill(e, t)
		}
		e.gen = types.gen
		at[j+typeReach] = e
	}
	// The contextual features of a block of tokens, then their weights:
	// blocks small enough that the hashes stay in L1. The small-valued
	// ones come summed by group from the code tables, the rest from the
	// weight table.
	const block = 128
	sc.em = zeroed(sc.em, n)
	em, w := sc.em, m.w
	var hs [block][nHashed]uint32
	var codes [block][4]uint32
	ruleT, shapeT, posT, cueT := m.ruleT, m.shapeT, m.posT, m.cueT
	toks := d.toks[:n]
	for b0 := 0; b0 < n; b0 += block {
		b1 := min(b0+block, n)
		win := windowAt(tf, b0)
		pair := wordPair(win[1], win[2])
		for i := b0; i < b1; i++ {
			pair = hashedFeats(&win, pair, &hs[i-b0])
			c := &codes[i-b0]
			c[0], c[1], c[2], c[3] = ctxCodes(&win, &toks[i])
			win.next(tf, i)
		}
		for i := b0; i < b1; i++ {
			// Scalars, not a wide array: the compiler keeps them in
			// registers. Token i+k gives its entry's sums for k (typeReach
			// is 2: TestDecodeMatchesViterbi checks the sums).
			t := (*[2*typeReach + 1]*typeEntry)(at[i : i+2*typeReach+1])
			x0, x1, x2, x3, x4 := &t[0].s[0], &t[1].s[1], &t[2].s[2], &t[3].s[3], &t[4].s[4]
			s0 := x0[0] + x1[0] + x2[0] + x3[0] + x4[0]
			s1 := x0[1] + x1[1] + x2[1] + x3[1] + x4[1]
			s2 := x0[2] + x1[2] + x2[2] + x3[2] + x4[2]
			s3 := x0[3] + x1[3] + x2[3] + x3[3] + x4[3]
			c := &codes[i-b0]
			g := &ruleT[c[0]&(ruleCodes-1)]
			s0, s1, s2, s3 = s0+g[0], s1+g[1], s2+g[2], s3+g[3]
			g = &shapeT[c[1]&(shapeCodes-1)]
			s0, s1, s2, s3 = s0+g[0], s1+g[1], s2+g[2], s3+g[3]
			g = &posT[c[2]&(posCodes-1)]
			s0, s1, s2, s3 = s0+g[0], s1+g[1], s2+g[2], s3+g[3]
			g = &cueT[c[3]&(cueCodes-1)]
			s0, s1, s2, s3 = s0+g[0], s1+g[1], s2+g[2], s3+g[3]
			// Written out, not a loop: in a loop the compiler reloads the
			// tables above from the stack at every lookup.
			h := &hs[i-b0]
			g = &w[h[0]&(nBuckets-1)]
			s0, s1, s2, s3 = s0+g[0], s1+g[1], s2+g[2], s3+g[3]
			g = &w[h[1]&(nBuckets-1)]
			s0, s1, s2, s3 = s0+g[0], s1+g[1], s2+g[2], s3+g[3]
			g = &w[h[2]&(nBuckets-1)]
			s0, s1, s2, s3 = s0+g[0], s1+g[1], s2+g[2], s3+g[3]
			g = &w[h[3]&(nBuckets-1)]
			s0, s1, s2, s3 = s0+g[0], s1+g[1], s2+g[2], s3+g[3]
			g = &w[h[4]&(nBuckets-1)]
			s0, s1, s2, s3 = s0+g[0], s1+g[1], s2+g[2], s3+g[3]
			g = &w[h[5]&(nBuckets-1)]
			s0, s1, s2, s3 = s0+g[0], s1+g[1], s2+g[2], s3+g[3]
			g = &w[h[6]&(nBuckets-1)]
			s0, s1, s2, s3 = s0+g[0], s1+g[1], s2+g[2], s3+g[3]
			g = &w[h[7]&(nBuckets-1)]
			s0, s1, s2, s3 = s0+g[0], s1+g[1], s2+g[2], s3+g[3]
			unpackTo(&em[i], s0, s1, s2, s3)
		}
	}
	return em
}

// tag labels every token, paragraph by paragraph.
func (m *taggerModel) tag(d *doc, tf []tokFeat) []uint8 {
	em := m.emissions(d, tf)
	d.sc.tagOut = zeroed(d.sc.tagOut, len(d.toks))
	d.sc.back = zeroed(d.sc.back, len(d.toks))
	out, back := d.sc.tagOut, d.sc.back
	d.paragraphs(func(a, b int) {
		m.decode(em[a:b], out[a:b], back[:b-a])
	})
	return out
}

// unreachable is the score of a state no path reaches. Real scores stay
// far above it (under 2^24 a token, times 8 in decode), and adding a
// token's scores to it cannot overflow, so it never wins a comparison and
// needs no test.
const unreachable = -1 << 59

// decode is viterbiOver for one paragraph's emission scores em; out gets
// the labels. The same recurrence, integer sums and tie-breaking (the
// first best previous label in ascending order wins): a state
// viterbiOver skips as unreachable scores unreachable here, below every
// reachable one.
//
// Scores are kept times 8, which leaves their low 3 bits free: a
// candidate for label l from p scores c_p + trans8[l][p], which carries
// 7-p there, so comparing candidates compares scores and then prefers
// the smaller p, and the plain max of them gives the best previous
// label too, without branches. Every label is written out: this is the
// inner loop of the tagger.
func (m *taggerModel) decode(em [][nLabels]int32, out []uint8, back [][slotWidth]uint8) {
	if len(em) == 0 {
		return
	}
	back = back[:len(em)]
	// The first token follows the state before the paragraph, O; the
	// I- labels have no valid predecessor there.
	var sc [2][nLabels]int64
	cur, nxt := &sc[0], &sc[1]
	for l := range cur {
		cur[l] = unreachable
	}
	for _, l := range [...]uint8{lO, lBS, lBC, lBT} {
		cur[l] = (int64(em[0][l]) + m.trans[lO][l]) << 3
		back[0][l] = 7 - lO // as the candidates below carry it: prevOf gives lO
	}
	t := &m.trans8
	// best over all previous labels, for O and the B- labels.
	all := func(t *[nLabels]int64) int64 {
		return max(cur[0]+t[0], cur[1]+t[1], cur[2]+t[2], cur[3]+t[3], cur[4]+t[4], cur[5]+t[5], cur[6]+t[6])
	}
	for i := 1; i < len(em); i++ {
		// The scores stay in memory, and each label's back pointer (the
		// low byte of its best, which prevOf reads) and next score are
		// stored as soon as its best is known: loads cannot pass a store
		// the compiler cannot tell apart from them, so each label's
		// candidates wait for the label before. Computed all at once
		// they would be 28 values, too many for the registers.
		var bk [slotWidth]uint8
		e := em[i] // a copy: read in place, its seven addresses were computed early and spilled
		v := all(&t[lO])
		bk[lO], nxt[lO] = uint8(v), v&^7+int64(e[lO])<<3
		v = all(&t[lBS])
		bk[lBS], nxt[lBS] = uint8(v), v&^7+int64(e[lBS])<<3
		v = all(&t[lBC])
		bk[lBC], nxt[lBC] = uint8(v), v&^7+int64(e[lBC])<<3
		v = all(&t[lBT])
		bk[lBT], nxt[lBT] = uint8(v), v&^7+int64(e[lBT])<<3
		// I-X follows B-X or I-X only.
		v = max(cur[lBS]+t[lIS][lBS], cur[lIS]+t[lIS][lIS])
		bk[lIS], nxt[lIS] = uint8(v), v&^7+int64(e[lIS])<<3
		v = max(cur[lBC]+t[lIC][lBC], cur[lIC]+t[lIC][lIC])
		bk[lIC], nxt[lIC] = uint8(v), v&^7+int64(e[lIC])<<3
		v = max(cur[lBT]+t[lIT][lBT], cur[lIT]+t[lIT][lIT])
		bk[lIT], nxt[lIT] = uint8(v), v&^7+int64(e[lIT])<<3
		back[i] = bk // one store for the eight
		cur, nxt = nxt, cur
	}
	best := uint8(lO)
	for l := uint8(0); l < nLabels; l++ {
		if cur[l] > cur[best] {
			best = l
		}
	}
	for i := len(em) - 1; i >= 0; i-- {
		out[i] = best
		best = prevOf(int64(back[i][best]))
	}
}

// prevOf is the previous label a candidate score of decode carries.
func prevOf(v int64) uint8 { return uint8(7 - v&7) }
