package analyze

import (
	"strings"

	"github.com/crosswire-news/crosswire/internal/model"
)

// rel is an attribution relation in token ranges.
type rel struct {
	kind   string
	parts  [][2]int // content pieces, in text order
	cue    [2]int
	src    [2]int // src[0] < 0: no source mention
	clause [2]int // source+cue tokens, cut out of other relations' content
	unit   int
	// inherit: no source of its own; the speaker is the previous
	// relation's ("..., adding that ...", a bare quote paragraph).
	inherit  bool
	reported bool // "according to", "citing"
	// nested: a report whose content is the relation before it and its
	// clause ("“A,” X said, according to Y").
	nested  bool
	speaker string
	role    string
	skind   string
}

var noSrc = [2]int{-1, -1}

// tellVerbs take an object before their content ("told reporters that").
var tellVerbs = map[string]bool{"told": true, "tell": true, "tells": true, "telling": true, "informed": true,
	"assured": true, "warned": true, "reminded": true, "asked": true, "urged": true, "advised": true}

var nounDet = map[string]bool{"the": true, "a": true, "an": true, "this": true, "that": true, "his": true, "her": true,
	"their": true, "its": true, "our": true, "my": true, "your": true, "whose": true, "new": true, "latest": true}

// subjectPronoun reports whether the lower-cased word w is a subject
// pronoun. A switch, not a map: it is asked of nearly every word.
func subjectPronoun(w []byte) bool {
	switch string(w) {
	case "he", "she", "they", "it", "i", "we", "you":
		return true
	}
	return false
}

// findRelations runs the attribution rules over every unit.
func (d *doc) findRelations() {
	for u, rg := range d.units {
		first := len(d.rels)
		for i := rg[0]; i < rg[1]; i++ {
			if d.toks[i].quote != 0 || d.toks[i].kind != tkWord {
				continue
			}
			if len(d.rels) > first && i < d.rels[len(d.rels)-1].clause[1] {
				continue
			}
			// A cue inside the previous relation's content is part of
			// what was said, unless it opens a clause of its own: "...,
			// according to X", "..., and Y said", "... and said ...".
			if len(d.rels) > first && d.inContent(d.rels[len(d.rels)-1], i) && d.flags[i]&(fAccording|fCiting) == 0 && !d.newClause(i, rg[0]) {
				if d.flags[i]&fCuePast != 0 && d.isWord(i-1) && strings.EqualFold(d.word(i-1), "and") {
					d.andRel(u, i, first)
				}
				continue
			}
			f := d.flags[i]
			switch {
			case f&fAccording != 0 && d.isWord(i+1) && strings.EqualFold(d.word(i+1), "to"):
				d.reportedRel(u, i, i+2, first)
			case f&fCiting != 0 && d.isPunct(i-1, ','):
				d.reportedRel(u, i, i+1, first)
			case f&fCue != 0 && !d.inName(i):
				d.cueRel(u, i, first)
			}
		}
		d.cutOverlaps(first)
		d.bareQuotes(u, first)
		for x := first; x < len(d.rels); x++ {
			r := &d.rels[x]
			if r.kind == "" && len(r.parts) > 0 {
				r.kind = d.kindOf(r)
				if r.reported && r.kind == model.KindIndirect {
					r.kind = model.KindReported
				}
			}
		}
	}
}

// chunkRight returns the noun phrase starting at k: a pronoun or up to 12
// words stopping at punctuation, a clause word or a verb.
func (d *doc) chunkRight(k, ub int) (int, int, bool) {
	if !d.isWord(k) || k >= ub || d.toks[k].quote != 0 {
		return 0, 0, false
	}
	if subjectPronoun(lowerKey(d.buf[:], d.word(k))) {
		return k, k + 1, true
	}
	e := k
	for e < ub && e-k < 12 && d.toks[e].quote == 0 {
		if d.isWord(e) {
			if e > k && (d.has(e, fClause) && !d.andInName(e) || d.has(e, fCue) && !d.has(e, fTitle|fPersonN|fDoc) || d.has(e, fSkip) && !d.toks[e].cap) {
				break
			}
			e++
			continue
		}
		// "U.S.", and an abbreviated title or initial before a name:
		// "said Sen. Ana Ruiz", "Mary J. Blige".
		if d.isPunct(e, '.') && e > k && e+1 < len(d.toks) && (d.toks[e].e == d.toks[e+1].s ||
			d.toks[e-1].e == d.toks[e].s && (d.has(e-1, fTitle) || d.toks[e-1].e-d.toks[e-1].s <= 2) && d.isWord(e+1) && d.toks[e+1].cap && !d.toks[e+1].sent) {
			e++
			continue
		}
		break
	}
	return k, e, e > k && d.nounish(k, e)
}

