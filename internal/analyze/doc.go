package analyze

import (
	"github.com/crosswire-news/crosswire/internal/model"
	"github.com/crosswire-news/crosswire/internal/textnorm"
)

// doc is the working state of one analysis. Everything lives here, never
// in package variables, so Article is safe for concurrent use.
type doc struct {
	text   string
	toks   []tok
	flags  []uint32
	sents  []model.Span
	quotes []quoteRegion
	units  [][2]int // token ranges: sentences joined where a quote spans them
	unitOf []int32  // token -> unit index
	uEnd   []int    // per unit: end with terminal punctuation trimmed
	nWord  []int32  // prefix counts: words before token i
	nQuote []int32  // prefix counts: quote marks before token i

	ments                   []mention
	ents                    []entity
	mentAt                  []int32 // token -> mention index+1 (0: none)
	proRef                  []int32 // token -> entity index+1 resolved for he/she pronouns
	byLast, byFirst, byName map[string]int

	rels []rel
	buf  [32]byte
}

// quoteRegion is a double-quoted stretch: open and close are the token
// indexes of its marks (close == -1 when never closed; then end is where
// the paragraph or text ended).
type quoteRegion struct {
	open, close int
	end         int // exclusive token index
}

func newDoc(text string) *doc {
	d := &doc{text: text}
	words := textnorm.Tokens(text)
	d.toks = tokenize(text, words, make([]tok, 0, len(words)*5/4+8))
	d.flags = make([]uint32, len(d.toks))
	for i, t := range d.toks {
		if t.kind == tkWord {
			d.flags[i] = lex(d.buf[:], text[t.s:t.e])
		}
	}
	d.sents = Sentences(text)
	d.markStarts()
	d.findQuotes()
	d.findUnits()
	return d
}

func (d *doc) word(i int) string { return d.text[d.toks[i].s:d.toks[i].e] }

func (d *doc) isWord(i int) bool { return i >= 0 && i < len(d.toks) && d.toks[i].kind == tkWord }

func (d *doc) isPunct(i int, c byte) bool {
	return i >= 0 && i < len(d.toks) && d.toks[i].kind == tkPunct && d.toks[i].e-d.toks[i].s == 1 && d.text[d.toks[i].s] == c
}

func (d *doc) has(i int, f uint32) bool { return i >= 0 && i < len(d.toks) && d.flags[i]&f != 0 }

// markStarts flags the first token of each sentence and of each line.
func (d *doc) markStarts() {
	si := 0
	lineStart := true
	prevEnd := 0
	for i := range d.toks {
		t := &d.toks[i]
		for k := prevEnd; k < int(t.s); k++ {
			if d.text[k] == '\n' || d.text[k] == '\r' {
				lineStart = true
				break
			}
		}
		if i == 0 {
			lineStart = true
		}
		t.para = lineStart
		lineStart = false
		prevEnd = int(t.e)
		for si < len(d.sents) && d.sents[si].End <= int(t.s) {
			si++
		}
		if si < len(d.sents) && int(t.s) >= d.sents[si].Start && (i == 0 || int(d.toks[i-1].s) < d.sents[si].Start) {
			t.sent = true
		}
	}
}

// findQuotes pairs double quote marks into regions. Straight marks toggle;
// curly marks say which way they face. A paragraph that leaves a quote
// open continues it into the next paragraph when that one opens with a
// quote mark (the newspaper convention); otherwise the region ends with
// its paragraph, so an unbalanced mark never swallows the article.
func (d *doc) findQuotes() {
	open := -1
	closeAt := func(end int) {
		d.quotes = append(d.quotes, quoteRegion{open: open, close: -1, end: end})
		open = -1
	}
	for i := range d.toks {
		t := d.toks[i]
		if t.para && open >= 0 && i > 0 {
			if t.kind == tkQuote && d.text[t.s:t.e] != "”" {
				continue // continuation mark of a multi-paragraph quote
			}
			closeAt(i)
		}
		if t.kind != tkQuote {
			continue
		}
		m := d.text[t.s:t.e]
		opens := false
		switch m {
		case "“", "„", "«", "‟":
			opens = true
		case "”", "»":
			opens = false
		default:
			opens = open < 0
		}
		if opens {
			if open < 0 {
				open = i
			}
			continue
		}
		if open >= 0 {
			d.quotes = append(d.quotes, quoteRegion{open: open, close: i, end: i + 1})
			open = -1
		}
	}
	if open >= 0 {
		closeAt(len(d.toks))
	}
	for qi, q := range d.quotes {
		for k := q.open; k < q.end; k++ {
			d.toks[k].quote = int32(qi + 1)
			if k != q.open && k != q.close {
				d.toks[k].inQ = true
			}
		}
	}
}

// findUnits joins sentences that a quote region spans, so that a
// multi-sentence quote and its attribution clause are analysed together.
func (d *doc) findUnits() {
	d.unitOf = make([]int32, len(d.toks))
	start := 0
	for i := range d.toks {
		t := d.toks[i]
		if i > start && t.sent && (t.quote == 0 || d.quotes[t.quote-1].open == i) {
			d.units = append(d.units, [2]int{start, i})
			start = i
		}
		d.unitOf[i] = int32(len(d.units))
	}
	if start < len(d.toks) {
		d.units = append(d.units, [2]int{start, len(d.toks)})
	}
	d.nWord = make([]int32, len(d.toks)+1)
	d.nQuote = make([]int32, len(d.toks)+1)
	for i, t := range d.toks {
		d.nWord[i+1], d.nQuote[i+1] = d.nWord[i], d.nQuote[i]
		switch t.kind {
		case tkWord:
			d.nWord[i+1]++
		case tkQuote:
			d.nQuote[i+1]++
		}
	}
	d.uEnd = make([]int, len(d.units))
	for u, rg := range d.units {
		d.uEnd[u] = d.trimEnd(rg[0], rg[1])
	}
}

// onlyPunct reports whether [a,b) holds no word and no quote mark.
func (d *doc) onlyPunct(a, b int) bool {
	return a >= b || (d.nWord[b] == d.nWord[a] && d.nQuote[b] == d.nQuote[a])
}

// hasQuoteMark reports whether [a,b) holds a double quote mark.
func (d *doc) hasQuoteMark(a, b int) bool { return b > a && d.nQuote[b] > d.nQuote[a] }

// span converts a token range to a byte span.
func (d *doc) span(a, b int) model.Span {
	if a >= b {
		return model.Span{}
	}
	s, e := int(d.toks[a].s), int(d.toks[b-1].e)
	return model.Span{Start: s, End: e, Text: d.text[s:e]}
}
