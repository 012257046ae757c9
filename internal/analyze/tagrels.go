package analyze

import (
	"cmp"
	"slices"
	"strings"
)

// tspan is a tagged span: label lBS, lBC or lBT; tokens [a,b).
type tspan struct {
	lab  uint8
	a, b int
	used bool
	cue  int32 // content: the nearest cue span in its unit, +1 (0: none)
}

// spansOf reads spans off BIO labels.
func (d *doc) spansOf(lab []uint8) []tspan {
	out := d.sc.spans[:0]
	defer func() { d.sc.spans = out[:0] }()
	for i := 0; i < len(lab); {
		l := lab[i]
		if l == lO {
			i++
			continue
		}
		B := l
		if l == lIS || l == lIC || l == lIT {
			B = l - 1
		}
		j := i + 1
		for j < len(lab) && lab[j] == B+1 && !d.toks[j].para {
			j++
		}
		a, b := i, j
		// Trim punctuation at the edges (quote marks stay with content).
		for a < b && d.toks[a].kind == tkPunct {
			a++
		}
		for b > a && d.toks[b-1].kind == tkPunct {
			b--
		}
		if b > a {
			out = append(out, tspan{lab: B, a: a, b: b})
		}
		i = j
	}
	return out
}

// sourceBefore returns the tagged source span, taken or not, that ends
// right before cue token c with only punctuation between, searching the
// spans of c's unit from first (at most 64); -1 when there is none.
func (d *doc) sourceBefore(spans []tspan, first int32, c int) int {
	if first < 0 {
		return -1
	}
	for si := int(first); si < len(spans) && si < int(first)+64 && spans[si].a < c; si++ {
		if spans[si].lab == lBS && spans[si].b <= c && d.onlyPunct(spans[si].b, c) && spans[si].used {
			return si
		}
	}
	return -1
}

// participle tells a cue that is a present participle after a comma:
// "Okafor rejected the plan, saying ...".
func (d *doc) participle(c int) bool {
	if c < 1 || !d.isWord(c) || !d.commaBefore(c) {
		return false
	}
	w := d.word(c)
	return len(w) > 4 && strings.HasSuffix(w, "ing")
}

// commaBefore tells a comma just before token c, also one inside a
// closing quote mark: 'called it a "scam," saying ...'.
func (d *doc) commaBefore(c int) bool {
	if c >= 2 && d.toks[c-1].kind == tkQuote {
		c--
	}
	return d.isPunct(c-1, ',')
}

// invertedSource finds the speaker named after a cue that follows a
// closing quote: '"...," reacted Okafor.', '"...," read the statement.'
// Tokens [a,b) are the cue; noSrc when there is none.
func (d *doc) invertedSource(a, b int) [2]int {
	if a < 1 || b >= len(d.toks) || d.toks[a-1].kind != tkQuote || d.toks[b].para {
		return noSrc
	}
	// ends tells a speaker that ends its sentence at token e.
	ends := func(e int) bool { return e >= len(d.toks) || !d.isWord(e) || d.toks[e].sent }
	switch m := d.mentAt[b]; {
	case m != 0 && d.ments[m-1].a == b:
		if e := d.ments[m-1].b; ends(e) {
			return [2]int{b, e}
		}
	case d.isSubjPron(b):
		if ends(b + 1) {
			return [2]int{b, b + 1}
		}
		return noSrc
	case d.has(b, fDet) && d.has(b+1, fDoc|fPub) && !d.toks[b+1].para:
		if ends(b + 2) {
			return [2]int{b, b + 2}
		}
	}
	// A description before the name: '"...," mused longtime harbour
	// pilot Dan Pike.', '"...," said Tribune co-host Stu Barnard.'
	for k := b + 1; k < len(d.toks) && k <= b+6 && d.isWord(k-1) && !d.toks[k].para && !d.has(k-1, fClause|fCue|fPrep|fSubj); k++ {
		if m := d.mentAt[k]; m != 0 && d.ments[m-1].a == k {
			if e := d.ments[m-1].b; ends(e) {
				return [2]int{b, e}
			}
			break
		}
	}
	return noSrc
}

// coordinated tells a cue that shares its subject with the clause before
// it: "He denied the charge and said ...", "..., but added ...".
func (d *doc) coordinated(c int) bool {
	if c < 1 {
		return false
	}
	k := c - 1
	if d.has(k, fSkip) && k > 0 { // "and later said"
		k--
	}
	// "but in a later interview said", "and on Tuesday said": a phrase
	// of a preposition and a few words without a name.
	for p := k; p > 0 && p > k-5 && d.isWord(p) && (!d.toks[p].cap || d.has(p, fTime)) && !d.has(p, fSubj|fClause); p-- {
		if d.has(p, fPrep) {
			k = p - 1
			break
		}
	}
	switch strings.ToLower(d.word(k)) {
	case "and", "but":
		return true
	}
	return false
}

// prevSource returns the source of the relation just before cue c in unit
// u (the tagger's relations so far), or noSrc. A relation inside a noun
// phrase ("a lawsuit filed by a staffer alleging that ...", its cue a
// participle right after its source) is not the main clause: the one
// before it is.
func (d *doc) prevSource(c int, u int32) [2]int {
	for i := len(d.rels) - 1; i >= 0 && i >= len(d.rels)-2; i-- { // the last two
		p := d.rels[i]
		if p.unit != int(u) || p.src[0] < 0 || p.cue[1] > c {
			break
		}
		if i > 0 && d.reducedRelative(p) {
			continue
		}
		return p.src
	}
	return noSrc
}

// reducedRelative tells a relation whose cue is a present participle
// right after its source, with no comma: "a staffer alleging that".
func (d *doc) reducedRelative(r rel) bool {
	w := d.word(r.cue[0])
	return r.src[1] == r.cue[0] && len(w) > 4 && strings.HasSuffix(w, "ing") && !d.commaBefore(r.cue[0])
}

// participleSource finds the source of a participle cue, or of a cue
// coordinated with the clause before it, at token c in unit u: PolNeAR
// gives it the subject of the main clause. That is the
// source of the relation just before it in the unit, if any; otherwise a
// name or subject pronoun that opens the sentence or follows a comma and
// is followed by a word ("After the vote, Reyes endorsed Okafor, saying
// ..."), the last one before the cue. Otherwise noSrc.
func (d *doc) participleSource(c int, u int32) [2]int {
	if p := d.prevSource(c, u); p[0] >= 0 {
		return p
	}
	best := noSrc
	// From the sentence start, at most 64 tokens back (linear time).
	s := c - 1
	for s > 0 && s > c-64 && !d.toks[s].sent && !d.toks[s].para {
		s--
	}
	for k := s; k < c-1; k++ {
		if d.toks[k].inQ {
			continue
		}
		// A subject pronoun anywhere is a subject too: "... when he
		// brought up the bombing and later said", "Then he cut into
		// Bush, calling him ...".
		if !(k == s || d.word(k-1) == ",") && !d.isSubjPron(k) {
			continue
		}
		e := k + 1
		if m := d.mentAt[k]; m != 0 && d.ments[m-1].a == k {
			e = d.ments[m-1].b
		} else if !d.isSubjPron(k) {
			continue
		}
		if e < c-1 && d.isWord(e) {
			best = [2]int{k, e}
		} else if k == s && best[0] < 0 && d.isPunct(e, ',') {
			// The name that opens the sentence before its appositive:
			// "Priebus, who ..., arrived late and said".
			best = [2]int{k, e}
		}
	}
	return best
}

