package analyze

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"io"
	"math"
	"strings"
	"sync"
)

// The span tagger: a structured averaged perceptron that labels every
// token as outside, or beginning or inside a source, cue or content span
// (BIO), decoded per paragraph with first-order Viterbi. Its features are
// the words around the token, their suffixes, shapes and lexicon classes,
// quote state, the distance to and identity of the nearest speech or
// stance verb (stanceVerbs) in the sentence and the punctuation between,
// the position in the sentence, and the label the rule engine gave the
// token (so the tagger learns where the rules' span boundaries differ
// from the annotation convention); label pairs have their own weights. Features are hashed into 2^16 buckets. It is trained
// on PolNeAR train only (go run ./internal/analyze/cmd/train) and shipped
// as model/tagger.bin.gz: a header and int16-quantised weights.

// Labels.
const (
	lO = iota
	lBS
	lIS
	lBC
	lIC
	lBT
	lIT
	nLabels
)

const (
	hashBits  = 16
	nBuckets  = 1 << hashBits
	slotWidth = 8 // labels per bucket, padded for alignment
	maxFeats  = 40
)

//go:embed model/tagger.bin.gz
var taggerBlob []byte

var (
	taggerOnce sync.Once
	taggerM    *taggerModel
)

// loadTagger decodes the embedded weights once; a missing or bad blob
// leaves the rules alone in charge.
func loadTagger() *taggerModel {
	taggerOnce.Do(func() {
		m, err := decodeTagger(taggerBlob)
		if err == nil {
			taggerM = m
		}
	})
	return taggerM
}

func decodeTagger(blob []byte) (*taggerModel, error) {
	zr, err := gzip.NewReader(bytes.NewReader(blob))
	if err != nil {
		return nil, err
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, err
	}
	if len(raw) < 8 || string(raw[:4]) != "CWT1" {
		return nil, io.ErrUnexpectedEOF
	}
	scale := math.Float32frombits(binary.LittleEndian.Uint32(raw[4:8]))
	raw = raw[8:]
	if len(raw) != nBuckets*nLabels*2 {
		return nil, io.ErrUnexpectedEOF
	}
	q := make([]int16, nBuckets*nLabels)
	for i := range q {
		q[i] = int16(binary.LittleEndian.Uint16(raw[i*2:]))
	}
	if !(scale > 0) {
		return nil, io.ErrUnexpectedEOF
	}
	// Decoding compares sums of weights, and a positive scale does not
	// change which sum is largest: the integers alone decide, exactly.
	return newTaggerModel(q), nil
}

