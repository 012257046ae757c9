package analyze

import (
	"encoding/binary"
	"unicode/utf8"

	"github.com/crosswire-news/crosswire/internal/model"
)

// Sentences splits text into sentence spans (byte offsets into text, edges
// trimmed of white space). A line break always ends a sentence: in news
// text a line is a paragraph, and a quote paragraph is its own unit. A
// period ends a sentence when white space and then a capital, digit or
// opening quote follow and the word before it is not a known abbreviation
// ("Mr.", "Sen.", "U.S."). One pass, no regexp: linear in len(text).
func Sentences(text string) []model.Span {
	var out []model.Span
	start := 0
	emit := func(end int) {
		s, e := trimSpace(text, start, end)
		if e > s {
			out = append(out, model.Span{Start: s, End: e, Text: text[s:e]})
		}
	}
	for i := 0; i < len(text); {
		// Most bytes are none of the cases below: skip them in a tight loop.
		i = skipPlain(text, i)
		if i == len(text) {
			break
		}
		c := text[i]
		switch {
		case c == '\n' || c == '\r':
			emit(i)
			i++
			start = i
			continue
		case c == '.' || c == '!' || c == '?':
			j := i + 1
			// Runs of terminators ("?!", "...") and closing quotes or
			// brackets belong to the sentence they end.
			for j < len(text) {
				if text[j] == '.' || text[j] == '!' || text[j] == '?' || text[j] == '"' || text[j] == '\'' || text[j] == ')' {
					j++
					continue
				}
				if r, n := utf8.DecodeRuneInString(text[j:]); r == '”' || r == '’' {
					j += n
					continue
				}
				break
			}
			if n := hSpace(text, j); n > 0 {
				k := j
				for n > 0 {
					k += n
					n = hSpace(text, k)
				}
				if k < len(text) && startsSentence(text[k:]) && !(c == '.' && isAbbrevBefore(text, i)) {
					emit(j)
					start = k
					i = k
					continue
				}
			}
			i = j
			continue
		}
		i++
	}
	emit(len(text))
	return out
}

// sentenceByte marks the bytes Sentences acts on.
var sentenceByte = [256]bool{'\n': true, '\r': true, '.': true, '!': true, '?': true}

// skipPlain returns the index of the first sentenceByte in text at or
// after i, or len(text). It tests 8 bytes at a time (such bytes are rare
// in prose, about one a sentence): x has a zero byte exactly when
// (x-0x01..01) &^ x & 0x80..80 is not zero, and x^b*0x01..01 has one
// where x holds byte b. The byte loop settles the block that holds one.
func skipPlain(text string, i int) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	hasByte := func(x uint64, b byte) uint64 {
		y := x ^ uint64(b)*ones
		return (y - ones) &^ y & highs
	}
	for ; i+8 <= len(text); i += 8 {
		x := binary.LittleEndian.Uint64([]byte(text[i : i+8]))
		if hasByte(x, '.')|hasByte(x, '\n')|hasByte(x, '\r')|hasByte(x, '!')|hasByte(x, '?') != 0 {
			break
		}
	}
	for i < len(text) && !sentenceByte[text[i]] {
		i++
	}
	return i
}

// hSpace returns the length of the space, tab or no-break space at
// text[i], else 0: pages often put a no-break space after a period.
func hSpace(text string, i int) int {
	switch {
	case i >= len(text):
		return 0
	case text[i] == ' ' || text[i] == '\t':
		return 1
	case text[i] == 0xC2 && i+1 < len(text) && text[i+1] == 0xA0:
		return 2
	}
	return 0
}

// startsSentence reports whether s opens like a sentence.
func startsSentence(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	switch r {
	case '"', '“', '‘', '\'', '(', '[', '—', '-':
		return true
	}
	return isUpper(r) || (r >= '0' && r <= '9')
}

// isAbbrevBefore reports whether the period at text[dot] closes an
// abbreviation rather than a sentence.
func isAbbrevBefore(text string, dot int) bool {
	j := dot
	for j > 0 && isASCIILetter(text[j-1]) {
		j--
	}
	w := text[j:dot]
	if len(w) == 0 {
		return false
	}
	if len(w) == 1 && w[0] >= 'A' && w[0] <= 'Z' {
		return true // initials: "J. Smith", "U.S." (inner periods)
	}
	if j > 0 && text[j-1] == '.' {
		return true // "U.S." "a.m." last piece
	}
	_, ok := abbreviations[w]
	return ok
}

var abbreviations = map[string]struct{}{}

func init() {
	for _, w := range []string{"Mr", "Mrs", "Ms", "Dr", "Prof", "Sen", "Rep", "Gov", "Lt", "Gen", "Col", "Sgt", "Capt",
		"Cmdr", "Adm", "Maj", "St", "Jr", "Sr", "Rev", "Hon", "Pres", "Supt", "Det", "Insp", "Atty", "Amb", "Sec",
		"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
		"Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun",
		"No", "vs", "etc", "approx", "Inc", "Corp", "Co", "Ltd", "Bros", "Mt", "Ft", "Ave", "Blvd", "Calif", "Fla",
		"Mass", "Penn", "Wash", "Ariz", "Colo", "Conn", "Ill", "Ind", "Kan", "Mich", "Minn", "Miss", "Nev", "Okla", "Ore",
		"Tenn", "Tex", "Va", "Vt", "Wis", "Wyo", "Ala", "Ark", "Del", "Ga", "Ky", "La", "Md", "Mo", "Neb", "Pa"} {
		abbreviations[w] = struct{}{}
	}
}

func trimSpace(text string, s, e int) (int, int) {
	for s < e {
		r, n := utf8.DecodeRuneInString(text[s:e])
		if !isSpaceRune(r) {
			break
		}
		s += n
	}
	for e > s {
		r, n := utf8.DecodeLastRuneInString(text[s:e])
		if !isSpaceRune(r) {
			break
		}
		e -= n
	}
	return s, e
}

// isSpaceRune tells white space and the invisible direction marks
// (U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) that pasted text carries:
// neither is a token, so a quote mark after one still starts its line.
func isSpaceRune(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\v', '\f', 0x85, 0xA0, 0x2028, 0x2029, 0x3000, 0xFEFF, 0x200E, 0x200F:
		return true
	}
	return r < 0x20 || (r >= 0x2000 && r <= 0x200B) || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069)
}

func isASCIILetter(c byte) bool { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') }
