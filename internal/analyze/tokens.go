package analyze

import (
	"unicode"
	"unicode/utf8"

	"github.com/crosswire-news/crosswire/internal/textnorm"
)

// Token kinds.
const (
	tkWord  = iota
	tkPunct // any other non-space rune: , : ; . ( ) — ...
	tkQuote // a double quote mark (straight or curly, or « »)
)

// tok is a token of the text: a word (as textnorm.Tokens finds it) or one
// punctuation rune from the gaps between words. Offsets are bytes.
type tok struct {
	s, e  int32
	kind  uint8
	cap   bool // word starts with an upper-case letter
	sent  bool // first token of a sentence
	para  bool // first token of a paragraph (line)
	inQ   bool // inside a double-quoted region
	quote int32
}

// tokenize lists the tokens of text. Words come from textnorm.Tokens (the
// project's one tokeniser); the gaps between them are scanned for
// punctuation so that commas, colons and quote marks are visible to the
// rules and to the tagger.
func tokenize(text string, words []textnorm.Token, dst []tok) []tok {
	prev := 0
	gap := func(from, to int) {
		for i := from; i < to; {
			r, n := utf8.DecodeRuneInString(text[i:to])
			if !isSpaceRune(r) && r != utf8.RuneError {
				k := uint8(tkPunct)
				if isDoubleQuote(r) {
					k = tkQuote
				}
				dst = append(dst, tok{s: int32(i), e: int32(i + n), kind: k})
			}
			i += n
		}
	}
	for _, w := range words {
		gap(prev, w.Start)
		r, _ := utf8.DecodeRuneInString(w.Text)
		dst = append(dst, tok{s: int32(w.Start), e: int32(w.End), kind: tkWord, cap: isUpper(r)})
		prev = w.End
	}
	gap(prev, len(text))
	return dst
}

func isDoubleQuote(r rune) bool {
	switch r {
	case '"', '“', '”', '„', '«', '»', '‟', '＂':
		return true
	}
	return false
}

func isUpper(r rune) bool {
	if r < 0x80 {
		return r >= 'A' && r <= 'Z'
	}
	return unicode.IsUpper(r)
}

// lowerKey writes the ASCII-lower-cased word into buf and returns it; words
// longer than buf or not ASCII are folded with textnorm.Fold. Lexicon
// lookups with m[string(b)] do not allocate.
func lowerKey(buf []byte, w string) []byte {
	if len(w) > len(buf) {
		return []byte(textnorm.Fold(w))
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 0x80 {
			return []byte(textnorm.Fold(w))
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return buf[:len(w)]
}
