package analyze

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"encoding/json"
	"io"
	"math"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/crosswire-news/crosswire/internal/model"
)

// The fast paths must give exactly what the plain code they replace
// gives: these tests hold them to it.

// fastpathTexts are the fixture, the pathological inputs (small) and
// some PolNeAR dev texts when the data is there.
func fastpathTexts(t *testing.T) []string {
	texts := []string{fixture}
	for _, f := range pathological {
		texts = append(texts, f(2000))
	}
	files, _ := filepath.Glob(filepath.Join(polnearDir(), "dev/text/*.txt"))
	for i, f := range files {
		if i == 40 {
			break
		}
		if b, err := os.ReadFile(f); err == nil {
			texts = append(texts, string(b))
		}
	}
	return texts
}

// refEmit is the reference emission score of token i: the weights of
// every feature emitFeats lists, summed one by one.
func refEmit(m *taggerModel, d *doc, tf []tokFeat, i int) [slotWidth]int64 {
	var fb [maxFeats]uint32
	var e [slotWidth]int64
	for _, h := range d.emitFeats(tf, i, fb[:0]) {
		v := m.weights(h)
		for l := range v {
			e[l] += int64(v[l])
		}
	}
	return e
}

// TestDecodeMatchesViterbi compares the shipped decoder (type cache,
// wide sums, unrolled recurrence) with viterbiOver over refEmit, label
// for label, and the emission scores themselves. The texts run twice
// through one scratch, so the second pass reads a warm type cache.
func TestDecodeMatchesViterbi(t *testing.T) {
	m := loadTagger()
	if m == nil {
		t.Skip("no tagger model")
	}
	var trans [slotWidth][slotWidth]int64
	for p := range nLabels {
		copy(trans[p][:], m.trans[p][:])
	}
	sc := new(scratch)
	texts := fastpathTexts(t)
	for ti, text := range append(texts, texts...) {
		d := analyzeRulesScratch(text, sc)
		tf := d.tokenFeats(d.ruleLabels())
		var fb [maxFeats]uint32
		if n := len(d.emitFeats(tf, 0, fb[:0])); len(d.toks) > 0 && n != nEmit {
			t.Fatalf("emitFeats gives %d features, nEmit is %d", n, nEmit)
		}
		for i, e := range m.emissions(d, tf) {
			r := refEmit(m, d, tf, i)
			for l := range nLabels {
				if int64(e[l]) != r[l] {
					t.Fatalf("text %d token %d label %d: emission %d, reference %d", ti, i, l, e[l], r[l])
				}
			}
		}
		got := append([]uint8(nil), m.tag(d, tf)...)
		want := make([]uint8, len(d.toks))
		back := make([]uint8, len(d.toks)*slotWidth)
		em := func(i int) [slotWidth]int64 { return refEmit(m, d, tf, i) }
		d.paragraphs(func(a, b int) {
			viterbiOver(em, &trans, unreachable, a, b, want, back[:(b-a)*slotWidth])
		})
		if string(got) != string(want) {
			t.Fatalf("text %d: decode and viterbi disagree", ti)
		}
		sc.release()
	}
}

// TestWideSums checks sums of weight buckets against plain ones: many
// buckets of either extreme, and random mixes.
func TestWideSums(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for trial := 0; trial < 2000; trial++ {
		var s wide
		var want [nLabels]int32
		n := 1 + rng.Intn(200)
		if trial < 2 {
			n = 20000
		}
		for range n {
			var v [nLabels]int32
			for l := range v {
				switch trial {
				case 0:
					v[l] = 32767
				case 1:
					v[l] = -32768
				default:
					v[l] = int32(rng.Intn(65536) - 32768)
				}
				want[l] += v[l]
			}
			x := packWeights(&v)
			s.sum(&x)
		}
		if got := s.unpack(); got != want {
			t.Fatalf("trial %d: wide sum %v, want %v", trial, got, want)
		}
	}
}

// TestScratchReuse analyses texts in two orders through the pooled
// scratch: a text's result must not depend on what ran before it.
func TestScratchReuse(t *testing.T) {
	texts := fastpathTexts(t)
	res := func(text string) string {
		a := &model.Article{Text: text}
		Article(a)
		b, _ := json.Marshal(a)
		return string(b)
	}
	first := make([]string, len(texts))
	for i, tx := range texts {
		first[i] = res(tx)
	}
	for i := len(texts) - 1; i >= 0; i-- {
		if got := res(texts[i]); got != first[i] {
			t.Fatalf("text %d: result changed on a reused scratch", i)
		}
	}
}