// namedBefore is the rules' speaker right before cue c in unit u when it
// is a name or a personal subject pronoun ("..., D'Arcy replied", "Ana
// Ruiz, who ..., conceded", "Sen. Ana Ruiz (D-Halden), said"), or
// noSrc: a cue the tagger
// gave no source has its speaker there more often than in the relation
// before. Not for a cue coordinated with the clause before it, whose
// subject is further back.
func (d *doc) namedBefore(c int, u int32) [2]int {
	if d.coordinated(c) {
		return noSrc
	}
	ua := d.units[u][0]
	src, ok := d.leftSourceApp(c, ua, 32)
	if !ok && d.isPunct(c-1, ',') && d.isPunct(c-2, ')') {
		// "Sen. Ana Ruiz (D-Halden), said": the name before the party.
		for k := c - 3; k > ua && k >= c-8; k-- {
			if d.isPunct(k, '(') {
				if src, ok = d.leftSourceApp(k, ua, 32); ok {
					src[1] = c - 1
				}
				break
			}
		}
	}
	if !ok {
		return noSrc
	}
	if src[1]-src[0] == 1 && d.isSubjPron(src[0]) && !d.has(src[0], fIt) {
		return src
	}
	a := src[0]
	// Capitalised words before a title qualify it ("California Gov.
	// Jerry Brown", "Circuit Court Judge David McKeague"): the name is
	// looked for after the title, and the span keeps them.
	for k := a; k < src[1] && k < a+4 && d.mentAt[k] == 0 && (d.toks[k].cap || d.isPunct(k, '.')); k++ {
		if d.has(k, fTitle) {
			a = k
			break
		}
	}
	for a < src[1] && (d.has(a, fTitle) || a > src[0] && d.isPunct(a, '.')) && d.mentAt[a] == 0 { // "Sen. Ana Ruiz"
		a++
	}
	if m := d.mentAt[a]; m != 0 && d.ments[m-1].a == a {
		if b := d.ments[m-1].b; b == src[1] || d.isPunct(b, ',') || d.isPunct(b, '(') {
			return src
		}
	}
	return noSrc
}

// notSpeaker tells a tagged source span that cannot name a speaker:
// adverbs only ("and officially endorsed"), or the object of a
// preposition just before it ("but in a later interview said").
func (d *doc) notSpeaker(src [2]int) bool {
	adverbs := true
	for x := src[0]; x < src[1] && adverbs; x++ {
		adverbs = !d.toks[x].cap && d.has(x, fSkip) && !d.has(x, fTime|fSubj|fClause)
	}
	if adverbs {
		return true
	}
	if strings.EqualFold(d.word(src[0]), "whose") {
		return true // "Rosa Waters, whose group ..., said": the name before it
	}
	// "Warren, who has not endorsed anyone, told": a relative clause
	// closed before the cue; its own verb is not the cue.
	if src[1]-src[0] > 1 && strings.EqualFold(d.word(src[0]), "who") && d.isPunct(src[1], ',') {
		return true
	}
	if src[1]-src[0] != 1 || d.toks[src[0]].cap || d.has(src[0], fHe|fShe|fThey|fIt|fFirstP|fSubj|fClause|fStop) {
		return false
	}
	k := src[0] - 1
	if d.isWord(k) && !d.has(k, fDet|fPrep|fClause|fSubj) && !d.toks[k].cap {
		k-- // "a later interview"
	}
	return d.has(k, fDet) && !d.has(k, fSubj) && d.has(k-1, fPrep)
}

// endsCoordinating tells a source span that ends coordinating a verb
// with its cue and does not open with a pronoun or a name that
// trimSource would cut it to: "arrived at the breakfast with no answer
// and (later)". It is a clause, not a speaker.
func (d *doc) endsCoordinating(src [2]int) bool {
	e := src[1] - 1
	for e > src[0] && d.has(e, fSkip) {
		e--
	}
	if e <= src[0] || !(strings.EqualFold(d.word(e), "and") || strings.EqualFold(d.word(e), "but")) {
		return false
	}
	return !d.isSubjPron(src[0]) && d.mentAt[src[0]] == 0
}

// trimSource repairs a tagged source span that runs over a clause: a
// name, its verb and its object ("Reyes backed Okafor, saying") is the
// name. Not "the Reyes campaign" or "Reyes aide Ida Brandt".
func (d *doc) trimSource(src [2]int) [2]int {
	// "a party strategist who spoke": a relative clause the span stops
	// in, a few words after its "who", is no part of the speaker.
	for k := max(src[0]+1, src[1]-3); k < src[1]; k++ {
		if strings.EqualFold(d.word(k), "who") {
			e := k
			for e > src[0] && d.toks[e-1].kind == tkPunct {
				e--
			}
			// Only words after "who", and no comma closing the clause
			// right after the span ("Ana Ruiz, who was away, asked").
			if e > src[0] && d.nWord[src[1]]-d.nWord[k+1] == int32(src[1]-k-1) && !d.isPunct(src[1], ',') {
				return [2]int{src[0], e}
			}
			break
		}
	}
	// "She greeted the crowd and": a clause that ends coordinating its
	// verb with the cue's; its subject is the source.
	coord := src[1]-src[0] > 2 && (strings.EqualFold(d.word(src[1]-1), "and") || strings.EqualFold(d.word(src[1]-1), "but"))
	if coord && d.isSubjPron(src[0]) {
		return [2]int{src[0], src[0] + 1}
	}
	m := d.mentAt[src[0]]
	if m == 0 || d.ments[m-1].a != src[0] {
		return src
	}
	e := d.ments[m-1].b
	// "Priebus later Thursday": the name without the adverbs after it.
	k := e
	for k < src[1] && d.has(k, fSkip|fTime) {
		k++
	}
	if k == src[1] && e < k {
		return [2]int{src[0], e}
	}
	if e >= src[1] || !d.isWord(e) || d.toks[e].cap || d.has(e, fNameLink|fTitle|fPersonN|fOrg|fGroup|fPub|fDoc|fStop|fSkip) {
		return src
	}
	if coord {
		return [2]int{src[0], e}
	}
	// A verb in the past or third person: "backed", "gives".
	w := d.word(e)
	if len(w) < 4 || !(strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "s")) {
		return src
	}
	// Its object after it: "ProPublica obtained a video of the speech".
	if strings.HasSuffix(w, "ed") && src[1]-e >= 3 {
		return [2]int{src[0], e}
	}
	if k := d.ents[d.ments[m-1].ent].kind; k != entPerson && k != entMaybe {
		return src
	}
	for k := e + 1; k < src[1] && k < e+16; k++ { // bounded: a span may serve many cues
		if d.mentAt[k] != 0 {
			return [2]int{src[0], e}
		}
	}
	return src
}

