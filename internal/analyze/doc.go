package analyze

import (
	"sync"
	"unicode/utf8"

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
	sc   *scratch // per-token buffers, reused across calls via scratchPool
	buf  [32]byte
	keys [8]struct {
		tok int // token index+1 (0: empty)
		key string
	}
}

// quoteRegion is a double-quoted stretch: open and close are the token
// indexes of its marks (close == -1 when never closed; then end is where
// the paragraph or text ended).
type quoteRegion struct {
	open, close int
	end         int // exclusive token index
}

// scratch holds the per-token slices of one analysis. Article takes one
// from scratchPool and puts it back when done, so that a steady stream of
// articles does not allocate (and the collector does not clear) them
// each time; none of them is reachable from Article's results. Every
// slice is handed out zeroed, just as make would give it.
type scratch struct {
	toks                                         []tok
	words                                        []textnorm.Token // newDoc; emptied by release (they hold the text)
	flags                                        []uint32
	unitOf, nWord, nQuote, mentAt, proRef, byCue []int32
	tf                                           []tokFeat
	em                                           [][nLabels]int32 // tag: emission scores
	typeAt                                       []*typeEntry     // tag: each token's type entry
	extra                                        []typeEntry      // tag: entries the type cache could not hold
	types                                        *typeCache       // tag: lasts across calls
	words16                                      *wordCache       // newDoc: lasts across calls
	ruleLab, tagOut                              []uint8
	back                                         [][slotWidth]uint8 // tag: the back pointers of decode
	tagCue                                       []bool             // tagRelations
	unitHead, unitTail, relNext                  []int32            // tagRelations
	unitCnt                                      []uint8            // tagRelations
	// The entity maps, and word -> nameKey(word) (see keyAt). Emptied by
	// release, so that they hold no text between calls.
	byLast, byFirst, byName map[string]int
	folds                   map[string]string
	ents                    []entity
	ments                   []mention
	// Arrays that grow by append: kept here so the next call starts
	// with their capacity. rules holds the rule relations, rels the
	// final ones (tagRelations builds them anew).
	units  [][2]int
	uEnd   []int
	quotes []quoteRegion
	spans  []tspan
	uFirst []int32
	hasCue []bool
	rules  []rel
	rels   []rel
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// release empties what refers to the text, before sc goes back to the
// pool. The relation, entity and mention arrays are kept at the length
// the call used, so only that much is cleared. (What lies beyond a
// length is never read: appends overwrite it.)
func (sc *scratch) release() {
	clear(sc.words)
	sc.words = sc.words[:0]
	clear(sc.rules)
	clear(sc.rels)
	clear(sc.ents)
	clear(sc.ments)
	sc.rules, sc.rels, sc.ents, sc.ments = sc.rules[:0], sc.rels[:0], sc.ents[:0], sc.ments[:0]
	clear(sc.byLast)
	clear(sc.byFirst)
	clear(sc.byName)
	clear(sc.folds)
}

// zeroed returns s resized to n elements, all zero, reusing its array when
// it is large enough.
func zeroed[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n, n+n/4)
	}
	s = s[:n]
	clear(s)
	return s
}