func TestLexTabMatchesLexicon(t *testing.T) {
	var buf [32]byte
	for w, f := range lexicon {
		if got := lex(buf[:], w); got != f {
			t.Fatalf("lex(%q) = %b, want %b", w, got, f)
		}
	}
	for _, w := range []string{"", "x", "zebra", "quickly", "Said", "SAID", "Reuters’", "Ångström"} {
		k := lowerKey(buf[:], w)
		want, ok := lexicon[string(k)]
		if !ok && len(k) > 4 && strings.HasSuffix(string(k), "ly") {
			want = fSkip
		}
		if got := lex(buf[:], w); got != want {
			t.Fatalf("lex(%q) = %b, want %b", w, got, want)
		}
	}
}

// TestCaseHelpers checks the allocation-free case helpers against the
// strings functions they stand for, on ASCII and on the non-ASCII cases
// where lower-casing changes a string's length (İ, the Kelvin sign).
func TestCaseHelpers(t *testing.T) {
	words := []string{"he", "He", "HE", "It", "İT", "İt", "\u212At", "they", "They's", "you", "YOUR",
		"Said", "NASA", "U.S.", "A", "ÉLYSÉE", "Élysée", "straße", "STRASSE", strings.Repeat("A", 40), strings.Repeat("b", 33) + "C"}
	var buf [32]byte
	for _, w := range words {
		if got, want := string(lowerWord(buf[:], w)), strings.ToLower(w); got != want {
			t.Errorf("lowerWord(%q) = %q, want %q", w, got, want)
		}
		if got, want := isUpperWord(w), strings.ToUpper(w) == w; got != want {
			t.Errorf("isUpperWord(%q) = %v, want %v", w, got, want)
		}
		k, h, ascii := foldHash(buf[:], w)
		if got, want := isSubjectPronoun(w, k, ascii), subjectPronoun([]byte(strings.ToLower(w))); got != want {
			t.Errorf("isSubjectPronoun(%q) = %v, want %v", w, got, want)
		}
		if string(k) != string(lowerKey(make([]byte, 32), w)) || h != fnv(2166136261, k) {
			t.Errorf("foldHash(%q) = %q, %d; want lowerKey and its fnv", w, k, h)
		}
	}
}