// andInName allows "and" inside "current and former city officials" or
// "Smith and Jones".
func (d *doc) andInName(e int) bool {
	w := d.word(e)
	return (w == "and" || w == "or") && d.isWord(e-1) && d.isWord(e+1) && !d.isSubjPron(e+1) &&
		!d.has(e+1, fCue|fSkip) // "... and said": a second verb, not a longer name
}

// nounish reports whether [a,b) can name a source.
func (d *doc) nounish(a, b int) bool {
	for x := a; x < b; x++ {
		if d.isWord(x) && ((d.toks[x].cap && !d.has(x, fStop)) || d.has(x, fGroup|fPersonN|fTitle|fDoc|fOrg|fPub)) {
			return true
		}
	}
	h := b - 1
	return d.isWord(h) && !d.has(h, fStop|fPrep) && d.hasDet(a, b)
}

func (d *doc) hasDet(a, b int) bool {
	for x := a; x < b; x++ {
		if d.has(x, fDet) {
			return true
		}
	}
	return false
}

// chunkLeft returns the noun phrase ending at token j (inclusive).
func (d *doc) chunkLeft(j, ua int) (int, int, bool) {
	if !d.isWord(j) || d.toks[j].quote != 0 {
		return 0, 0, false
	}
	if subjectPronoun(lowerKey(d.buf[:], d.word(j))) {
		return j, j + 1, true
	}
	a := j
	for a-1 >= ua && j-a < 11 {
		p := a - 1
		if d.toks[p].quote != 0 {
			break
		}
		if d.isWord(p) {
			if d.has(p, fClause) && !d.andInName(p) || d.has(p, fCue) && !d.has(p, fTitle|fPersonN|fDoc) || d.isSubjPron(p) {
				break
			}
			a = p
			continue
		}
		if d.isPunct(p, '.') && d.isWord(p-1) && d.toks[p-1].e == d.toks[p].s && (d.has(p-1, fTitle) || d.toks[p-1].e-d.toks[p-1].s <= 2) {
			a = p
			continue
		}
		break
	}
	// Drop a leading adverbial ("On Monday the mayor", "Later, ...").
	for a < j && (d.has(a, fPrep|fTime) || d.has(a, fSkip)) && !d.toks[a].cap || (a < j && d.has(a, fPrep) && d.toks[a].sent) {
		a++
		for a < j && d.has(a, fTime) {
			a++
		}
	}
	return a, j + 1, d.nounish(a, j+1)
}

// leftSource finds the speaker before a cue at i: skips adverbs and
// auxiliaries, then takes the noun phrase, with an appositive when there
// is one ("Tomás Herrera, a former ambassador, said") of fewer than
// appositiveReach words.
func (d *doc) leftSource(i, ua int) ([2]int, bool) { return d.leftSourceApp(i, ua, appositiveReach) }

// appositiveReach bounds the appositive leftSource takes, in words plus
// one: the rules the tagger was trained on reach this far.
const appositiveReach = 18

// leftSourceApp is leftSource with appositives of up to maxApp-1 words;
// beyond appositiveReach only a relative clause ("Ana Ruiz, who ran the port when it
// closed in the storm, said").
func (d *doc) leftSourceApp(i, ua, maxApp int) ([2]int, bool) {
	j := i - 1
	for n := 0; j >= ua && n < 4 && d.isWord(j) && d.has(j, fSkip) && !d.isSubjPron(j); n++ {
		j--
	}
	if j >= ua+1 && d.has(j, fTime) && d.has(j-1, fPrep) {
		j -= 2
	}
	if j < ua {
		return noSrc, false
	}
	if d.isPunct(j, ',') {
		// Appositive: NAME , role words , CUE
		k := j - 1
		for k > ua && j-k < maxApp && (d.isWord(k) || d.isApos(k)) && d.toks[k].quote == 0 && !d.toks[k].sent { // "Sanders’ campaign manager"
			k--
		}
		rel := d.isWord(k+1) && (strings.EqualFold(d.word(k+1), "who") || strings.EqualFold(d.word(k+1), "which") ||
			maxApp > appositiveReach && strings.EqualFold(d.word(k+1), "whose")) // the longer reach: the tagger was trained without it
		if k > ua && d.isPunct(k, ',') && k+1 < j && (j-k <= appositiveReach || rel) && (d.has(k+1, fDet|fTitle|fPersonN) || !d.toks[k+1].cap || d.possessive(k+1)) && (!d.has(k+1, fClause) || rel) {
			if a, _, ok := d.chunkLeft(k-1, ua); ok && (d.mentAt[k-1] != 0 || d.has(k-1, fPersonN|fGroup|fTitle|fOrg|fDoc|fPub)) {
				return [2]int{a, j}, true
			}
		}
		return noSrc, false
	}
	if !d.isWord(j) || d.has(j, fPrep) {
		return noSrc, false
	}
	a, b, ok := d.chunkLeft(j, ua)
	if !ok {
		return noSrc, false
	}
	return [2]int{a, b}, true
}