// nestedContent returns the content of a report whose clause starts at
// token ca right after the relation before it in unit u and a comma ("“A,”
// Okafor said, according to Reuters", "Okafor said A, the agency
// reported"): that relation, its clause and content together.
func (d *doc) nestedContent(u int32, ca int) ([2]int, bool) {
	n := len(d.rels)
	if n == 0 || ca < 1 {
		return [2]int{}, false
	}
	p := d.rels[n-1]
	if p.unit != int(u) || len(p.parts) == 0 {
		return [2]int{}, false
	}
	a, e := min(p.clause[0], p.parts[0][0]), max(p.clause[1], p.parts[len(p.parts)-1][1])
	// A short phrase after the speech tag belongs to the relation too:
	// '"A," X said in a bill filed on Monday, according to Y'.
	if e >= ca || ca-e > 16 || !d.onlyPunct(e, ca) && (e != p.clause[1] || d.hasQuoteMark(e, ca)) || !d.commaBefore(ca) {
		return [2]int{}, false
	}
	for ca > a && d.toks[ca-1].kind == tkPunct {
		ca--
	}
	return [2]int{a, ca}, ca > a
}

// runToComma returns where content ending at token e should end when its
// clause starts at token ca after it: at the comma before the clause
// ("The bridge stays shut until April, the agency said") when only words
// the tagger left outside every span stand between; else e.
func (d *doc) runToComma(lab []uint8, e, ca int) int {
	if ca <= e || ca-e > 8 || d.word(ca-1) != "," {
		return e
	}
	for k := e; k < ca-1; k++ {
		if lab[k] != lO || !d.isWord(k) {
			return e
		}
	}
	return ca - 1
}

// runToEnd returns where content ending at token e, after its cue in unit
// u, should end: at the end of the sentence when the tagger left every
// token from e to there outside all spans, for indirect speech runs to
// the end of its sentence in the annotation ("Reyes said the plan
// stalled | after the council balked"); else e. Not over a dash the
// tagger stopped at ("said the plan stalled | – a setback for ..."): what
// follows is the writer's more often. Bounded, as a span may be long.
func (d *doc) runToEnd(lab []uint8, e int, u int32) int {
	end := d.units[u][1]
	for end > e && !d.isWord(end-1) {
		end--
	}
	if end-e > 64 || d.isDash(e) {
		return e
	}
	for k := e; k < end; k++ {
		if lab[k] != lO || d.toks[k].kind == tkQuote {
			return e
		}
	}
	return end
}

// asidePiece returns the other piece of content p around a clause set
// off by commas in its sentence (unit u): "The bridge, Reyes said, will
// open in May", "A wall would stop X, she said at a hearing, but also
// Y". The words on the clause's other side up to the sentence's edge
// are content when the tagger left them outside every span and they
// hold no quote mark. Not for a quotation: '"A," she said, as the crowd
// booed' ends at the quotation. Bounded, as a span may be long.
func (d *doc) asidePiece(lab []uint8, p, clause [2]int, u int32) ([2]int, bool) {
	if d.hasQuoteMark(p[0], p[1]) {
		return [2]int{}, false
	}
	ua, ub := d.units[u][0], d.units[u][1]
	free := func(a, b int) bool { // words only the tagger left out
		if b-a < 2 || b-a > 64 || d.nWord[b] == d.nWord[a] {
			return false
		}
		for k := a; k < b; k++ {
			if lab[k] != lO || d.toks[k].kind == tkQuote {
				return false
			}
		}
		return true
	}
	if p[1] <= clause[0] {
		// Content before the clause: the rest after it, past a short
		// phrase and its comma ("she said at a hearing, but also Y").
		if !d.onlyPunct(p[1], clause[0]) || !d.isPunct(clause[0]-1, ',') {
			return [2]int{}, false
		}
		k := clause[1]
		for k < ub && k < clause[1]+8 && lab[k] == lO && d.toks[k].kind != tkQuote && !d.isPunct(k, ',') {
			k++
		}
		if !d.isPunct(k, ',') {
			return [2]int{}, false
		}
		e := ub
		for e > k && !d.isWord(e-1) {
			e--
		}
		if free(k+1, e) {
			return [2]int{k + 1, e}, true
		}
		return [2]int{}, false
	}
	// Content after the clause and its comma: the words before it from
	// the sentence start ("This sort of talk, the network said, breaks
	// its code").
	if p[0] < clause[1] || !d.isPunct(clause[1], ',') || !d.onlyPunct(clause[1], p[0]) || !d.isPunct(clause[0]-1, ',') {
		return [2]int{}, false
	}
	a := ua
	for a < clause[0] && !d.isWord(a) {
		a++
	}
	if free(a, clause[0]-1) {
		return [2]int{a, clause[0] - 1}, true
	}
	return [2]int{}, false
}

func gapTo(a, b tspan) int {
	if a.b <= b.a {
		return b.a - a.b
	}
	if b.b <= a.a {
		return a.a - b.b
	}
	return 0
}

// contentGap is how far content t is from cue c, for choosing each
// content's cue: content before its cue has only punctuation and the
// cue's source between ('"A," Reyes said'), so other words there ('A,
// and added') put the cue far off.
func (d *doc) contentGap(lab []uint8, t, c tspan) int {
	g := gapTo(c, t)
	if t.b <= c.a {
		e := c.a
		for e > t.b && c.a-e < 16 && (lab[e-1] == lBS || lab[e-1] == lIS) {
			e--
		}
		if d.nWord[e] > d.nWord[t.b] {
			g += 32
		}
	}
	return g
}

