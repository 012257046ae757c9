package analyze

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

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
	files, _ := filepath.Glob("../../../shared/data/polnear/dev/text/*.txt")
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

// TestDecodeMatchesViterbi compares the shipped decoder with viterbi, the
// reference implementation training uses, label for label.
func TestDecodeMatchesViterbi(t *testing.T) {
	m := loadTagger()
	if m == nil {
		t.Skip("no tagger model")
	}
	for ti, text := range fastpathTexts(t) {
		d := analyzeRules(text)
		tf := d.tokenFeats(d.ruleLabels())
		var fb [maxFeats]uint32
		if n := len(d.emitFeats(tf, 0, fb[:0])); len(d.toks) > 0 && n != nEmit {
			t.Fatalf("emitFeats gives %d features, nEmit is %d", n, nEmit)
		}
		got := append([]uint8(nil), m.tag(d, tf)...)
		want := make([]uint8, len(d.toks))
		back := make([]uint8, len(d.toks)*slotWidth)
		d.paragraphs(func(a, b int) {
			d.viterbi(&wtab{f32: m.w}, tf, a, b, want, back[:(b-a)*slotWidth])
		})
		if string(got) != string(want) {
			t.Fatalf("text %d: decode and viterbi disagree", ti)
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
		if got, want := isSubjectPronoun(w, lowerKey(buf[:], w)), subjectPronouns[strings.ToLower(w)]; got != want {
			t.Errorf("isSubjectPronoun(%q) = %v, want %v", w, got, want)
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
	for _, tx := range benchTexts(b) {
		d := analyzeRules(tx)
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