// trimEnd drops terminal punctuation (not quote marks) at the end of a
// unit.
func (d *doc) trimEnd(a, b int) int {
	for b > a && d.toks[b-1].kind == tkPunct {
		b--
	}
	return b
}

// skipAdverbial skips "on Monday", "in a statement", "in an interview with
// X" after a cue; it returns the token after it.
func (d *doc) skipAdverbial(p, ub int) int {
	q := p
	for n := 0; q < ub && n < 8 && d.isWord(q) && d.toks[q].quote == 0; n++ {
		if n == 0 && !d.has(q, fPrep|fTime) {
			return p
		}
		if d.has(q, fClause) || (d.has(q, fCue) && !d.has(q, fDoc)) {
			break
		}
		q++
	}
	if q == p {
		return p
	}
	return q
}

// cueRel builds the relation of a speech verb at i.
func (d *doc) cueRel(u, i, first int) {
	ua, ub := d.units[u][0], d.units[u][1]
	var lb [32]byte
	if d.isWord(i-1) && nounDet[string(lowerWord(lb[:], d.word(i-1)))] {
		return // "the report", "a statement": a noun, not a cue
	}
	if d.has(i+1, fCuePast) && d.has(i, fDoc) {
		return // "a Tidewater report said": the noun of the next cue's source
	}
	src, ok := d.leftSource(i, ua)
	cueEnd := i + 1
	var wb [32]byte
	w := string(lowerWord(wb[:], d.word(i))) // does not escape: no allocation
	if (w == "pointed" || w == "points" || w == "point") && d.isWord(i+1) && strings.EqualFold(d.word(i+1), "out") {
		cueEnd = i + 2
	}
	ca, cb := i, cueEnd
	if ok {
		ca = src[0]
	} else {
		// Inverted: "..., said the mayor." / "..., said Ruiz".
		if (d.isPunct(i-1, ',') || (i-1 >= ua && d.toks[i-1].kind == tkQuote) || i == ua) && !strings.HasSuffix(w, "ing") {
			// Not "said in a statement": a phrase, not the speaker.
			if a, b, ok2 := d.chunkRight(cueEnd, ub); ok2 && !d.has(a, fPrep) && (b >= ub || d.toks[b].kind != tkWord) {
				// "said Dan Pike, a city hall spokesperson." keeps the appositive.
				if d.isPunct(b, ',') {
					e := d.uEnd[u]
					clean := e-b <= 20
					for k := b + 1; k < e && clean; k++ {
						if d.toks[k].kind != tkWord && !d.isApos(k) || (d.has(k, fCue) && !d.has(k, fTitle|fPersonN|fDoc)) && k > b+2 {
							clean = false
						}
					}
					if clean && e > b+1 {
						b = e
					}
				}
				src, ok = [2]int{a, b}, true
				cb = b
			}
		}
	}
	inherit := false
	if !ok {
		// "..., adding that ...": the speaker is the previous relation's.
		if strings.HasSuffix(w, "ing") && d.isPunct(i-1, ',') && len(d.rels) > 0 {
			inherit = true
			src = noSrc
		} else {
			return
		}
	}
	post := cb
	if ok && src[0] < i && tellVerbs[w] {
		if d.isWord(post) && (d.has(post, fObj) || d.toks[post].cap || (d.has(post, fHe|fShe|fThey|fFirstP) && !d.isSubjPron(post))) {
			post++
			for post < ub && d.isWord(post) && (d.toks[post].cap || d.has(post, fObj)) && !d.has(post, fClause) {
				post++
			}
		} else if d.has(post, fDet) {
			for k := post; k < ub && k-post < 6 && d.isWord(k); k++ {
				if strings.EqualFold(d.word(k), "that") {
					post = k
					break
				}
			}
		}
	}
	d.addRel(u, first, ca, cb, post, [2]int{i, cueEnd}, src, inherit, ua, ub)
}