// tagRelations rebuilds the relations from the tagger's spans: each cue
// takes the nearest free source and content spans in its unit (a content
// span nearer another cue of the unit is left to that cue; content
// from the unit before or after when its own has none; a second content
// piece on the other side of the cue makes a split relation). Rule
// relations for bare quote paragraphs are kept where the tagger has no
// content.
func (d *doc) tagRelations(lab []uint8) {
	spans := d.spansOf(lab)
	rules := d.rels
	d.rels = d.sc.rels[:0]
	defer func() { d.sc.rules, d.sc.rels = rules, d.rels }() // arrays for the next call; release empties them
	d.sc.byCue = zeroed(d.sc.byCue, len(d.toks))
	ruleByCue := d.sc.byCue // token -> rule relation+1 whose cue starts there
	for x, rr := range rules {
		if rr.cue[1] > rr.cue[0] {
			ruleByCue[rr.cue[0]] = int32(x + 1)
		}
	}
	// Spans come in text order, so each unit's spans are one run:
	// uFirst[u] is where it starts, searched at most 64 deep so that a
	// pathological unit stays linear.
	d.sc.uFirst = zeroed(d.sc.uFirst, len(d.units)+1)
	d.sc.hasCue = zeroed(d.sc.hasCue, len(d.units))
	uFirst, hasCue := d.sc.uFirst, d.sc.hasCue
	for u := range uFirst {
		uFirst[u] = -1
	}
	for si := len(spans) - 1; si >= 0; si-- {
		u := d.unitOf[spans[si].a]
		uFirst[u] = int32(si)
		if spans[si].lab == lBC {
			hasCue[u] = true
		}
	}
	// inUnit calls f for the spans of unit u, the first 64.
	inUnit := func(u int32, f func(si int)) {
		if uFirst[u] < 0 {
			return
		}
		for si := int(uFirst[u]); si < len(spans) && si < int(uFirst[u])+64 && d.unitOf[spans[si].a] == u; si++ {
			f(si)
		}
	}
	// Each content span prefers the nearest cue of its unit, so that a cue
	// taken first in text order does not take the content of the cue
	// after it when its own content was missed. A participle cue's
	// content follows it: in 'she stated, "A," adding, "B."' A is the
	// content of stated.
	for si := range spans {
		if spans[si].lab != lBT {
			continue
		}
		bg := 1 << 30
		inUnit(d.unitOf[spans[si].a], func(ci int) {
			if spans[ci].lab == lBC && !(spans[si].b <= spans[ci].a && d.participle(spans[ci].a)) {
				if g := d.contentGap(lab, spans[si], spans[ci]); g < bg {
					bg, spans[si].cue = g, int32(ci+1)
				}
			}
		})
	}
	// nearest returns the nearest free span of label lab in unit u; for
	// content, only one that prefers cue ci or no other cue (ci < 0: any).
	nearest := func(c tspan, u int32, lab uint8, limit int, ci int) int {
		best, bg := -1, limit
		inUnit(u, func(si int) {
			s := spans[si]
			if s.lab != lab || s.used || (ci >= 0 && s.cue != 0 && int(s.cue) != ci+1) {
				return
			}
			if g := gapTo(c, s); g < bg {
				best, bg = si, g
			}
		})
		return best
	}
	for si := range spans {
		c := spans[si]
		if c.lab != lBC {
			continue
		}
		u := d.unitOf[c.a]
		var wb [32]byte
		w := lowerWord(wb[:], d.word(c.a))
		citing := string(w) == "citing"
		if citing && ruleByCue[c.a] != 0 {
			// "..., citing X": the rules make X the source, as the
			// contract promises; the report repair below keeps theirs.
			continue
		}
		src := noSrc
		s := nearest(c, u, lBS, 1<<30, -1)
		if s >= 0 && spans[s].a >= c.b && d.coordinated(c.a) {
			// "... and said he would X, the crowd applauded": a cue that
			// shares the subject before it has no source after it.
			s = -1
		}
		if s < 0 {
			// A source right before the cue is its own, even when a cue
			// before it took it: "Reflecting on X, the senator said".
			if b := d.sourceBefore(spans, uFirst[u], c.a); b >= 0 {
				s = b
			}
		}
		if s >= 0 && d.notSpeaker([2]int{spans[s].a, spans[s].b}) {
			spans[s].used, s = true, -1 // and no other cue's either
		}
		if s >= 0 {
			src = d.trimSource([2]int{spans[s].a, spans[s].b})
			if d.endsCoordinating(src) {
				src = d.participleSource(c.a, u)
			}
		}
		if src[0] < 0 {
			// The rules may know the speaker of the same cue.
			for k := c.a; k < c.b && k < c.a+4; k++ {
				// Not one ending in a clause word: "Okafor visited Halden
				// and said" has the coordinated verb's subject.
				if x := ruleByCue[k] - 1; x >= 0 && rules[x].src[0] >= 0 && lab[rules[x].src[0]] == lO && !d.has(rules[x].src[1]-1, fClause) {
					src = rules[x].src
					break
				}
			}
		}
		if src[0] < 0 && (d.participle(c.a) || d.coordinated(c.a)) {
			src = d.participleSource(c.a, u)
		}
		if src[0] < 0 {
			src = d.invertedSource(c.a, c.b)
		}
		clause := c
		if src[0] >= 0 {
			clause.a, clause.b = min(c.a, src[0]), max(c.b, src[1])
		}
		if src[0] >= 0 && (string(w) == "according" || strings.HasPrefix(string(w), "report")) {
			if p, ok := d.nestedContent(u, clause.a); ok {
				// "“A,” Okafor said, according to Reuters": the report
				// holds the whole relation before it, as PolNeAR nests them.
				d.rels = append(d.rels, rel{kind: "reported", parts: [][2]int{p}, cue: [2]int{c.a, c.b}, src: src,
					clause: [2]int{clause.a, clause.b}, unit: int(u), reported: true, nested: true})
				continue
			}
		}
		t := nearest(clause, u, lBT, 1<<30, si)
		// Content in the unit before or after only when that unit has no
		// cue of its own to claim it.
		if t < 0 && u > 0 && !hasCue[u-1] {
			t = nearest(clause, u-1, lBT, 1<<30, -1)
		}
		if t < 0 && int(u)+1 < len(d.units) && !hasCue[u+1] {
			t = nearest(clause, u+1, lBT, 1<<30, -1)
		}
		if t < 0 {
			continue // and the source stays free for the next cue
		}
		if s >= 0 {
			spans[s].used = true
		}
		spans[t].used = true
		parts := [][2]int{{spans[t].a, d.runToComma(lab, spans[t].b, clause.a)}}
		if spans[t].a >= clause.b && d.unitOf[spans[t].a] == u {
			parts[0][1] = d.runToEnd(lab, parts[0][1], u)
		}
		// The other side of the clause: "A," he said, "B."
		// Not a phrase after the speech tag of a quotation ('"A," she
		// said of the plan', '..., he said as the crowd booed'): a second
		// piece there holds a quotation too.
		if t2 := nearest(clause, u, lBT, 4, si); t2 >= 0 && (spans[t2].a > clause.a) != (spans[t].a > clause.a) &&
			!(spans[t2].a > clause.a && d.quoteBefore(parts, clause.a) && !d.hasQuoteMark(spans[t2].a, spans[t2].b)) {
			spans[t2].used = true
			p2 := [2]int{spans[t2].a, spans[t2].b}
			if p2[0] < parts[0][0] {
				parts = [][2]int{p2, parts[0]}
			} else {
				parts = append(parts, p2)
			}
		}
		if len(parts) == 1 && d.unitOf[parts[0][0]] == u {
			if p2, ok := d.asidePiece(lab, parts[0], [2]int{clause.a, clause.b}, u); ok {
				parts = append(parts, p2)
				slices.SortFunc(parts, func(a, b [2]int) int { return cmp.Compare(a[0], b[0]) })
			}
		}
		r := rel{parts: parts, cue: [2]int{c.a, c.b}, src: src, clause: [2]int{clause.a, clause.b}, unit: int(u),
			inherit: src[0] < 0, reported: string(w) == "according" || strings.HasPrefix(string(w), "cit")}
		r.kind = d.kindOf(&r)
		if r.reported && r.kind == "indirect" {
			r.kind = "reported"
		}
		d.rels = append(d.rels, r)
	}
	// tagCue[k]: a tagger relation's cue starts at token k. The tagger
	// relations of each unit, the first 16 in order (bounded: pathological
	// units stay linear), are a list threaded through relNext from
	// unitHead. Slices from the scratch, not maps: no allocation.
	sc := d.sc
	sc.tagCue = zeroed(sc.tagCue, len(d.toks)+1)
	sc.unitHead = zeroed(sc.unitHead, len(d.units)) // relation+1, 0: none
	sc.unitTail = zeroed(sc.unitTail, len(d.units))
	sc.unitCnt = zeroed(sc.unitCnt, len(d.units))
	sc.relNext = zeroed(sc.relNext, len(d.rels))
	tagCue, head, tail, next := sc.tagCue, sc.unitHead, sc.unitTail, sc.relNext
	for x, r := range d.rels {
		tagCue[r.cue[0]] = true
		if u := r.unit; sc.unitCnt[u] < 16 {
			sc.unitCnt[u]++
			if head[u] == 0 {
				head[u] = int32(x + 1)
			} else {
				next[tail[u]-1] = int32(x + 1)
			}
			tail[u] = int32(x + 1)
		}
	}
	// Repair with the rules where quotations are concerned: the rules
	// pair quote marks, split quotes and quote paragraphs with their
	// speakers, which the contract promises. A tagger relation with no
	// source of its own yields to a rule relation with one over the same
	// quote; a quote no tagger relation holds takes the rule relation.
	for _, rr := range rules {
		if len(rr.parts) == 0 || d.insideName(rr.cue[0]) {
			continue
		}
		// A report the tagger missed ("..., Reuters reported", "according
		// to X") is kept: provenance rests on them.
		if rr.cue[1] > rr.cue[0] && !tagCue[rr.cue[0]] && d.isReport(rr) {
			d.rels = append(d.rels, rr)
			continue
		}
		if !d.hasQuoteMark(rr.parts[0][0], rr.parts[len(rr.parts)-1][1]) {
			continue
		}
		hit := -1
		for u := rr.unit - 1; u <= rr.unit+1 && hit < 0; u++ {
			if u < 0 || u >= len(head) {
				continue
			}
			for x1 := head[u]; x1 != 0; x1 = next[x1-1] {
				if x := int(x1 - 1); partsOverlap(d.rels[x].parts, rr.parts) {
					hit = x
					break
				}
			}
		}
		switch {
		case hit < 0:
			d.rels = append(d.rels, rr)
		case d.rels[hit].src[0] < 0 && rr.src[0] >= 0,
			d.rels[hit].cue[0] == rr.cue[0] && len(rr.parts) > len(d.rels[hit].parts) && d.allQuoted(rr.parts):
			d.rels[hit] = rr
		case d.rels[hit].cue[0] == rr.cue[0]:
			// The same cue: the quotation pieces the rules found that the
			// tagger left out (`"A," she said of X. "B."`) join it.
			d.rels[hit].parts = d.addQuotedParts(d.rels[hit].parts, rr.parts)
		}
	}
	// A quotation whose cue has still no source takes the name right
	// before the cue. Only for quotations: elsewhere a cue with no
	// source of its own (a stance verb, a passive) mostly has none in
	// the annotation either. After the repair above, which prefers a
	// rule relation over a tagger one with no source.
	for x := range d.rels {
		r := &d.rels[x]
		if r.src[0] < 0 && r.cue[1] > r.cue[0] && !r.reported && d.hasQuoteMark(r.parts[0][0], r.parts[len(r.parts)-1][1]) {
			if src := d.namedBefore(r.cue[0], int32(d.unitOf[r.cue[0]])); src[0] >= 0 {
				r.src, r.inherit, r.clause[0] = src, false, min(r.clause[0], src[0])
			}
		}
	}
	d.speechTags()
	d.quoteIntros()
	d.cueLeads()
	d.namesBeforeAppositives()
	// Keep text order, which speaker inheritance relies on.
	sortRels(d.rels)
	d.joinQuoteRuns()
	d.dashSources()
}

