package textnorm

import "strings"

// WordsKeepNegation is Words with negative contractions kept as two words:
// "won't" -> "will", "not"; "don't" -> "do", "not"; "can't" -> "can",
// "not". Fold maps a token to one word and so drops the negation; text
// compared for the same wording needs it ("We won't bow" and "We will not
// bow" are the same words, "We will bow" is not).
func WordsKeepNegation(s string) []string {
	toks := Tokens(s)
	out := make([]string, 0, len(toks)+2)
	for _, t := range toks {
		w := Fold(t.Text)
		out = append(out, w)
		if negContraction(t.Text) && w != "not" {
			out = append(out, "not")
		}
	}
	return out
}

// NormalizeKeepNegation is Normalize with negative contractions expanded
// (see WordsKeepNegation).
func NormalizeKeepNegation(s string) string {
	return strings.Join(WordsKeepNegation(s), " ")
}

// StemsKeepNegation is Stems with negative contractions expanded, so that
// "won't" gives the content word "not" as "will not" does.
func StemsKeepNegation(s string) []string {
	words := WordsKeepNegation(s)
	out := words[:0]
	for _, w := range words {
		if IsStopword(w) {
			continue
		}
		out = append(out, Stem(w))
	}
	return out
}

// negContraction reports whether a token ends in "n't" (any apostrophe).
func negContraction(tok string) bool {
	t := strings.ToLower(tok)
	for _, ap := range []string{"n't", "n’t", "n‘t", "n`t", "n´t"} {
		if strings.HasSuffix(t, ap) && len(t) > len(ap) {
			return true
		}
	}
	return false
}