// encodeTagger quantises float weights to int16 and gzips them.
func encodeTagger(w []float32) []byte {
	var mx float32
	for _, v := range w {
		if v < 0 {
			v = -v
		}
		if v > mx {
			mx = v
		}
	}
	scale := mx / 32767
	if scale == 0 {
		scale = 1
	}
	raw := make([]byte, 8+nBuckets*nLabels*2)
	copy(raw, "CWT1")
	binary.LittleEndian.PutUint32(raw[4:], math.Float32bits(scale))
	for b := 0; b < nBuckets; b++ {
		for l := 0; l < nLabels; l++ {
			q := int16(math.Round(float64(w[b*slotWidth+l] / scale)))
			binary.LittleEndian.PutUint16(raw[8+(b*nLabels+l)*2:], uint16(q))
		}
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(raw)
	zw.Close()
	return buf.Bytes()
}

// tokType is the part of a token's features that depends on its word
// alone: whatever typeFeats reads. Tokens of one type share those
// features' scores, so decoding sums them once per type (typecache.go).
type tokType struct {
	wh  uint32 // hash of the lower-cased word or punctuation
	suf uint32 // hash of the last three letters
	cls uint8  // compact lexicon class
}

// tokFeat is what features need about a token, computed once.
type tokFeat struct {
	tokType
	shape uint8
	rule  uint8 // the rule engine's label
	cueL  uint8 // distance bucket to the nearest cue verb on the left in the sentence
	cueR  uint8
	pos   uint8  // position in the sentence, bucketed
	toEnd uint8  // tokens to the end of the sentence, bucketed
	cueLW uint32 // hash of the nearest cue word on the left in the sentence (0: none)
	cueRW uint32 // ... on the right
	// Punctuation tokens between the token and the nearest cue on each
	// side in the sentence (the sentence edge where there is none),
	// capped at 3: a content span usually stops at a clause boundary.
	commaL, commaR uint8
}

// fnv hashes s on from h (FNV-1a); a []byte needs no string copy.
func fnv[T string | []byte](h uint32, s T) uint32 {
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

func mix(a, b uint32) uint32 {
	h := a*0x9E3779B1 ^ b
	h ^= h >> 15
	h *= 0x85EBCA77
	h ^= h >> 13
	return h
}

// bucket maps a distance d to 0 (negative), 1-4 (0-3), 5 (4-6), 6 (7-12)
// or 7 (more): by table, as it runs four times a token.
func bucket(d int) uint8 {
	if uint(d) > 12 {
		if d < 0 {
			return 0
		}
		return 7
	}
	return bucketTab[d]
}

var bucketTab = [13]uint8{1, 2, 3, 4, 5, 5, 5, 6, 6, 6, 6, 6, 6}

// lexClassFlags is all the flags classOf reads: most tokens have none,
// and one test settles them (TestLexClassFlags).
const lexClassFlags = fAccording | fCuePast | fCue | fHe | fShe | fThey | fFirstP | fTitle | fGroup |
	fPersonN | fDoc | fPub | fOrg | fClause | fDet | fPrep | fCiting | fStance

// lexClass is classOf(f), with the usual answer first.
func lexClass(f uint32) uint8 {
	if f&lexClassFlags == 0 {
		return 0
	}
	return classOf(f)
}

// classOf is the compact lexicon class of a token with flags f.
func classOf(f uint32) uint8 {
	switch {
	case f&fAccording != 0:
		return 1
	case f&fCuePast != 0:
		return 2
	case f&fCue != 0:
		return 3
	case f&(fHe|fShe|fThey|fFirstP) != 0:
		return 4
	case f&fTitle != 0:
		return 5
	case f&fGroup != 0:
		return 6
	case f&fPersonN != 0:
		return 7
	case f&fDoc != 0:
		return 8
	case f&fPub != 0:
		return 9
	case f&fOrg != 0:
		return 10
	case f&fClause != 0:
		return 11
	case f&fDet != 0:
		return 12
	case f&fPrep != 0:
		return 13
	case f&fCiting != 0:
		return 14
	case f&fStance != 0:
		return 15
	}
	return 0
}

// tokenFeats precomputes per-token feature parts. ruleLab holds the rule
// engine's labels.
func (d *doc) tokenFeats(ruleLab []uint8) []tokFeat {
	tf := d.sc.tf[:len(d.toks)] // newDoc's: the type hashes, and words' shapes
	lastCue, sentStart := -1000, 0
	var lastW uint32
	var commas uint8
	// Locals, not d's fields: the stores to tf would make the compiler
	// reload those for every token.
	toks, flags := d.toks, d.flags[:len(d.toks)]
	ruleLab = ruleLab[:len(toks)]
	for i := range toks {
		t := &toks[i]
		if t.sent || t.para {
			lastCue, sentStart, lastW, commas = -1000, i, 0, 0
		}
		f := &tf[i]
		if t.kind != tkWord {
			f.shape = markShape(t) // newDoc gave words theirs
		}
		f.rule = ruleLab[i]
		f.cueL = bucket(i - lastCue)
		if i-lastCue > 1000 {
			f.cueL = 0
		}
		f.pos = bucket(i - sentStart)
		f.cueLW = lastW
		f.commaL = commas
		if flags[i]&(fCue|fAccording|fStance) != 0 && t.quote == 0 {
			lastCue = i
			lastW = f.wh
			commas = 0
		} else if t.kind == tkPunct && commas < 3 {
			commas++
		}
	}
	nextCue, sentEnd := 1<<30, len(toks)
	var nextW uint32
	commas = 0
	for i := len(toks) - 1; i >= 0; i-- {
		t, f := &toks[i], &tf[i]
		if flags[i]&(fCue|fAccording|fStance) != 0 && t.quote == 0 {
			nextCue = i
			nextW = f.wh
			commas = 0
		}
		f.commaR = commas
		if t.kind == tkPunct && commas < 3 {
			commas++
		}
		if nextCue < 1<<30 {
			f.cueR = bucket(nextCue - i)
			f.cueRW = nextW
		} else {
			f.cueR, f.cueRW = 0, 0
		}
		f.toEnd = bucket(sentEnd - i - 1)
		if t.sent || t.para {
			nextCue, nextW, sentEnd, commas = 1<<30, 0, i, 0
		}
	}
	return tf
}

// markShape is the shape of a token t that is not a word (wordShape).
func markShape(t *tok) uint8 {
	if t.kind == tkQuote {
		if t.quote != 0 && !t.inQ {
			return 1
		}
		return 2
	}
	return 3
}

// wordShape is the shape of a word w, which starts with an upper-case
// letter when cap.
func wordShape(w string, cap bool) uint8 {
	if c := w[0]; c >= '0' && c <= '9' {
		return 4
	}
	if cap {
		if len(w) > 1 && isUpperWord(w) {
			return 5
		}
		return 6
	}
	return 7
}

// isUpperWord is strings.ToUpper(w) == w without building the upper-case
// copy for ASCII words: ToUpper changes an ASCII string exactly when it
// holds a lower-case letter.
func isUpperWord(w string) bool {
	if !isASCII(w) {
		return strings.ToUpper(w) == w
	}
	for i := 0; i < len(w); i++ {
		if w[i] >= 'a' && w[i] <= 'z' {
			return false
		}
	}
	return true
}

// edgeFeat stands for the tokens before the first and after the last.
// Read only.
var edgeFeat = tokFeat{tokType: tokType{wh: 1, suf: 1}}

// nEmit is the number of features emitFeats returns.
const nEmit = 28

// typeReach is how far typeFeats looks: the features of token i may
// depend on the types of tokens i-typeReach .. i+typeReach.
const typeReach = 2

// typeFeats appends the hashes of the features of a token i that depend
// only on the type t of token i+k (and on k): its word, suffix and class
// and those of its neighbours. Everything else is in ctxFeats.
func typeFeats(t *tokType, k int, out []uint32) []uint32 {
	if k < -typeReach || k > typeReach {
		return out
	}
	h := typeHashesOf(t)
	return append(out, h[k+typeReach][:typeFeatN[k+typeReach]]...)
}

// typeHashes holds typeFeats(t, k) for every k at once, so that the type
// cache fills an entry with one call: row k+typeReach, its first
// typeFeatN[k+typeReach] hashes.
type typeHashes [2*typeReach + 1][4]uint32

var typeFeatN = [2*typeReach + 1]int{1, 2, 4, 2, 1}

// typeHashesOf defines the type features.
func typeHashesOf(t *tokType) (h typeHashes) {
	wh, cls := t.wh, uint32(t.cls)
	h[0][0] = mix(5, wh)                                                                    // k = -2
	h[1][0], h[1][1] = mix(3, wh), mix(12, cls)                                             // k = -1
	h[2][0], h[2][1], h[2][2], h[2][3] = mix(1, 0), mix(2, wh), mix(9, t.suf), mix(11, cls) // k = 0
	h[3][0], h[3][1] = mix(4, wh), mix(13, cls)                                             // k = 1
	h[4][0] = mix(6, wh)                                                                    // k = 2
	return h
}

// featAt is tf[k], or edgeFeat before the first and after the last token.
func featAt(tf []tokFeat, k int) *tokFeat {
	if k < 0 || k >= len(tf) {
		return &edgeFeat
	}
	return &tf[k] // a pointer, not a copy: this runs for every token
}

// window holds the tokens i-2 .. i+2 of tf around a token i, edgeFeat
// past either end: what ctxCodes and hashedFeats read. Decoding slides
// one along the text (next) instead of bounds-testing each neighbour for
// each token.
type window [5]*tokFeat

// windowAt is token i's window.
func windowAt(tf []tokFeat, i int) window {
	return window{featAt(tf, i-2), featAt(tf, i-1), &tf[i], featAt(tf, i+1), featAt(tf, i+2)}
}

// next turns token i's window w into token i+1's.
func (w *window) next(tf []tokFeat, i int) {
	w[0], w[1], w[2], w[3], w[4] = w[1], w[2], w[3], w[4], featAt(tf, i+3)
}

// ctxCodes packs the small-valued fields that ctxFeats' features read
// into one code per group of features: with them decoding sums each
// group from a small table built at load (ctxTables) instead of hashing
// and looking up each feature. Every field fits its bits: labels,
// shapes and buckets are under 8, commas under 4. w is the window of
// token t.
func ctxCodes(w *window, t *tok) (rule, shape, pos, cue uint32) {
	f0, fm1, fp1 := w[2], w[1], w[3]
	q, st := uint32(0), uint32(0)
	if t.inQ {
		q = 1
	}
	if t.sent {
		st = 1
	}
	if t.para {
		st |= 2
	}
	rule = uint32(f0.rule) | uint32(fm1.rule)<<3 | uint32(fp1.rule)<<6
	shape = uint32(f0.shape) | uint32(fm1.shape)<<3 | uint32(fp1.shape)<<6 | q<<9
	pos = st | uint32(f0.pos)<<2 | uint32(f0.toEnd)<<5
	cue = uint32(f0.cueL) | uint32(f0.cueR)<<3 | uint32(f0.commaL)<<6 | uint32(f0.commaR)<<8
	return
}

// The groups of ctxCodes and their sizes.
const (
	ruleCodes  = 1 << 9
	shapeCodes = 1 << 10
	posCodes   = 1 << 8
	cueCodes   = 1 << 10
)

// The features of each group, from its code.
func ruleFeats(c uint32) [3]uint32 {
	r0, rm1, rp1 := c&7, c>>3&7, c>>6&7
	return [3]uint32{mix(16, r0), mix(17, rm1|rp1<<4), mix(27, r0|rm1<<4)}
}

func shapeFeats(c uint32) [2]uint32 {
	s0, sm1, sp1, q := c&7, c>>3&7, c>>6&7, c>>9
	return [2]uint32{mix(10, s0|sm1<<4|sp1<<8), mix(14, q|s0<<2)}
}

func posFeats(c uint32) [3]uint32 {
	st, pos, toEnd := c&3, c>>2&7, c>>5&7
	return [3]uint32{mix(15, st), mix(22, pos), mix(33, toEnd|pos<<4)}
}

func cueFeats(c uint32) [2]uint32 {
	cueL, cueR, commaL, commaR := c&7, c>>3&7, c>>6&3, c>>8&3
	return [2]uint32{mix(21, cueL|cueR<<4), mix(40, commaL|commaR<<4|cueL<<8|cueR<<12)}
}

// nHashed is the number of features hashedFeats returns.
const nHashed = 8

// wordPair is the hash of the words of two adjacent tokens. Features 7
// and 8 read it for the pair, token i's right pair is token i+1's left
// one, so decoding hashes each pair once.
func wordPair(a, b *tokFeat) uint32 { return mix(a.wh, b.wh) }

// hashedFeats returns the hashes of ctxFeats' features that read words
// or other wide fields: decoding looks each up in the weight table. w is
// the window of a token i, left is wordPair of tokens i-1 and i; right is
// that of i and i+1. They go to h, in place: decoding fills a block of
// them.
func hashedFeats(w *window, left uint32, h *[nHashed]uint32) (right uint32) {
	fm2, fm1, f0, fp1, fp2 := w[0], w[1], w[2], w[3], w[4]
	right = wordPair(f0, fp1)
	// Element by element: an array literal is built on the stack and
	// copied.
	h[0] = mix(7, left)
	h[1] = mix(8, right)
	h[2] = mix(28, uint32(fm2.cls)|uint32(fm1.cls)<<4|uint32(f0.cls)<<8)
	h[3] = mix(29, uint32(f0.cls)|uint32(fp1.cls)<<4|uint32(fp2.cls)<<8)
	h[4] = mix(30, mix(fm1.suf, f0.suf))
	h[5] = mix(31, f0.cueLW)
	h[6] = mix(32, f0.cueRW)
	h[7] = mix(34, mix(f0.cueLW, uint32(f0.cueL)))
	return right
}

// ctxFeats appends the hashes of the features of token i that depend on
// more than the types around it (label-independent, as typeFeats'), in
// the order training has always summed them.
func (d *doc) ctxFeats(tf []tokFeat, i int, out []uint32) []uint32 {
	w := windowAt(tf, i)
	rc, sc, pc, cc := ctxCodes(&w, &d.toks[i])
	r, s, p, c := ruleFeats(rc), shapeFeats(sc), posFeats(pc), cueFeats(cc)
	var h [nHashed]uint32
	hashedFeats(&w, wordPair(w[1], w[2]), &h)
	return append(out,
		h[0], h[1], s[0], s[1], p[0], r[0], r[1], c[0], p[1], r[2],
		h[2], h[3], h[4], h[5], h[6], p[2], h[7], c[1],
	)
}

// emitFeats fills out with the hashes of the features of token i that do
// not depend on the labels before it: typeFeats for each neighbour, then
// ctxFeats. Training sums these; decoding gets the same sums by way of
// the type cache.
func (d *doc) emitFeats(tf []tokFeat, i int, out []uint32) []uint32 {
	out = out[:0]
	for k := -typeReach; k <= typeReach; k++ {
		out = typeFeats(&featAt(tf, i+k).tokType, k, out)
	}
	return d.ctxFeats(tf, i, out)
}

// transFeats fills out with the hashes of the features of token i that
// pair it with the label p before it. Only the pair itself: with the
// words in the emission features this keeps decoding to one table lookup
// per previous label, which is most of the tagger's time.
func transFeats(p uint8, out []uint32) []uint32 {
	return append(out[:0], mix(18, uint32(p)))
}

// valid reports whether label l may follow p (I-X only after B-X or I-X).
func valid(p, l uint8) bool {
	switch l {
	case lIS:
		return p == lBS || p == lIS
	case lIC:
		return p == lBC || p == lIC
	case lIT:
		return p == lBT || p == lIT
	}
	return true
}

// wtab is the weight table of training.
type wtab struct {
	f32 []float32
}

func (w *wtab) add(h uint32, sc *[slotWidth]float32) {
	b := int(h&(nBuckets-1)) * slotWidth
	x := (*[slotWidth]float32)(w.f32[b : b+slotWidth])
	for l := 0; l < slotWidth; l++ {
		sc[l] += x[l]
	}
}

// viterbi labels tokens [a,b) (one paragraph) with the best first-order
// label sequence under the weights w (training's); back holds scratch
// space of 8 labels per token.
func (d *doc) viterbi(w *wtab, tf []tokFeat, a, b int, out []uint8, back []uint8) {
	var fb [maxFeats]uint32
	// Transition weights depend on the label pair only: look them up once.
	var trans [slotWidth][slotWidth]float32
	for p := uint8(0); p < nLabels; p++ {
		for _, h := range transFeats(p, fb[:0]) {
			w.add(h, &trans[p])
		}
	}
	em := func(i int) (e [slotWidth]float32) {
		for _, h := range d.emitFeats(tf, i, fb[:0]) {
			w.add(h, &e)
		}
		return e
	}
	viterbiOver(em, &trans, -1e30, a, b, out, back)
}

// viterbiOver is the plain first-order Viterbi recurrence, the reference
// for decode: em gives a token's emission scores, neg stands for an
// unreachable state. For each label the previous labels are tried in
// ascending order and the first best wins.
func viterbiOver[S float32 | int64](em func(i int) [slotWidth]S, trans *[slotWidth][slotWidth]S, neg S, a, b int, out []uint8, back []uint8) {
	var cur, nxt [slotWidth]S
	for l := range cur {
		cur[l] = neg
	}
	cur[lO] = 0 // the state before the paragraph
	first := true
	for i := a; i < b; i++ {
		e := em(i)
		for l := range nxt {
			nxt[l] = neg
		}
		for p := uint8(0); p < nLabels; p++ {
			if cur[p] <= neg/2 {
				continue
			}
			if first && p != lO {
				continue
			}
			tr := &trans[p]
			for l := uint8(0); l < nLabels; l++ {
				if !valid(p, l) {
					continue
				}
				if s := cur[p] + e[l] + tr[l]; s > nxt[l] {
					nxt[l] = s
					back[(i-a)*slotWidth+int(l)] = p
				}
			}
		}
		cur = nxt
		first = false
	}
	best := uint8(lO)
	for l := uint8(0); l < nLabels; l++ {
		if cur[l] > cur[best] {
			best = l
		}
	}
	for i := b - 1; i >= a; i-- {
		out[i] = best
		best = back[(i-a)*slotWidth+int(best)]
	}
}

// paragraphs calls f for each run of tokens that starts a line.
func (d *doc) paragraphs(f func(a, b int)) {
	a := 0
	for i := 1; i <= len(d.toks); i++ {
		if i == len(d.toks) || d.toks[i].para {
			f(a, i)
			a = i
		}
	}
}

// ruleLabels turns the rule engine's relations into token labels.
func (d *doc) ruleLabels() []uint8 {
	d.sc.ruleLab = zeroed(d.sc.ruleLab, len(d.toks))
	lab := d.sc.ruleLab
	mark := func(a, b int, B uint8) {
		for k := a; k < b && k < len(lab); k++ {
			if k == a {
				lab[k] = B
			} else {
				lab[k] = B + 1
			}
		}
	}
	for _, r := range d.rels {
		for _, p := range r.parts {
			mark(p[0], p[1], lBT)
		}
		if r.src[0] >= 0 {
			mark(r.src[0], r.src[1], lBS)
		}
		mark(r.cue[0], r.cue[1], lBC)
	}
	return lab
}
