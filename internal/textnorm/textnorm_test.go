package textnorm

import (
	"math/rand"
	"reflect"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestTokensKeepsOffsetsAndInnerJoiners(t *testing.T) {
	s := `“We won’t bow,” said U.S. envoy Ana Ruiz-Pérez.`
	var got []string
	for _, tk := range Tokens(s) {
		if s[tk.Start:tk.End] != tk.Text {
			t.Fatalf("offsets %d:%d do not match %q", tk.Start, tk.End, tk.Text)
		}
		got = append(got, tk.Text)
	}
	want := []string{"We", "won’t", "bow", "said", "U.S", "envoy", "Ana", "Ruiz-Pérez"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Tokens = %q, want %q", got, want)
	}
}

func TestNormalizeFoldsPunctuationCaseAndContractions(t *testing.T) {
	a := Normalize(`"We won't negotiate -- not now," she said.`)
	b := Normalize(`We will not negotiate — not now, she said`)
	if a != b {
		t.Fatalf("a contraction and its expansion should have the same words: %q vs %q", a, b)
	}
	if Normalize("Okafor’s PLAN") != "okafor plan" {
		t.Fatalf("got %q", Normalize("Okafor’s PLAN"))
	}
}

func TestStemsMatchInflections(t *testing.T) {
	pairs := [][2]string{
		{"negotiate", "negotiating"}, {"negotiates", "negotiated"}, {"pressures", "pressure"},
		{"stopped", "stop"}, {"policies", "policy"},
	}
	for _, p := range pairs {
		if Stem(p[0]) != Stem(p[1]) {
			t.Errorf("Stem(%q)=%q but Stem(%q)=%q", p[0], Stem(p[0]), p[1], Stem(p[1]))
		}
	}
	if got := Stems("The government will not bow to pressure"); !reflect.DeepEqual(got, []string{"govern", "not", "bow", "pressur"}) {
		t.Fatalf("Stems = %q", got)
	}
}

func TestFoldFastPathAgreesWithSlowPath(t *testing.T) {
	for _, w := range []string{"valves", "re-elect", "u.s", "2026", "Valves", "don't", "négocier", "ÉTÉ", "won’t"} {
		got := Fold(w)
		if plainLower(w) && got != w {
			t.Errorf("fast path changed %q to %q", w, got)
		}
	}
	if Fold("Négocier") != "negocier" || Fold("WON’T") != "will" || Fold("Okafor's") != "okafor" {
		t.Errorf("slow path: %q %q %q", Fold("Négocier"), Fold("WON’T"), Fold("Okafor's"))
	}
}

func BenchmarkStems(b *testing.B) {
	s := `Transport Minister Ana Ruiz said the government would not give in to the operators' demand for emergency subsidies. "We will not bow to pressure, we will negotiate," Ruiz said at a news conference in Halden.`
	b.SetBytes(int64(len(s)))
	for i := 0; i < b.N; i++ {
		Stems(s)
	}
}

func TestASCIIWordRunes(t *testing.T) {
	for r := rune(0); r < utf8.RuneSelf; r++ {
		if got, want := asciiWord[r], unicode.IsLetter(r) || unicode.IsDigit(r); got != want {
			t.Errorf("asciiWord[%q] = %v, want %v", r, got, want)
		}
	}
}

// refTokens is Tokens as first written, decoding every rune.
func refTokens(s string) []Token {
	var out []Token
	start := -1
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		word := isWord(r)
		if !word && start >= 0 && isJoiner(r) && i+size < len(s) {
			if next, _ := utf8.DecodeRuneInString(s[i+size:]); isWord(next) {
				i += size
				continue
			}
		}
		if word && start < 0 {
			start = i
		} else if !word && start >= 0 {
			out = append(out, Token{start, i, s[start:i]})
			start = -1
		}
		i += size
	}
	if start >= 0 {
		out = append(out, Token{start, len(s), s[start:]})
	}
	return out
}

func TestTokensMatchesReference(t *testing.T) {
	pieces := []string{"a", "Z", "9", " ", ".", "'", "-", "’", "‐", "é", "İ", "٣", "\xff", "\xc3", "“", "\n", "_", "—"}
	rng := rand.New(rand.NewSource(1))
	for trial := 0; trial < 5000; trial++ {
		s := ""
		for n := rng.Intn(12); n > 0; n-- {
			s += pieces[rng.Intn(len(pieces))]
		}
		got, want := Tokens(s), refTokens(s)
		if len(got) == 0 && len(want) == 0 {
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("Tokens(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestFoldMatchesRunes(t *testing.T) {
	pieces := []string{"a", "Z", "9", "'", "`", "’", "‘", "´", "-", "—", "–", "‐", "é", "É", "İ", "n't", "won't", "Can't", "\xff", "\xe2\x80", ".", " "}
	rng := rand.New(rand.NewSource(2))
	for trial := 0; trial < 5000; trial++ {
		s := ""
		for n := rng.Intn(8); n > 0; n-- {
			s += pieces[rng.Intn(len(pieces))]
		}
		if got, want := Fold(s), foldRunes(s); got != want {
			t.Fatalf("Fold(%q) = %q, want %q", s, got, want)
		}
	}
}