// cueLeads extends each cue left over the auxiliaries, negations and
// adverbs right before it ("has also said", "were reporting", "may
// have said"): PolNeAR keeps the verb group together, and the tagger
// misses some. Such a word ending the source moves to the cue ("ABC 7
// is | reporting"). At most 4 words.
func (d *doc) cueLeads() {
	for x := range d.rels {
		r := &d.rels[x]
		for n := 0; n < 4 && r.cue[1] > r.cue[0]; n++ {
			k := r.cue[0] - 1
			if !d.isWord(k) || d.toks[r.cue[0]].para || !d.verbLead(k) || d.inContent(*r, k) {
				break
			}
			if r.src[0] >= 0 && r.src[0] <= k && k < r.src[1] {
				if r.src[1] != k+1 || r.src[0] == k {
					break
				}
				r.src[1] = k
			}
			r.cue[0] = k
			r.clause[0] = min(r.clause[0], k)
		}
	}
}

// verbLead tells an auxiliary, negation or adverb that leads a verb group.
func (d *doc) verbLead(k int) bool {
	if d.has(k, fSkip) {
		return true
	}
	switch strings.ToLower(d.word(k)) {
	case "is", "are", "was", "were", "may", "might", "can", "could", "should", "must", "began":
		return true
	}
	return false
}

// namesBeforeAppositives extends a source that is the appositive of a
// person's name right before it to that name: "Ana Ruiz, | the
// council's budget chief, said". PolNeAR's source is the name with its
// description, and the tagger sometimes keeps only the description.
func (d *doc) namesBeforeAppositives() {
	for x := range d.rels {
		r := &d.rels[x]
		a := r.src[0]
		if a < 2 || !d.isPunct(a-1, ',') || d.toks[a].para {
			continue
		}
		m := d.mentAt[a-2]
		if m == 0 || d.ments[m-1].b != a-1 {
			continue
		}
		// A description ("the council's budget chief", "president of
		// X"), after a person's name that opens the sentence.
		if d.ents[d.ments[m-1].ent].kind != entPerson || d.mentAt[a] != 0 || d.has(a, fSubj|fClause) || d.toks[a].cap && !d.has(a, fDet) {
			continue
		}
		if s := d.ments[m-1].a; d.unitOf[s] == d.unitOf[a] && (s == d.units[d.unitOf[a]][0] || !d.isWord(s-1)) {
			r.src[0] = s
			r.clause[0] = min(r.clause[0], s)
		}
	}
}

// quoteIntros starts content after its cue at the quotation that a comma
// or colon introduces, as PolNeAR does: in 'said when the story broke,
// “A.”' and 'wrote of the request: “A.”' the words before the quotation
// are the writer's, not the speaker's. The same words before the clause
// ('Taking it in, Trump said, “A.”') are no piece of the content either.
func (d *doc) quoteIntros() {
	for x := range d.rels {
		r := &d.rels[x]
		i := slices.IndexFunc(r.parts, func(p [2]int) bool { return p[0] >= r.cue[1] })
		if i < 0 || r.nested {
			continue
		}
		p := r.parts[i]
		q := d.introQuote(p[0], p[1])
		if q < 0 {
			if !d.isQuoteOpen(p[0]) || !d.quoteLead(p[0]) {
				continue
			}
			q = p[0]
		}
		r.parts[i][0] = q
		// Pieces before the clause without a quote mark go, but for
		// what the speech is about ('Of the plan, she said, “A.”').
		start := min(r.clause[0], r.cue[0])
		r.parts = slices.DeleteFunc(r.parts, func(p [2]int) bool {
			w := d.word(p[0])
			return p[1] <= start && !d.hasQuoteMark(p[0], p[1]) && !strings.EqualFold(w, "of") && !strings.EqualFold(w, "about")
		})
	}
}

