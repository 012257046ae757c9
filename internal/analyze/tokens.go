package analyze

import (
	"strings"
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
// rules and to the tagger, and for line breaks: the token after one, and
// the first, start a paragraph (tok.para).
func tokenize(text string, words []textnorm.Token, dst []tok) []tok {
	prev := 0
	line := true // a line starts at the next token
	gap := func(from, to int) {
		for i := from; i < to; {
			// ASCII without decoding: white space and control bytes are
			// the runes up to ' ' (isSpaceRune), '"' the quote mark.
			if c := text[i]; c < utf8.RuneSelf {
				if c > ' ' {
					k := uint8(tkPunct)
					if c == '"' {
						k = tkQuote
					}
					dst = append(dst, tok{s: int32(i), e: int32(i + 1), kind: k, para: line})
					line = false
				} else if c == '\n' || c == '\r' {
					line = true
				}
				i++
				continue
			}
			r, n := utf8.DecodeRuneInString(text[i:to])
			if !isSpaceRune(r) && r != utf8.RuneError {
				k := uint8(tkPunct)
				if isDoubleQuote(r) {
					k = tkQuote
				}
				dst = append(dst, tok{s: int32(i), e: int32(i + n), kind: k, para: line})
				line = false
			}
			i += n
		}
	}
	for k := range words {
		w := &words[k] // a pointer, not a copy of the 32-byte token
		// One space, the usual gap, holds no token.
		if w.Start != prev+1 || text[prev] != ' ' {
			gap(prev, w.Start)
		}
		r := rune(w.Text[0]) // words are never empty; decode only past ASCII
		if r >= utf8.RuneSelf {
			r, _ = utf8.DecodeRuneInString(w.Text)
		}
		dst = append(dst, tok{s: int32(w.Start), e: int32(w.End), kind: tkWord, cap: isUpper(r), para: line})
		line = false
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
	return isUpperRune(r)
}

// isUpperRune is unicode.IsUpper kept out of line, so that isUpper, whose
// ASCII test runs for every word, inlines.
//
//go:noinline
func isUpperRune(r rune) bool { return unicode.IsUpper(r) }

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

// lowerWord is strings.ToLower(w) written into buf, without allocating
// for the usual short ASCII word: ASCII is lowered byte by byte exactly
// as strings.ToLower does; anything else goes through strings.ToLower.
// Index maps with m[string(b)] and compare with string(b) == "x": neither
// allocates.
func lowerWord(buf []byte, w string) []byte {
	if len(w) > len(buf) {
		return []byte(strings.ToLower(w))
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 0x80 {
			return []byte(strings.ToLower(w))
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	return buf[:len(w)]
}

// isSubjPron reports whether word i lower-cases to a subject pronoun:
// subjectPronoun(strings.ToLower(d.word(i))), computed once by newDoc.
func (d *doc) isSubjPron(i int) bool { return d.flags[i]&fSubj != 0 }

// isSubjectPronoun is subjectPronoun(strings.ToLower(w)) for a word w
// whose lowerKey is k, ascii as foldHash says: then k is exactly
// strings.ToLower(w); anything else asks strings.ToLower.
func isSubjectPronoun(w string, k []byte, ascii bool) bool {
	if ascii {
		return subjectPronoun(k)
	}
	return subjectPronoun([]byte(strings.ToLower(w)))
}

// foldHash is lowerKey(buf, w) and its FNV hash (fnv(2166136261, k)), in
// one pass over an ASCII word; ascii reports that path (w ASCII and at
// most len(buf) bytes), where k is w lower-cased byte by byte.
func foldHash(buf []byte, w string) (k []byte, h uint32, ascii bool) {
	if len(w) <= len(buf) {
		h = 2166136261
		for i := 0; i < len(w); i++ {
			c := w[i]
			if c >= utf8.RuneSelf {
				goto other
			}
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf[i] = c
			h = (h ^ uint32(c)) * 16777619
		}
		return buf[:len(w)], h, true
	}
other:
	k = lowerKey(buf, w)
	return k, fnv(2166136261, k), false
}

func isASCII(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] >= 0x80 {
			return false
		}
	}
	return true
}

// wordCacheBits sizes the word cache: 4096 entries, 128 KB.
const wordCacheBits = 12

// wordCache holds newDoc's wordFeats of words of up to 16 bytes, keyed
// by the bytes as written, direct-mapped: a word that lands on a used
// slot replaces it. Each scratch has its own, which lasts from one
// article to the next.
type wordCache struct {
	e    [1 << wordCacheBits]wordEntry
	long wordEntry // the slot of words longer than 16 bytes, never a hit
}

type wordEntry struct {
	lo, hi         uint64 // the word's bytes, little-endian, zero-padded
	n              uint8  // its length; 0: an empty slot
	shape, cls     uint8  // wordFeats, lexClass(flags)
	wh, suf, flags uint32 // wordFeats
}

// slot returns the slot of the word text[s:e] and whether it holds the
// word's wordFeats; if not, the caller fills them in. A word longer than
// 16 bytes gets a slot of its own that caches nothing.
func (c *wordCache) slot(text string, s, e int) (*wordEntry, bool) {
	n := e - s
	if n > 16 {
		return &c.long, false
	}
	var lo, hi uint64
	if s+16 <= len(text) {
		// Whole words from the text, then the bytes past the word
		// masked off.
		b := text[s : s+16]
		lo, hi = le64(b), le64(b[8:])
		if n < 8 {
			lo, hi = lo&(1<<(8*uint(n))-1), 0
		} else {
			hi &= 1<<(8*uint(n-8)) - 1 // n 16: 1<<64-1, all of it
		}
	} else {
		var b [16]byte
		copy(b[:], text[s:e])
		lo, hi = le64(string(b[:8])), le64(string(b[8:]))
	}
	x := &c.e[((lo^hi*0x9E3779B97F4A7C15)*0xBF58476D1CE4E5B9+uint64(n))>>(64-wordCacheBits)]
	if x.n == uint8(n) && x.lo == lo && x.hi == hi {
		return x, true
	}
	x.lo, x.hi, x.n = lo, hi, uint8(n)
	return x, false
}

// le64 reads the first 8 bytes of s little-endian (one load).
func le64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}