// reportedRel builds "according to X" (cue [i,ce)) and ", citing X".
func (d *doc) reportedRel(u, i, ce, first int) {
	ua, ub := d.units[u][0], d.units[u][1]
	a, b, ok := d.chunkRight(ce, ub)
	if !ok {
		return
	}
	// "according to a report by the agency": keep the phrase whole.
	for b < ub && d.isWord(b) && (strings.EqualFold(d.word(b), "by") || strings.EqualFold(d.word(b), "from") || strings.EqualFold(d.word(b), "of")) {
		_, b2, ok2 := d.chunkRight(b+1, ub)
		if !ok2 {
			break
		}
		b = b2
	}
	n := len(d.rels)
	d.addRel(u, first, i, b, b, [2]int{i, ce}, [2]int{a, b}, false, ua, ub)
	if len(d.rels) > n {
		d.rels[n].reported = true
	}
}

// addRel decides where the content is around the clause [ca,cb) and adds
// the relation. post is where the text after the clause starts.
func (d *doc) addRel(u, first, ca, cb, post int, cue, src [2]int, inherit bool, ua, ub int) {
	end := d.uEnd[u]
	from := ua
	if len(d.rels) > first {
		if last := d.rels[len(d.rels)-1]; !d.inContent(last, ca) {
			from = last.clause[1]
		}
	}
	preQuote := ca-1 >= from && d.toks[ca-1].kind == tkQuote && d.toks[ca-1].quote != 0 && d.quotes[d.toks[ca-1].quote-1].close == ca-1
	preComma := ca-1 > from && (d.isPunct(ca-1, ',') || d.isDash(ca-1) || d.isPunct(ca-1, '-'))
	p := d.skipAdverbial(post, ub)
	postEnd := p >= end
	postComma := !postEnd && (d.isPunct(p, ',') || d.isDash(p))
	var parts [][2]int
	if (preComma || preQuote) && (postEnd || postComma) {
		pe := ca - 1
		if preQuote {
			pe = ca
		}
		if pe > from {
			parts = append(parts, [2]int{from, pe})
		}
		// A second piece after the clause: a split quote, or the rest of
		// a sentence whose subject came before ("The plan, she said, was
		// dead"), not a new coordinate clause ("..., and was paid for").
		if postComma && p+1 < end && !d.has(p+1, fClause) {
			if d.toks[p+1].kind == tkQuote || (pe-from <= 6 && !preQuote) {
				parts = append(parts, [2]int{p + 1, end})
			}
		}
	} else if !postEnd {
		// The content keeps its "that" (as PolNeAR annotates it: the
		// reported clause is "that ..."), not the adverbials before it.
		s := post
		if d.isWord(s) && strings.EqualFold(d.word(s), "that") {
		} else if d.isPunct(s, ':') || d.isPunct(s, ',') {
			s++
		} else {
			// "said on Monday that ...": content starts at "that".
			for k := s; k < end && k-s < 8 && d.isWord(k) && d.toks[k].quote == 0; k++ {
				if strings.EqualFold(d.word(k), "that") {
					s = k
					break
				}
			}
		}
		if s < end {
			parts = append(parts, [2]int{s, end})
		}
	}
	if len(parts) == 0 {
		return
	}
	d.rels = append(d.rels, rel{parts: parts, cue: cue, src: src, clause: [2]int{ca, cb}, unit: u, inherit: inherit})
}

// kindOf tells direct, partial and indirect speech apart by the quote
// marks in the content.
func (d *doc) kindOf(r *rel) string {
	direct, marks := true, false
	for _, p := range r.parts {
		a, b := p[0], p[1]
		q := d.toks[a].quote
		if q != 0 && d.quotes[q-1].open == a {
			qe := d.quotes[q-1].end
			if qe >= b || d.onlyPunct(qe, b) {
				marks = true
				continue
			}
		}
		direct = false
		if d.hasQuoteMark(a, b) {
			marks = true
		}
	}
	switch {
	case direct && marks:
		return model.KindDirect
	case marks:
		return model.KindPartial
	}
	return model.KindIndirect
}

// cutOverlaps ends a relation's content where a later relation's clause
// begins in the same unit ("X said A, and Y said B").
func (d *doc) cutOverlaps(first int) {
	for x := first; x < len(d.rels); x++ {
		// Clauses come in text order, so the next few relations are the
		// only ones that can start inside x's content; the bound keeps a
		// sentence of a million cues linear.
		for y := x + 1; y < len(d.rels) && y <= x+8; y++ {
			c := d.rels[y].clause[0]
			ps := d.rels[x].parts
			for pi := range ps {
				if ps[pi][0] < c && c < ps[pi][1] {
					e := c
					for e > ps[pi][0] && (d.toks[e-1].kind == tkPunct || d.has(e-1, fClause)) {
						e--
					}
					ps[pi][1] = e
				}
			}
			keep := ps[:0]
			for _, p := range ps {
				if p[1] > p[0] {
					keep = append(keep, p)
				}
			}
			d.rels[x].parts = keep
		}
	}
}

