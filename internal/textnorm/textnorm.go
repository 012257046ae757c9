// Package textnorm is the one place where text is folded, tokenised and
// stemmed for comparison. Analysis, linking and evaluation all go through it
// so that "the same words" means the same thing everywhere.
package textnorm

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token is a word of a text with its byte offsets.
type Token struct {
	Start, End int
	Text       string // as written
}

// Tokens splits s into word tokens: runs of letters and digits, keeping
// inner apostrophes, hyphens and periods ("don't", "re-elect", "U.S.").
func Tokens(s string) []Token {
	// News prose averages about six bytes a word; sizing once avoids the
	// repeated growth that dominated analysis allocations.
	return AppendTokens(make([]Token, 0, len(s)/6+1), s)
}

// AppendTokens appends the Tokens of s to out, for a caller that reuses
// one buffer across texts.
func AppendTokens(out []Token, s string) []Token {
	start := -1
	for i := 0; i < len(s); {
		var word bool
		var r rune
		size := 1
		// ASCII, nearly all of a news text, without decoding.
		if c := s[i]; c < utf8.RuneSelf {
			if asciiWord[c] {
				// A run of ASCII letters and digits is one step.
				if start < 0 {
					start = i
				}
				for i++; i < len(s) && asciiWord[s[i]]; i++ {
				}
				// The usual end of a word, a space or an ASCII mark
				// that cannot join it to the next, ends it here.
				if i < len(s) && s[i] < utf8.RuneSelf && !isJoiner(rune(s[i])) {
					out = append(out, Token{start, i, s[start:i]})
					start = -1
					i++
				}
				continue
			}
			word, r = false, rune(c)
		} else {
			r, size = utf8.DecodeRuneInString(s[i:])
			word = isWordRune(r)
		}
		if !word && start >= 0 && isJoiner(r) && i+size < len(s) {
			if wordAt(s, i+size) {
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

// wordAt reports whether the rune at s[i] is a word rune.
func wordAt(s string, i int) bool {
	if c := s[i]; c < utf8.RuneSelf {
		return asciiWord[c]
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return isWordRune(r)
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// asciiWord is isWordRune for ASCII bytes: unicode.IsLetter or IsDigit
// there is exactly A-Z, a-z and 0-9 (TestASCIIWordRunes). 256 entries, so
// that any byte indexes it without a bounds check.
var asciiWord = func() (t [256]bool) {
	for c := range utf8.RuneSelf {
		t[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	return t
}()

func isJoiner(r rune) bool {
	switch r {
	case '\'', '’', '-', '‐', '.':
		return true
	}
	return false
}

// Words returns the folded word tokens of s (see Fold), with a negative
// contraction kept as two words ("won't" -> "will", "not"), so that "We
// won't bow" and "We will not bow" have the same words and "We will bow"
// does not.
func Words(s string) []string {
	toks := Tokens(s)
	out := make([]string, 0, len(toks)+2)
	for _, t := range toks {
		w := Fold(t.Text)
		out = append(out, w)
		if w != "not" && negContraction(t.Text) {
			out = append(out, "not")
		}
	}
	return out
}

// negContraction reports whether a token ends in "n't" (any apostrophe).
func negContraction(tok string) bool {
	if len(tok) < 4 {
		return false
	}
	t := strings.ToLower(tok)
	for _, ap := range []string{"n't", "n’t", "n‘t", "n`t", "n´t"} {
		if strings.HasSuffix(t, ap) && len(t) > len(ap) {
			return true
		}
	}
	return false
}

// Fold lower-cases a word, unifies apostrophes and hyphens, strips
// diacritics from common Latin letters and maps a negative contraction to
// its verb ("won't" -> "will"); Words adds the "not" that one word cannot
// carry.
func Fold(w string) string {
	if plainLower(w) {
		return w // the common case: nothing to fold, nothing to allocate
	}
	if asciiNoApostrophe(w) {
		// Lower-casing is all that folding does to such a word ("Ruiz"):
		// the rewrites below concern other runes or an apostrophe.
		return strings.ToLower(w)
	}
	if s, ok := foldPlain(w); ok {
		return s
	}
	return foldRunes(w)
}

// asciiNoApostrophe reports whether w is ASCII without ' or `.
func asciiNoApostrophe(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= utf8.RuneSelf || c == '\'' || c == '`' {
			return false
		}
	}
	return true
}

// foldPlain is foldRunes for a word of at most 32 bytes that is ASCII
// but for the apostrophes and dashes foldRunes maps to ASCII
// ("Okafor’s", "don't"), byte by byte in a stack buffer: foldRunes
// builds its string rune by rune and looks each rune up in diacritics,
// which cost names with a possessive more than the rest of their
// analysis. ok is false for any other word.
func foldPlain(w string) (string, bool) {
	var buf [32]byte
	if len(w) > len(buf) {
		return "", false
	}
	n := 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c == 0xE2 && i+2 < len(w) && w[i+1] == 0x80:
			switch w[i+2] {
			case 0x98, 0x99: // ‘ ’
				c = '\''
			case 0x90, 0x91, 0x92, 0x93, 0x94: // ‐ ‑ ‒ – —
				c = '-'
			default:
				return "", false
			}
			i += 2
		case c == 0xC2 && i+1 < len(w) && w[i+1] == 0xB4: // ´
			c = '\''
			i++
		case c >= utf8.RuneSelf:
			return "", false
		case c == '`':
			c = '\''
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		}
		buf[n] = c
		n++
	}
	s := buf[:n]
	c, k := clitic(s)
	if c != "" {
		return c, true
	}
	s = s[:k]
	if len(s) <= len(w) && string(s) == w[:len(s)] {
		return w[:len(s)], true // already folded: no copy
	}
	return string(s), true
}

// foldRunes is Fold rune by rune.
func foldRunes(w string) string {
	var b strings.Builder
	b.Grow(len(w))
	for _, r := range w {
		switch r {
		case '’', '‘', '`', '´':
			r = '\''
		case '‐', '‑', '‒', '–', '—':
			r = '-'
		}
		if m, ok := diacritics[r]; ok {
			r = m
		}
		b.WriteRune(unicode.ToLower(r))
	}
	s := b.String()
	c, k := clitic(s)
	if c != "" {
		return c
	}
	return s[:k]
}

// clitic says what Fold keeps of a lower-cased word s whose apostrophes
// are ASCII: the expansion of a contraction ("won't": "will"), else the
// length of s before "n't" ("didn't": "did") or before an apostrophe
// that is not its first byte ("okafor's": "okafor", "we're": "we").
func clitic[T string | []byte](s T) (expansion string, keep int) {
	if c, ok := contractions[string(s)]; ok {
		return c, 0
	}
	if k := len(s) - 3; k >= 0 && string(s[k:]) == "n't" {
		return "", k
	}
	for i := 0; i < len(s); i++ {
		if s[i] == '\'' {
			if i > 0 {
				return "", i
			}
			break
		}
	}
	return "", len(s)
}

// plainLower reports whether w is ASCII letters and digits only, none upper
// case, so that folding would return it unchanged.
func plainLower(w string) bool {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}

var contractions = map[string]string{
	"won't": "will", "can't": "can", "shan't": "shall", "ain't": "be",
}

var diacritics = map[rune]rune{
	'á': 'a', 'à': 'a', 'â': 'a', 'ä': 'a', 'ã': 'a', 'å': 'a',
	'é': 'e', 'è': 'e', 'ê': 'e', 'ë': 'e',
	'í': 'i', 'ì': 'i', 'î': 'i', 'ï': 'i',
	'ó': 'o', 'ò': 'o', 'ô': 'o', 'ö': 'o', 'õ': 'o', 'ø': 'o',
	'ú': 'u', 'ù': 'u', 'û': 'u', 'ü': 'u',
	'ñ': 'n', 'ç': 'c', 'ý': 'y', 'ÿ': 'y',
	'Á': 'A', 'À': 'A', 'Â': 'A', 'Ä': 'A', 'Ã': 'A', 'Å': 'A',
	'É': 'E', 'È': 'E', 'Ê': 'E', 'Ë': 'E',
	'Í': 'I', 'Ì': 'I', 'Î': 'I', 'Ï': 'I',
	'Ó': 'O', 'Ò': 'O', 'Ô': 'O', 'Ö': 'O', 'Õ': 'O', 'Ø': 'O',
	'Ú': 'U', 'Ù': 'U', 'Û': 'U', 'Ü': 'U',
	'Ñ': 'N', 'Ç': 'C',
}

// Normalize folds a whole text to space-separated folded words, so that
// punctuation, quote marks, dashes and case differences vanish.
func Normalize(s string) string {
	return strings.Join(Words(s), " ")
}

// Stems returns the content-word stems of s: folded, stopwords removed,
// stemmed. It is the bag of words used to compare statements.
func Stems(s string) []string {
	words := Words(s)
	out := words[:0]
	for _, w := range words {
		if st, ok := ContentStem(w); ok {
			out = append(out, st)
		}
	}
	return out
}

// ContentStem is Stems for one folded word: its stem, or ok=false for a
// stopword. Callers that cache per word use it to keep Stems' definition.
func ContentStem(w string) (stem string, ok bool) {
	if IsStopword(w) {
		return "", false
	}
	return Stem(w), true
}

// Stem strips common English inflectional and derivational suffixes. It is
// deliberately light (no dictionary): it only has to map the forms of one
// word to one key, not to produce a real root.
func Stem(w string) string {
	if len(w) <= 3 {
		return w
	}
	for _, s := range suffixes {
		if strings.HasSuffix(w, s.suf) && len(w)-len(s.suf) >= s.min {
			w = w[:len(w)-len(s.suf)] + s.rep
			break
		}
	}
	// Undouble a final consonant left by -ing/-ed ("stopped" -> "stopp" -> "stop").
	if n := len(w); n > 3 && w[n-1] == w[n-2] && !strings.ContainsRune("aeiouls", rune(w[n-1])) {
		w = w[:n-1]
	}
	// Drop a final e so "negotiate" and "negotiating" meet.
	if n := len(w); n > 3 && w[n-1] == 'e' {
		w = w[:n-1]
	}
	return w
}

type suffix struct {
	suf, rep string
	min      int // shortest stem allowed
}

// Longest first: the first match wins.
var suffixes = []suffix{
	{"ational", "ate", 3}, {"ization", "ize", 3}, {"fulness", "ful", 3},
	{"iveness", "ive", 3}, {"ousness", "ous", 3}, {"ations", "ate", 3},
	{"ation", "ate", 3}, {"ments", "", 4}, {"ment", "", 4}, {"ities", "ity", 3},
	{"ingly", "", 3}, {"edly", "", 3}, {"ings", "", 3}, {"ing", "", 3},
	{"ies", "y", 2}, {"ied", "y", 2}, {"ness", "", 3}, {"ions", "ion", 3},
	{"ers", "er", 3}, {"ed", "", 3}, {"es", "", 3}, {"ly", "", 3},
	{"s", "", 3},
}

// IsStopword reports whether a folded word carries no content. Negations
// are content: "will negotiate" and "will not negotiate" must differ.
func IsStopword(w string) bool {
	_, ok := stopwords[w]
	return ok
}

var stopwords = func() map[string]struct{} {
	m := map[string]struct{}{}
	for _, w := range strings.Fields(`a about above after again against all also am an and any are as at be
because been before being below between both but by can could did do does doing down during each
few for from further had has have having he her here hers herself him himself his how i if in into
is it its itself just me more most my myself of off on once only or other our ours
ourselves out over own same she should so some such than that the their theirs them themselves
then there these they this those through to too under until up very was we were what when where
which while who whom why will with would you your yours yourself yourselves s t don now said says
say told tell according mr mrs ms dr also one two its it's us`) {
		m[w] = struct{}{}
	}
	return m
}()