// introQuote returns the opening quote mark of the quotation that piece
// [a,b) ends with when words without a quote mark and a comma or colon
// come before it: 'when the story broke, “A.”'; else -1. The quotation
// must open a sentence and run to the piece's end: in 'that if he wants
// them, “come and take them”' and 'the deal, “a disaster,” would fail'
// it is part of the clause. Looks at most 48 tokens in.
func (d *doc) introQuote(a, b int) int {
	if !d.hasQuoteMark(a, b) || d.toks[a].kind == tkQuote || strings.EqualFold(d.word(a), "that") {
		return -1
	}
	q := a + 1
	for q < b && q < a+48 && d.toks[q].kind != tkQuote {
		q++
	}
	if q >= b || q >= a+48 || !d.isQuoteOpen(q) || !d.quoteLead(q) || d.nWord[q] == d.nWord[a] {
		return -1
	}
	if c := d.quotes[d.toks[q].quote-1].close; c >= 0 && !d.onlyPunct(c+1, b) {
		return -1
	}
	return q
}

// quoteLead tells a quotation opening at token q after a comma or colon
// with a capital: ', “The ...'. A sentence of the speaker's, not words
// quoted inside the writer's clause.
func (d *doc) quoteLead(q int) bool {
	return (d.isPunct(q-1, ',') || d.isPunct(q-1, ':')) && d.isWord(q+1) && d.toks[q+1].cap
}

// isQuoteOpen tells the opening mark of a quotation at token q.
func (d *doc) isQuoteOpen(q int) bool {
	return q >= 0 && q < len(d.toks) && d.toks[q].kind == tkQuote && d.toks[q].quote != 0 && d.quotes[d.toks[q].quote-1].open == q
}

// insideName tells a token inside a name found in the text, after its
// first word: "States" in "the United States" is no cue, though the
// rules, which the tagger learnt from as they are, take it for one. Not
// in a headline, whose capitals make "Ruiz Says" look like a name.
func (d *doc) insideName(i int) bool {
	m := d.mentAt[i]
	return m != 0 && d.ments[m-1].a < i && !d.toks[d.ments[m-1].a].para
}

// speechTags adds a relation for a quotation that no relation holds
// when its sentence ends in a speech tag, a speaker and a verb in the past
// or present the lexicon may lack, in either order: '"A," the suit
// reads.', '"Out!" the crowd chanted back.', '"A," read the statement.'.
// At most 64 candidates a text are checked against every relation, which
// keeps it linear.
func (d *doc) speechTags() {
	checks := 0 // quotations checked against every relation, at most 64
	add := func(q quoteRegion, r rel) {
		if checks++; !d.quoteHeld(q) {
			d.rels = append(d.rels, r)
		}
	}
	for qi := 0; qi < len(d.quotes) && checks < 64; qi++ {
		q := d.quotes[qi]
		c := q.close
		if c < 0 || c-q.open < 2 {
			continue
		}
		if r, ok := d.leadTag(q); ok {
			add(q, r)
			continue
		}
		if r, ok := d.colonTag(q); ok {
			add(q, r)
			continue
		}
		k := c + 1
		if d.isPunct(k, ',') {
			k++
		} else if !(d.isPunct(c-1, ',') || d.isPunct(c-1, '?') || d.isPunct(c-1, '!')) {
			continue
		}
		if k >= len(d.toks) || !d.isWord(k) || d.toks[k].para || d.toks[k].sent {
			continue
		}
		// The speaker: a name, a subject pronoun, or "the suit"; or
		// after the verb: '"A," mused Tribune co-host Dana Barnard.'
		e := -1
		var src, cue [2]int
		if d.speechVerb(k) && !d.toks[k].cap {
			if src = d.invertedSource(k, k+1); src[0] < 0 {
				continue
			}
			cue = [2]int{k, k + 1}
		} else if m := d.mentAt[k]; m != 0 && d.ments[m-1].a == k {
			e = d.ments[m-1].b
		} else if d.isSubjPron(k) {
			e = k + 1
		} else if d.has(k, fDet) && d.isWord(k+1) && !d.toks[k+1].cap {
			e = k + 2
		}
		u := d.unitOf[c]
		if cue[1] == 0 {
			if e < 0 || e >= len(d.toks) || d.toks[e].cap || !d.speechVerb(e) {
				continue
			}
			ce := e + 1
			if d.isWord(ce) && (d.word(ce) == "back" || d.word(ce) == "out") {
				ce++
			}
			src, cue = [2]int{k, e}, [2]int{e, ce}
		}
		end := max(src[1], cue[1])
		if d.unitOf[end-1] != u || !d.onlyPunct(end, d.units[u][1]) {
			continue // the sentence goes on: not a speech tag
		}
		add(q, quoteRel(q, src, cue, [2]int{min(src[0], cue[0]), end}, u))
	}
}

// leadTag is the relation of a quotation after a comma and a speech tag
// that leads it: 'the attendees chanted, "A!"'. The verb is one
// speechVerb allows, its subject the rules' speaker before it.
func (d *doc) leadTag(q quoteRegion) (rel, bool) {
	v := q.open - 2
	if v < 1 || !d.isPunct(q.open-1, ',') || d.toks[q.open].para || !d.speechVerb(v) || d.toks[v].cap {
		return rel{}, false
	}
	u := d.unitOf[q.open]
	if d.unitOf[v] != u {
		return rel{}, false
	}
	src, ok := d.leftSource(v, d.units[u][0])
	if !ok || src[1] != v {
		return rel{}, false
	}
	return quoteRel(q, src, [2]int{v, v + 1}, [2]int{src[0], v + 1}, u), true
}

// quoteRel is the direct relation whose content is all of quotation q,
// in unit u.
func quoteRel(q quoteRegion, src, cue, clause [2]int, u int32) rel {
	return rel{kind: "direct", parts: [][2]int{{q.open, q.close + 1}}, cue: cue, src: src, clause: clause, unit: int(u)}
}

// quoteHeld tells a quotation that some relation's content overlaps.
func (d *doc) quoteHeld(q quoteRegion) bool {
	whole := [][2]int{{q.open, q.close + 1}}
	for x := range d.rels {
		if partsOverlap(d.rels[x].parts, whole) {
			return true
		}
	}
	return false
}