func newDoc(text string, sc *scratch) *doc {
	d := &doc{text: text, sc: sc, units: sc.units[:0], quotes: sc.quotes[:0], rels: sc.rules[:0]}
	sc.words = textnorm.AppendTokens(sc.words[:0], text)
	words := sc.words
	if n := len(words)*5/4 + 8; cap(sc.toks) < n {
		sc.toks = make([]tok, 0, n)
	}
	d.toks = tokenize(text, words, sc.toks[:0])
	sc.toks = d.toks[:0]
	sc.flags = zeroed(sc.flags, len(d.toks))
	d.flags = sc.flags
	// One pass folds every token once: its lexicon flags, and the
	// tagger's features of a word alone (its tokType and shape), written
	// where tokenFeats will find them.
	sc.tf = zeroed(sc.tf, len(d.toks))
	toks, flags, tf := d.toks, d.flags[:len(d.toks)], sc.tf[:len(d.toks)]
	if sc.words16 == nil {
		sc.words16 = new(wordCache)
	}
	wc := sc.words16
	for i := range toks {
		t, f := &toks[i], &tf[i]
		if t.kind == tkWord {
			// What newDoc keeps of a word depends on its bytes alone: a
			// text repeats most of its words, and a stream of texts
			// most of theirs.
			e, ok := wc.slot(text, int(t.s), int(t.e))
			if !ok {
				e.wh, e.suf, e.flags, e.shape = d.wordFeats(text[t.s:t.e], t.cap)
				e.cls = lexClass(e.flags)
			}
			f.wh, f.suf, f.cls, f.shape, flags[i] = e.wh, e.suf, e.cls, e.shape, e.flags
			continue
		}
		k := []byte(text[t.s:t.e])
		if len(k) > 4 {
			k = k[:4]
		}
		f.wh = fnv(2166136261, k)
		if len(k) > 3 {
			f.suf = fnv(2166136261, k[len(k)-3:])
		} else {
			f.suf = f.wh
		}
	}
	d.sents = Sentences(text)
	d.markStarts()
	d.findQuotes()
	sc.quotes = d.quotes // complete: the next call reuses the array
	d.findUnits()
	return d
}

// wordFeats gives what newDoc keeps of a word w, which starts with an
// upper-case letter when cap: the hash of its folded form (the tagger's
// features start from it), the hash of that form's last three bytes (the
// whole form's when shorter), its lexicon flags, fSubj included, and its
// shape.
func (d *doc) wordFeats(w string, cap bool) (wh, suf, flags uint32, shape uint8) {
	k, h, ascii := foldHash(d.buf[:], w)
	wh, suf = h, h
	if len(k) > 3 {
		suf = fnv(2166136261, k[len(k)-3:])
	}
	flags = lexKey(k, h)
	if isSubjectPronoun(w, k, ascii) {
		flags |= fSubj
	}
	return wh, suf, flags, wordShape(w, cap)
}

func (d *doc) word(i int) string { return d.text[d.toks[i].s:d.toks[i].e] }

func (d *doc) isWord(i int) bool { return i >= 0 && i < len(d.toks) && d.toks[i].kind == tkWord }

func (d *doc) isPunct(i int, c byte) bool {
	return i >= 0 && i < len(d.toks) && d.toks[i].kind == tkPunct && d.toks[i].e-d.toks[i].s == 1 && d.text[d.toks[i].s] == c
}

func (d *doc) has(i int, f uint32) bool { return i >= 0 && i < len(d.toks) && d.flags[i]&f != 0 }

// markStarts flags the first token of each sentence: the first token at
// or after its start, if that lies before its end (sentences are in
// order and do not overlap). tokenize has flagged the line starts.
func (d *doc) markStarts() {
	toks := d.toks
	i := 0
	for _, s := range d.sents {
		for i < len(toks) && int(toks[i].s) < s.Start {
			i++
		}
		if i == len(toks) {
			break
		}
		if int(toks[i].s) < s.End {
			toks[i].sent = true
		}
	}
}