// bareQuotes turns a unit that is only a quotation, with no cue of its
// own, into a direct quote by the speaker of the sentence before.
func (d *doc) bareQuotes(u, first int) {
	if len(d.rels) > first {
		return
	}
	ua, ub := d.units[u][0], d.units[u][1]
	q := d.toks[ua].quote
	if q == 0 || d.quotes[q-1].open != ua {
		return
	}
	qr := d.quotes[q-1]
	if !d.onlyPunct(qr.end, ub) || qr.end-qr.open < 4 {
		return
	}
	// `"A," she said. "B."`: B continues the quotation of the sentence
	// before, so it is one more piece of that relation (as a split quote).
	if n := len(d.rels); n > 0 && d.rels[n-1].unit == u-1 && d.rels[n-1].src[0] >= 0 && len(d.rels[n-1].parts) < 8 {
		if p := d.rels[n-1]; p.kind == model.KindDirect || d.toks[p.parts[0][0]].kind == tkQuote {
			d.rels[n-1].parts = append(d.rels[n-1].parts, [2]int{ua, qr.end})
			return
		}
	}
	d.rels = append(d.rels, rel{kind: model.KindDirect, parts: [][2]int{{ua, qr.end}}, cue: [2]int{ua, ua},
		src: noSrc, clause: [2]int{ua, ua}, unit: u, inherit: true})
}

func (d *doc) isDash(i int) bool {
	if i < 0 || i >= len(d.toks) || d.toks[i].kind != tkPunct {
		return false
	}
	switch d.text[d.toks[i].s:d.toks[i].e] {
	case "—", "–", "-":
		return true
	}
	return false
}

func (d *doc) inContent(r rel, i int) bool {
	for _, p := range r.parts {
		if p[0] <= i && i < p[1] {
			return true
		}
	}
	return false
}

// newClause reports whether the cue at i starts a coordinate clause with
// its own speaker ("..., and Ruiz said ...") rather than sitting inside
// the reported content.
func (d *doc) newClause(i, ua int) bool {
	src, ok := d.leftSource(i, ua)
	if !ok {
		return false
	}
	p := src[0] - 1
	if p < ua {
		return false
	}
	if d.isPunct(p, ';') {
		return true
	}
	if d.isPunct(p, ',') && d.uEnd[d.unitOf[i]] == i+1 {
		return true // "..., Reuters reported." closes the sentence
	}
	if d.isWord(p) {
		var wb [32]byte
		w := lowerWord(wb[:], d.word(p))
		if (string(w) == "and" || string(w) == "but" || string(w) == "while" || string(w) == "whereas") && d.isPunct(p-1, ',') {
			return true
		}
	}
	return false
}

// andRel is "X called it A and said B": a second cue sharing the subject
// of the relation before it.
func (d *doc) andRel(u, i, first int) {
	ua, ub := d.units[u][0], d.units[u][1]
	n := len(d.rels)
	d.addRel(u, first, i-1, i+1, i+1, [2]int{i, i + 1}, noSrc, true, ua, ub)
	if len(d.rels) > n {
		d.rels[n].clause = [2]int{i - 1, i + 1}
	}
}

// possessive tells a word ending in 's or followed by an apostrophe:
// "Okafor's aide", "Sanders’ campaign manager".
func (d *doc) possessive(i int) bool {
	w := d.word(i)
	return d.isApos(i+1) || strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s")
}

// isApos reports an apostrophe token ("workers' union").
func (d *doc) isApos(i int) bool {
	if i < 0 || i >= len(d.toks) || d.toks[i].kind != tkPunct {
		return false
	}
	m := d.text[d.toks[i].s:d.toks[i].e]
	return m == "'" || m == "’"
}

// inName tells a capitalised publication or document word that ends a
// name ("The Washington Post", "the Drudge Report"): not a cue, though
// "post" and "report" are verbs too.
func (d *doc) inName(i int) bool {
	return i > 0 && d.has(i, fPub|fDoc) && d.toks[i].cap && !d.toks[i].sent && !d.toks[i].para &&
		d.isWord(i-1) && d.toks[i-1].cap && !d.has(i-1, fStop) && !d.toks[i-1].sent
}