// colonTag is the relation of a quotation introduced in its own sentence
// by a colon after a subject and its verb: 'He returned to his old lines:
// "A."'. The cue is all between the subject and the colon (at most 8
// words), as PolNeAR marks it.
func (d *doc) colonTag(q quoteRegion) (rel, bool) {
	k := q.open - 1
	if k < 2 || !d.isPunct(k, ':') || d.toks[q.open].para {
		return rel{}, false
	}
	u := d.unitOf[q.open]
	s := k - 1
	for s > d.units[u][0] && s > k-10 && !d.toks[s].sent && !d.toks[s].para {
		s--
	}
	if !(d.toks[s].sent || d.toks[s].para || s == d.units[u][0]) {
		return rel{}, false
	}
	// The subject opens the sentence or follows an opening adverb or
	// phrase: "Then she ...", "Back home, he ...".
	e := -1
	for ; s < k && e < 0; s++ {
		if s > d.units[u][0] && !d.toks[s].sent && !d.toks[s].para && !d.isPunct(s-1, ',') && !d.has(s-1, fSkip) {
			continue
		}
		if m := d.mentAt[s]; m != 0 && d.ments[m-1].a == s {
			e = d.ments[m-1].b
		} else if d.isSubjPron(s) && !d.has(s, fIt) {
			e = s + 1
		}
	}
	s--
	if e < 0 || e >= k || !d.isWord(e) || d.toks[e].cap {
		return rel{}, false
	}
	for x := e; x < k; x++ {
		if !d.isWord(x) {
			return rel{}, false
		}
	}
	return quoteRel(q, [2]int{s, e}, [2]int{e, k}, [2]int{s, k}, u), true
}

// speechVerb tells a word that may be the verb of a speech tag: one in the
// past or the third person ("reads", "chanted"), or "read".
func (d *doc) speechVerb(i int) bool {
	if !d.isWord(i) || d.has(i, fStop|fClause) {
		return false
	}
	v := d.word(i)
	return v == "read" || len(v) >= 4 && (strings.HasSuffix(v, "ed") || strings.HasSuffix(v, "s"))
}

// colonIntro finds the cue and source of a paragraph that ends
// introducing the quotation at token q: "Okafor replied:", "Reyes told
// reporters:". It returns -1 and noSrc when there is none.
func (d *doc) colonIntro(q int) (int, [2]int) {
	k := q - 1
	if k < 1 || !d.toks[q].para || !d.isPunct(k, ':') {
		return -1, noSrc
	}
	ua := d.units[d.unitOf[k]][0]
	for c := k - 1; c >= ua && c >= k-4 && d.isWord(c); c-- {
		if d.has(c, fCue) && !d.inName(c) {
			if src, ok := d.leftSource(c, ua); ok {
				return c, src
			}
			break
		}
	}
	return -1, noSrc
}

// dashSources gives a quote paragraph with no speech tag the speaker named
// on the line after it, "- Ana Ruiz.", the dash its cue, or the speaker of
// the paragraph before when it ends introducing it: "Okafor replied:".
func (d *doc) dashSources() {
	for ri := range d.rels {
		r := &d.rels[ri]
		if !r.inherit || r.cue[0] != r.cue[1] || len(r.parts) != 1 {
			continue
		}
		if c, src := d.colonIntro(r.parts[0][0]); c >= 0 {
			r.src, r.cue, r.clause, r.inherit = src, [2]int{c, c + 1}, [2]int{src[0], c + 1}, false
			continue
		}
		e := r.parts[0][1]
		if e+1 >= len(d.toks) || !d.toks[e].para || !(d.isDash(e) || d.isPunct(e, '-')) {
			continue
		}
		if b := d.signature(e + 1); b > e+1 {
			r.src, r.cue, r.clause, r.inherit = [2]int{e + 1, b}, [2]int{e, e + 1}, [2]int{e, b}, false
		}
	}
}

// signature returns the end of the name that opens the signature line at
// token k, or -1: "Ana Ruiz.", with a title before it ("Mayor Ana
// Ruiz") or a short description after a comma ("Ana Ruiz, Halden.",
// "Ana Ruiz, speaking after the vote."). A line that goes on as a
// sentence is not a signature.
func (d *doc) signature(k int) int {
	a := k
	for a < len(d.toks) && a < k+3 && d.has(a, fTitle) && d.mentAt[a] == 0 && !(a > k && d.toks[a].para) {
		a++
	}
	m := 0
	if a < len(d.toks) && !(a > k && d.toks[a].para) {
		m = int(d.mentAt[a])
	}
	if m == 0 || d.ments[m-1].a != a {
		return -1
	}
	b := d.ments[m-1].b
	if b >= len(d.toks) || d.toks[b].para || d.onlyPunct(b, d.units[d.unitOf[b]][1]) {
		return b
	}
	if !d.isPunct(b, ',') {
		return -1 // a sentence, not a signature line
	}
	// The description runs to the end of the line, which is short.
	for x := b + 1; x < len(d.toks) && x <= b+16; x++ {
		if d.toks[x].para {
			return b
		}
		if d.has(x, fCuePast) && !d.has(x, fDoc) {
			return -1 // "Ana Ruiz, the mayor, said ...": a sentence
		}
	}
	if b+17 >= len(d.toks) {
		return b // the text ends on the line
	}
	return -1
}

// joinQuoteRuns makes a bare quote sentence or paragraph one more piece
// of the quote just before it: in `"A," she said. "B."` A and B are one
// relation (PolNeAR annotates a split quote), so B gets the source span
// of A's clause instead of an inherited guess. The rules' bareQuotes
// does the same for their own relations.
func (d *doc) joinQuoteRuns() {
	keep := d.rels[:0]
	for _, r := range d.rels {
		if !r.nested {
			d.endAtQuote(r.parts)
		}
		joined := false
		if r.inherit && r.cue[0] == r.cue[1] && len(r.parts) == 1 {
			// The quote's relation, not a later one of the sentence:
			// `"A," said X, who said Y. "B."`.
			for k := len(keep) - 1; k >= 0 && k >= len(keep)-4 && keep[k].unit == r.unit-1; k-- {
				if p := &keep[k]; p.src[0] >= 0 && len(p.parts) < 8 && d.quoteBefore(p.parts, p.clause[0]) {
					p.parts = append(p.parts, r.parts[0])
					p.kind = d.kindOf(p)
					joined = true
					break
				}
			}
		}
		if !joined {
			keep = append(keep, r)
		}
	}
	// A report nesting the relation before it holds that relation's later
	// pieces too: `"A," X said, according to Y. "B."`.
	for j := 1; j < len(keep); j++ {
		if n := &keep[j]; n.nested && keep[j-1].clause[1] <= n.parts[0][1] {
			for _, pt := range keep[j-1].parts {
				if pt[0] >= n.parts[0][1] && len(n.parts) < 8 {
					n.parts = append(n.parts, pt)
				}
			}
		}
	}
	d.rels = keep
}