// BenchmarkTagger times the span tagger alone (features to labels) over
// the benchmark texts, the rules' work done beforehand.
func BenchmarkTagger(b *testing.B) {
	m := loadTagger()
	if m == nil {
		b.Skip("no tagger model")
	}
	type item struct {
		d  *doc
		tf []tokFeat
	}
	var items []item
	types := new(typeCache) // as Article's pooled scratch keeps one
	for _, tx := range benchTexts(b) {
		d := analyzeRules(tx)
		d.sc.types = types
		items = append(items, item{d, d.tokenFeats(d.ruleLabels())})
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		it := items[i%len(items)]
		m.tag(it.d, it.tf)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// TestASCIIGapRunes holds tokenize's ASCII shortcut to the rune tests it
// skips.
func TestASCIIGapRunes(t *testing.T) {
	for c := rune(0); c < utf8.RuneSelf; c++ {
		if got, want := c <= ' ', isSpaceRune(c); got != want {
			t.Errorf("%q: space %v, isSpaceRune %v", c, got, want)
		}
		if got, want := c == '"', isDoubleQuote(c); got != want {
			t.Errorf("%q: quote %v, isDoubleQuote %v", c, got, want)
		}
	}
}

// TestModelWeights checks the decoded model against the int16 weights of
// the blob, bucket by bucket and label by label, and a train-encode-
// decode round trip of float weights through the same path.
func TestModelWeights(t *testing.T) {
	check := func(blob []byte) {
		t.Helper()
		m, err := decodeTagger(blob)
		if err != nil {
			t.Fatal(err)
		}
		zr, _ := gzip.NewReader(bytes.NewReader(blob))
		raw, _ := io.ReadAll(zr)
		raw = raw[8:]
		for b := 0; b < nBuckets; b++ {
			v := m.weights(uint32(b))
			for l := range nLabels {
				if want := int32(int16(binary.LittleEndian.Uint16(raw[(b*nLabels+l)*2:]))); v[l] != want {
					t.Fatalf("bucket %d label %d: %d, want %d", b, l, v[l], want)
				}
			}
		}
	}
	check(taggerBlob)
	rng := rand.New(rand.NewSource(3))
	w := make([]float32, nBuckets*slotWidth)
	for i := range w {
		w[i] = float32(rng.NormFloat64())
	}
	check(encodeTagger(w))
}

// TestTrainSmoke trains on two small documents and decodes the result:
// training's float Viterbi and the encoder must still fit the decoder.
func TestTrainSmoke(t *testing.T) {
	text := `"We will sail," the minister said on Monday.`
	docs := []TrainDoc{{Text: text, Spans: []TrainSpan{{'T', 1, 14}, {'S', 16, 28}, {'C', 29, 33}}}, {Text: fixture}}
	m, err := decodeTagger(TrainTagger(docs, 2, 1, nil))
	if err != nil {
		t.Fatal(err)
	}
	d := analyzeRules(text)
	if got := m.tag(d, d.tokenFeats(d.ruleLabels())); len(got) != len(d.toks) {
		t.Fatalf("%d labels for %d tokens", len(got), len(d.toks))
	}
}

// TestSkipPlain holds skipPlain's 8-byte test to the byte loop it skips
// ahead of: every offset of strings that place each sentence byte, and
// its neighbours in value, at every position of a block.
func TestSkipPlain(t *testing.T) {
	plain := func(s string, i int) int {
		for i < len(s) && !sentenceByte[s[i]] {
			i++
		}
		return i
	}
	rng := rand.New(rand.NewSource(1))
	var texts []string
	for c := 0; c < 256; c++ {
		for pos := 0; pos < 20; pos++ {
			b := []byte(strings.Repeat("ab cd", 5))
			b[pos] = byte(c)
			texts = append(texts, string(b))
		}
	}
	for range 2000 {
		b := make([]byte, rng.Intn(40))
		for k := range b {
			b[k] = "ab .\n\r!?-\x00\xff\x80\x0b\x0e\"'"[rng.Intn(16)]
		}
		texts = append(texts, string(b))
	}
	for _, s := range texts {
		for i := 0; i <= len(s); i++ {
			if got, want := skipPlain(s, i), plain(s, i); got != want {
				t.Fatalf("skipPlain(%q, %d) = %d, want %d", s, i, got, want)
			}
		}
	}
}

// TestLexClassFlags holds lexClass's shortcut to classOf: a flag that
// gives a class must be in lexClassFlags.
func TestLexClassFlags(t *testing.T) {
	for b := range 32 {
		if f := uint32(1) << b; classOf(f) != 0 && f&lexClassFlags == 0 {
			t.Errorf("flag %#x gives class %d but is not in lexClassFlags", f, classOf(f))
		}
	}
}

// TestBucket holds bucket's table to the distance classes it stands for.
func TestBucket(t *testing.T) {
	ref := func(d int) uint8 {
		switch {
		case d < 0:
			return 0
		case d <= 3:
			return uint8(d + 1)
		case d <= 6:
			return 5
		case d <= 12:
			return 6
		}
		return 7
	}
	for d := -2000; d <= 2000; d++ {
		if got, want := bucket(d), ref(d); got != want {
			t.Fatalf("bucket(%d) = %d, want %d", d, got, want)
		}
	}
	for _, d := range []int{math.MinInt, math.MinInt + 1, math.MaxInt} {
		if got, want := bucket(d), ref(d); got != want {
			t.Fatalf("bucket(%d) = %d, want %d", d, got, want)
		}
	}
}

// TestWordCacheMatchesWordFeats holds newDoc's word cache to wordFeats:
// every word's hashes, flags, class and shape, on a cold cache and then a warm one,
// words at the very end of a text and longer than 16 bytes included.
func TestWordCacheMatchesWordFeats(t *testing.T) {
	texts := append(fastpathTexts(t), "Said", "an extraordinarily long word: counterrevolutionaries", "He said:   Ünïcödé wörds")
	sc := new(scratch)
	for _, text := range append(texts, texts...) {
		d := newDoc(text, sc)
		for i, tk := range d.toks {
			if tk.kind != tkWord {
				continue
			}
			wh, suf, flags, shape := d.wordFeats(d.word(i), tk.cap)
			if f := &d.sc.tf[i]; f.wh != wh || f.suf != suf || d.flags[i] != flags || f.shape != shape || f.cls != lexClass(flags) {
				t.Fatalf("%q: cached %x %x %x %d, wordFeats %x %x %x %d", d.word(i), f.wh, f.suf, d.flags[i], f.shape, wh, suf, flags, shape)
			}
		}
		sc.release()
	}
}