// findQuotes pairs double quote marks into regions. A mark faces the way
// its surroundings say (markOpens); where they do not tell, straight
// marks toggle and curly marks face the way they are drawn. A paragraph
// that leaves a quote open continues it into the next paragraph when that
// one opens with a quote mark (the newspaper convention); otherwise the
// region ends with its paragraph, so an unbalanced mark never swallows the
// article.
func (d *doc) findQuotes() {
	open := -1
	closeAt := func(end int) {
		d.quotes = append(d.quotes, quoteRegion{open: open, close: -1, end: end})
		open = -1
	}
	for i := range d.toks {
		t := &d.toks[i]
		if t.para && open >= 0 && i > 0 {
			if t.kind == tkQuote {
				continue // continuation mark of a multi-paragraph quote
			}
			closeAt(i)
		}
		if t.kind != tkQuote {
			continue
		}
		if d.markOpens(i, open < 0) {
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

// markOpens tells whether the quote mark at token i opens a quotation.
// Writers and keyboards draw curly marks the wrong way round (”Yes,” she
// said; „Ja“ in German), so the spacing decides first: a paragraph never
// starts by closing a quote, a mark with space before it and a word after
// it opens, and one glued to the word before it with space or
// punctuation after it closes. Otherwise a straight mark opens when no
// quote is open (toggle) and a curly one faces the way it is drawn.
func (d *doc) markOpens(i int, toggle bool) bool {
	t := &d.toks[i]
	if t.para {
		return true
	}
	if d.text[t.s] == '"' {
		return toggle
	}
	before, _ := utf8.DecodeLastRuneInString(d.text[:t.s])
	after, _ := utf8.DecodeRuneInString(d.text[t.e:])
	spaceBefore := isSpaceRune(before) || before == '(' || before == '['
	spaceAfter := int(t.e) == len(d.text) || isSpaceRune(after) || closesClause(after)
	switch {
	case spaceBefore && !spaceAfter:
		return true
	case spaceAfter && !spaceBefore:
		return false
	}
	switch d.text[t.s:t.e] {
	case "“", "„", "«", "‟":
		return true
	case "”", "»":
		return false
	}
	return toggle
}

// closesClause tells punctuation that follows a closing quote mark.
func closesClause(r rune) bool {
	switch r {
	case '.', ',', ';', ':', '!', '?', ')', ']':
		return true
	}
	return false
}

// findUnits joins sentences that a quote region spans, so that a
// multi-sentence quote and its attribution clause are analysed together.
func (d *doc) findUnits() {
	d.sc.unitOf = zeroed(d.sc.unitOf, len(d.toks))
	d.unitOf = d.sc.unitOf
	toks, unitOf := d.toks, d.unitOf[:len(d.toks)] // locals: d's fields are reloaded after each store
	start := 0
	for i := range toks {
		if t := &toks[i]; i > start && t.sent && (t.quote == 0 || d.quotes[t.quote-1].open == i) && !d.quoteTag(i) {
			d.units = append(d.units, [2]int{start, i})
			start = i
		}
		unitOf[i] = int32(len(d.units))
	}
	if start < len(d.toks) {
		d.units = append(d.units, [2]int{start, len(d.toks)})
	}
	d.sc.nWord = zeroed(d.sc.nWord, len(d.toks)+1)
	d.sc.nQuote = zeroed(d.sc.nQuote, len(d.toks)+1)
	d.nWord, d.nQuote = d.sc.nWord, d.sc.nQuote
	var nw, nq int32
	nWord, nQuote := d.nWord[1:len(toks)+1], d.nQuote[1:len(toks)+1]
	for i := range toks {
		switch toks[i].kind {
		case tkWord:
			nw++
		case tkQuote:
			nq++
		}
		nWord[i], nQuote[i] = nw, nq
	}
	d.sc.units = d.units // no more appends: the next call reuses the array
	d.sc.uEnd = zeroed(d.sc.uEnd, len(d.units))
	d.uEnd = d.sc.uEnd
	for u, rg := range d.units {
		d.uEnd[u] = d.trimEnd(rg[0], rg[1])
	}
}

// quoteTag tells a sentence start at i that is the speech tag of the
// quotation just before it, which the sentence splitter cut off after its
// question or exclamation mark: `"Why now?" Marsh asked.`
func (d *doc) quoteTag(i int) bool {
	if i < 2 || d.toks[i].para || d.toks[i-1].kind != tkQuote || d.toks[i-1].quote == 0 ||
		d.quotes[d.toks[i-1].quote-1].close != i-1 || !(d.isPunct(i-2, '?') || d.isPunct(i-2, '!')) {
		return false
	}
	// A cue among the first few words, before any punctuation.
	for k := i; k < i+5 && d.isWord(k); k++ {
		if d.has(k, fCue) {
			return true
		}
	}
	return false
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