// endAtQuote fits content pieces to the quotations in them: a piece
// that closes a quotation starts where it opened; a piece stopped inside
// a quotation it opened runs to the close; a piece that
// opens with a quotation closed by a comma, with only unquoted words
// after it, ends at the close ('said: "A," but in fact B', 'said "A,"
// promising B': the content is A).
func (d *doc) endAtQuote(parts [][2]int) {
	for pi, p := range parts {
		if p[1] <= p[0] {
			continue
		}
		// A piece that ends with a quotation's close but starts inside it,
		// after a question or sentence the tagger cut off, starts at the
		// opening mark: '"A? B?" reacted Okafor.'
		if q := d.toks[p[0]].quote; q != 0 && d.toks[p[0]].inQ {
			if o, c := d.quotes[q-1].open, d.quotes[q-1].close; c >= 0 && c < p[1] && (pi == 0 || parts[pi-1][1] <= o) && d.samePara(o, p[0]) {
				parts[pi][0] = o
				p[0] = o
			}
		}
		// A quotation opened in the piece that the tagger stopped inside
		// runs to its close: 'said Cruz "has courage. He is not afraid."'
		if q := d.toks[p[1]-1].quote; q != 0 && d.quotes[q-1].open >= p[0] {
			if c := d.quotes[q-1].close; c >= p[1] && d.samePara(p[1], c) && (pi+1 == len(parts) || parts[pi+1][0] > c) {
				parts[pi][1] = c + 1
				continue
			}
		}
		if e := d.afterQuoteEnd(p); e > 0 {
			parts[pi][1] = e
			continue
		}
		q := d.toks[p[0]].quote
		if q == 0 || d.quotes[q-1].open != p[0] {
			continue
		}
		if c := d.quotes[q-1].close; c > p[0] && c+1 < p[1] && !d.hasQuoteMark(c+1, p[1]) && !d.onlyPunct(c+1, p[1]) &&
			(d.isPunct(c-1, ',') || d.isPunct(c+1, ',')) {
			parts[pi][1] = c + 1
		}
	}
}

// afterQuoteEnd returns where content piece p ends when it goes on after
// its last quotation, closed by a comma, with a remark of the writer's:
// 'called him a "moderate," a subtle dig at ...', 'deemed him "well
// qualified," which is ...', '... "non-entities," but he gave ...',
// '... "incognito," sparking ...'. Else 0. Looks back at most 40 tokens.
func (d *doc) afterQuoteEnd(p [2]int) int {
	if !d.hasQuoteMark(p[0], p[1]) {
		return 0 // most pieces: no scan
	}
	for k := p[1] - 1; k > p[0] && k >= p[1]-40; k-- {
		if d.toks[k].kind != tkQuote {
			continue
		}
		q := d.toks[k].quote
		if q == 0 || d.quotes[q-1].close != k || d.quotes[q-1].open < p[0] {
			return 0
		}
		w := k + 1
		if d.isPunct(w, ',') {
			w++
		} else if !d.isPunct(k-1, ',') {
			return 0
		}
		if w >= p[1] || !d.isWord(w) {
			return 0
		}
		lw := strings.ToLower(d.word(w))
		// "but" with a subject of its own: not '"...," but is ...'.
		if d.has(w, fDet) && !d.has(w, fSubj) || lw == "which" || lw == "but" && (d.isSubjPron(w+1) || d.has(w+1, fDet) || d.mentAt[w+1] != 0) ||
			len(lw) > 4 && strings.HasSuffix(lw, "ing") {
			return k + 1
		}
		return 0
	}
	return 0
}

// samePara tells tokens a <= b of one paragraph, at most 256 apart (a
// bound that keeps a text of one endless quotation linear).
func (d *doc) samePara(a, b int) bool {
	if b-a > 256 {
		return false
	}
	for k := a + 1; k <= b; k++ {
		if d.toks[k].para {
			return false
		}
	}
	return true
}

// quoteBefore tells content whose piece just before the clause at c is a
// quotation closing right there: `"A," she said`.
func (d *doc) quoteBefore(parts [][2]int, c int) bool {
	for _, pt := range parts {
		if pt[1] <= c && d.onlyPunct(pt[1], c) && pt[1] > pt[0] && d.toks[pt[1]-1].kind == tkQuote {
			return true
		}
	}
	return false
}

func sortRels(rs []rel) {
	// Stable, so the order is the one sort.SliceStable gave.
	slices.SortStableFunc(rs, func(a, b rel) int { return cmp.Compare(a.clause[0], b.clause[0]) })
}

// addQuotedParts adds to parts each quotation piece of more that
// overlaps none of them, in text order, up to 8 pieces.
func (d *doc) addQuotedParts(parts, more [][2]int) [][2]int {
	for _, m := range more {
		if len(parts) >= 8 || !d.hasQuoteMark(m[0], m[1]) || partsOverlap(parts, [][2]int{m}) {
			continue
		}
		parts = append(parts, m)
		slices.SortFunc(parts, func(a, b [2]int) int { return cmp.Compare(a[0], b[0]) })
	}
	return parts
}

// allQuoted tells content whose every piece holds a quote mark: a split
// quote, not a sentence cut around its clause.
func (d *doc) allQuoted(parts [][2]int) bool {
	for _, p := range parts {
		if !d.hasQuoteMark(p[0], p[1]) {
			return false
		}
	}
	return true
}

func partsOverlap(a, b [][2]int) bool {
	for _, p := range a {
		for _, q := range b {
			if p[0] < q[1] && q[0] < p[1] {
				return true
			}
		}
	}
	return false
}

// isReport tells a rule relation that cites a report: "according to",
// "citing", "reported", or a publication or document as the source.
func (d *doc) isReport(r rel) bool {
	var wb [32]byte
	if r.reported || strings.HasPrefix(string(lowerWord(wb[:], d.word(r.cue[0]))), "report") {
		return true
	}
	if d.namedReport(r.src) {
		return true
	}
	for x := r.src[0]; x >= 0 && x < r.src[1]; x++ {
		if m := d.mentAt[x]; m != 0 {
			k := d.ents[d.ments[m-1].ent].kind
			return k == entPub || k == entDoc
		}
	}
	return false
}

// reportNouns are what a newsroom writes: "a Tidewater report", "the
// Reuters story".
var reportNouns = map[string]bool{"report": true, "reports": true, "story": true, "stories": true,
	"article": true, "dispatch": true, "investigation": true, "analysis": true, "bulletin": true}

// reportNoun tells whether token i is one of reportNouns.
func (d *doc) reportNoun(i int) bool {
	var wb [32]byte
	return d.isWord(i) && reportNouns[string(lowerWord(wb[:], d.word(i)))]
}

// docHead returns the document noun heading the source src, "report" in
// "a Tidewater report" or "a report by Tidewater", or -1.
func (d *doc) docHead(src [2]int) int {
	if src[0] < 0 || src[1] <= src[0] {
		return -1
	}
	if h := src[1] - 1; d.has(h, fDoc) || d.reportNoun(h) {
		return h
	}
	for x := src[0] + 1; x+1 < src[1]; x++ {
		if (d.has(x-1, fDoc) || d.reportNoun(x-1)) && d.isWord(x) && (strings.EqualFold(d.word(x), "by") || strings.EqualFold(d.word(x), "from")) {
			return x - 1
		}
	}
	return -1
}

// namedReport tells a source that is a report by a named newsroom or
// organisation: "a Tidewater report", "the Reuters story", "a report by
// Tidewater".
func (d *doc) namedReport(src [2]int) bool {
	h := d.docHead(src)
	if h < 0 {
		return false
	}
	for x := src[0]; x < src[1]; x++ {
		m := d.mentAt[x]
		if m == 0 {
			continue
		}
		mt := d.ments[m-1]
		if !(mt.b == h || (mt.a == h+2 && mt.b == src[1])) {
			continue
		}
		switch d.ents[mt.ent].kind {
		case entPub, entOrg:
			return true
		case entMaybe:
			return d.reportNoun(h)
		}
	}
	return false
}
