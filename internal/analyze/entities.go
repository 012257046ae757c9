package analyze

import (
	"strings"

	"github.com/crosswire-news/crosswire/internal/model"
	"github.com/crosswire-news/crosswire/internal/textnorm"
)

// Entity kinds (speaker kinds reuse the model constants).
const (
	entPerson = iota + 1
	entOrg
	entPub
	entDoc
	entMaybe // a capitalised name not yet known to be a person
)

// Genders.
const (
	gUnknown = iota
	gMale
	gFemale
)

type entity struct {
	name     string
	kind     int
	gender   int
	roles    []string
	mentions int
	last     string // folded last name token, to match "Okafor"
	first    string
}

// mention is a name in the text: tokens [a,b) are the name, role (may be
// empty) is a title or appositive seen with it.
type mention struct {
	a, b int
	ent  int
	role string
}

var honorifics = map[string]int{"mr": gMale, "mrs": gFemale, "ms": gFemale, "miss": gFemale, "sir": gMale, "madam": gFemale}

var months = map[string]bool{"january": true, "february": true, "march": true, "april": true, "may": true, "june": true,
	"july": true, "august": true, "september": true, "october": true, "november": true, "december": true}

// findEntities finds capitalised names, splits off titles, classifies
// them and links short names to full ones. Linear: each token is visited
// a bounded number of times.
func (d *doc) findEntities() {
	d.sc.mentAt = zeroed(d.sc.mentAt, len(d.toks))
	d.mentAt = d.sc.mentAt
	sc := d.sc
	if sc.byLast == nil {
		sc.byLast, sc.byFirst, sc.byName, sc.folds = map[string]int{}, map[string]int{}, map[string]int{}, map[string]string{}
	}
	sc.release() // already empty when Article's deferred release ran: cheap
	d.byLast, d.byFirst, d.byName = sc.byLast, sc.byFirst, sc.byName
	// Entities and mentions append to the scratch's arrays; release takes
	// them back (the results copy names and roles out, never the arrays).
	d.ents, d.ments = sc.ents[:0], sc.ments[:0]
	n := len(d.toks)
	for i := 0; i < n; {
		if !d.isWord(i) || !d.toks[i].cap {
			i++
			continue
		}
		j := i + 1
		for j < n {
			if d.isWord(j) && d.toks[j].cap && !d.toks[j].para && !(d.toks[j].sent && j > i) {
				j++
				continue
			}
			if d.isWord(j) && d.has(j, fNameLink) && d.isWord(j+1) && d.toks[j+1].cap && d.toks[j].s > d.toks[j-1].e {
				j += 2
				continue
			}
			if d.isPunct(j, '.') && d.isWord(j+1) && d.toks[j+1].cap && (d.toks[j-1].e-d.toks[j-1].s == 1 || d.has(j-1, fTitle) || honorifics[string(lowerKey(d.buf[:], d.word(j-1)))] != 0) {
				j += 2
				continue
			}
			break
		}
		if j-i <= 8 {
			d.nameRun(i, j) // longer runs are headlines or noise, not names
		}
		i = j
	}
}

// nameRun classifies the capitalised run [a,b).
func (d *doc) nameRun(a, b int) {
	gender := gUnknown
	// Leading function words, days and honorifics are not part of names.
	for a < b {
		k := lowerKey(d.buf[:], d.word(a)) // read before anything else uses d.buf
		if g, ok := honorifics[string(k)]; ok {
			gender = g
			a++
			if d.isPunct(a, '.') {
				a++
			}
			continue
		}
		if d.has(a, fStop|fTime) || months[string(k)] || (d.has(a, fCue) && d.toks[a].sent) {
			a++
			continue
		}
		break
	}
	if a >= b || d.toks[a].kind != tkWord {
		return
	}
	if b-a == 1 && d.isPunct(a-1, '(') && d.toks[a].e-d.toks[a].s <= 6 {
		return // "(R)", "(D-Nev.)": a party tag, not a name
	}
	last := b - 1
	// A title followed by a plain name makes a person whatever the title
	// holds: "House Speaker Paul Ryan", "Senate Minority Leader Harry Reid".
	tk := -1
	for x := a; x < b; x++ {
		if d.has(x, fTitle) {
			tk = x
		}
	}
	titled := tk >= 0 && tk < last && !d.anyFlag(tk+1, b, fOrg|fPub|fDoc|fTitle)
	kind := 0
	switch {
	case titled:
	case d.has(last, fDoc) && !d.anyFlag(a, last, fPub) && !d.has(last, fOrg):
		kind = entDoc
	case d.anyFlag(a, b, fPub) && (b-a > 1 || d.pubAlone(a)):
		kind = entPub
	case d.anyFlag(a, b, fOrg):
		kind = entOrg
	}
	if kind != 0 {
		if b-a == 1 && d.isWord(b) && !d.toks[b].cap && d.has(b, fTitle) {
			return // "Port director Miguel Santos": part of a role, not a name
		}
		d.addMention(a, b, kind, gUnknown, "")
		return
	}
	// Split a leading title: "Chilean President Grace Okafor".
	role := ""
	k := -1
	for x := a; x < b; x++ {
		if d.has(x, fTitle) {
			k = x
		}
	}
	if k >= 0 {
		na := k + 1
		if d.isPunct(na, '.') {
			na++
		}
		if na >= b {
			return // a title alone: "the President"
		}
		role = d.text[d.toks[a].s:d.toks[k].e]
		a = na
	} else if d.isWord(a-1) && !d.toks[a-1].cap && d.has(a-1, fTitle|fPersonN) {
		// A lower-case role before the name: "city hall spokesperson Dan Pike".
		r := a - 1
		for r-1 >= 0 && a-r < 4 && d.isWord(r-1) && !d.has(r-1, fStop|fCue|fDet|fPrep|fClause) && !d.toks[r].sent && d.mentAt[r-1] == 0 {
			r--
		}
		role = d.text[d.toks[r].s:d.toks[a-1].e]
	}
	if d.has(a, fMale) {
		gender = gMale
	} else if d.has(a, fFemale) {
		gender = gFemale
	}
	if app := d.appositive(b); app != "" && role == "" {
		role = app
	}
	kind = entMaybe
	if e := d.knownPerson(a, b); role != "" || gender != gUnknown || (e >= 0 && d.ents[e].kind == entPerson) {
		kind = entPerson
	}
	d.addMention(a, b, kind, gender, role)
}

func (d *doc) pubAlone(a int) bool {
	switch string(lowerKey(d.buf[:], d.word(a))) {
	case "reuters", "ap", "afp", "bloomberg", "bbc", "cnn", "npr", "msnbc", "politico", "axios", "abc", "cbs", "nbc", "fox":
		return true
	}
	return false
}

func (d *doc) anyFlag(a, b int, f uint32) bool {
	for x := a; x < b; x++ {
		if d.flags[x]&f != 0 {
			return true
		}
	}
	return false
}

// appositive returns the role in ", a former ambassador to Canada," right
// after a name ending at token b, or "".
func (d *doc) appositive(b int) string {
	if !d.isPunct(b, ',') || !d.isWord(b+1) || d.has(b+1, fClause) || d.has(b+1, fCue) {
		return ""
	}
	first := b + 1
	if !(d.has(first, fDet|fTitle|fPersonN) || !d.toks[first].cap) {
		return ""
	}
	if d.has(first, fHe|fShe|fThey|fIt|fFirstP) {
		return ""
	}
	end := first
	hasRole := false
	for end < len(d.toks) && end-first < 16 {
		t := d.toks[end]
		if (t.kind != tkWord && !d.isApos(end)) || t.sent || (end > first && d.has(end, fClause)) || (d.has(end, fCue) && !d.has(end, fTitle|fPersonN)) {
			break
		}
		if d.has(end, fTitle|fPersonN) {
			hasRole = true
		}
		end++
	}
	if !hasRole || end == first {
		return ""
	}
	if !(d.isPunct(end, ',') || d.isPunct(end, '.') || d.isPunct(end, ';') || d.has(end, fClause) || d.isPunct(end, '(')) {
		return ""
	}
	s := d.text[d.toks[first].s:d.toks[end-1].e]
	for _, art := range []string{"a ", "an ", "the ", "A ", "An ", "The "} {
		s = strings.TrimPrefix(s, art)
	}
	return s
}

// nameKey folds a name token, dropping a possessive ("Okafor's").
func nameKey(w string) string { return textnorm.Fold(w) }

// keyAt is nameKey(d.word(i)), remembered for the last few tokens (a
// name run's first and last words are folded by nameRun, knownPerson
// twice and addMention) and, per word, for the whole text (a name comes
// back again and again): folding a capitalised word allocates.
func (d *doc) keyAt(i int) string {
	c := &d.keys[i&(len(d.keys)-1)]
	if c.tok != i+1 {
		w := d.word(i)
		k, ok := d.sc.folds[w]
		if !ok {
			k = nameKey(w)
			d.sc.folds[w] = k
		}
		c.tok, c.key = i+1, k
	}
	return c.key
}

// knownPerson returns the person entity a name run [a,b) refers to, or -1.
// Lookups go through maps so that a text of a million names stays linear.
func (d *doc) knownPerson(a, b int) int {
	lastK := d.keyAt(b - 1)
	if b-a == 1 {
		if e, ok := d.byLast[lastK]; ok {
			return e
		}
		if e, ok := d.byFirst[lastK]; ok && d.ents[e].kind == entPerson {
			return e
		}
		return -1
	}
	if e, ok := d.byLast[lastK]; ok {
		en := &d.ents[e]
		if en.first == d.keyAt(a) || !strings.Contains(en.name, " ") {
			return e
		}
	}
	return -1
}

func (d *doc) nameText(a, b int) string {
	s := d.text[d.toks[a].s:d.toks[b-1].e]
	for _, suf := range []string{"’s", "'s"} {
		s = strings.TrimSuffix(s, suf)
	}
	return s
}

func (d *doc) addMention(a, b, kind, gender int, role string) {
	e := -1
	name := d.nameText(a, b)
	if kind == entPerson || kind == entMaybe {
		e = d.knownPerson(a, b)
		if e >= 0 && b-a > 1 && strings.Count(d.ents[e].name, " ") == 0 {
			// A full name after a short one: the full name is canonical.
			d.ents[e].name = name
			d.ents[e].first = d.keyAt(a)
		}
	} else {
		if x, ok := d.byName[strings.ToLower(name)]; ok && d.ents[x].kind == kind {
			e = x
		}
	}
	if e < 0 {
		d.ents = append(d.ents, entity{name: name, kind: kind, last: d.keyAt(b - 1), first: d.keyAt(a)})
		e = len(d.ents) - 1
		if kind == entPerson || kind == entMaybe {
			d.byLast[d.ents[e].last] = e
			if b-a > 1 {
				d.byFirst[d.ents[e].first] = e
			}
		} else {
			d.byName[strings.ToLower(name)] = e
		}
	} else if (kind == entPerson || kind == entMaybe) && b-a > 1 {
		d.byLast[d.keyAt(b-1)] = e
	}
	en := &d.ents[e]
	if kind == entPerson {
		en.kind = entPerson
	}
	if gender != gUnknown {
		en.gender = gender
	}
	en.mentions++
	if role != "" {
		en.addRole(role)
	}
	d.ments = append(d.ments, mention{a: a, b: b, ent: e, role: role})
	for x := a; x < b; x++ {
		d.mentAt[x] = int32(len(d.ments))
	}
}

func (en *entity) addRole(r string) {
	for _, have := range en.roles {
		if strings.EqualFold(have, r) {
			return
		}
	}
	if len(en.roles) < 8 {
		en.roles = append(en.roles, r)
	}
}

// resolvePronouns links he/she (and his/her) to the most recent person of
// a compatible gender, learning a person's gender from the first pronoun
// that can only be theirs.
func (d *doc) resolvePronouns() {
	d.sc.proRef = zeroed(d.sc.proRef, len(d.toks))
	d.proRef = d.sc.proRef
	var lastBy [3]int // entity+1 of the most recent person per gender
	var lastPos [3]int
	var lastGroup int
	for i := range d.toks {
		if m := d.mentAt[i]; m != 0 && d.ments[m-1].a == i {
			e := d.ments[m-1].ent
			en := d.ents[e]
			switch en.kind {
			case entPerson:
				lastBy[en.gender] = e + 1
				lastPos[en.gender] = i
				if en.gender == gUnknown {
					// A person of unknown gender is the latest candidate for both.
					for g := 1; g < 3; g++ {
						if lastBy[g] == e+1 {
							lastBy[g] = 0
						}
					}
				} else if lastBy[gUnknown] == e+1 {
					lastBy[gUnknown] = 0
				}
			case entOrg, entPub:
				lastGroup = e + 1
			}
			continue
		}
		f := d.flags[i]
		var g int
		switch {
		case f&fHe != 0:
			g = gMale
		case f&fShe != 0:
			g = gFemale
		case f&fThey != 0:
			if lastGroup != 0 {
				d.proRef[i] = int32(lastGroup)
			}
			continue
		default:
			continue
		}
		e := lastBy[g]
		if lastBy[gUnknown] != 0 && (e == 0 || lastPos[gUnknown] > lastPos[g]) {
			e = lastBy[gUnknown]
			// The pronoun tells the unknown person's gender.
			d.ents[e-1].gender = g
			lastBy[g], lastPos[g] = e, lastPos[gUnknown]
			lastBy[gUnknown] = 0
		}
		if e != 0 {
			d.proRef[i] = int32(e)
			d.ents[e-1].mentions++
		}
	}
}

// people and orgs fill the article's lists in order of first mention.
func (d *doc) people() ([]model.Person, []model.Organization) {
	var ps []model.Person
	var os []model.Organization
	for _, en := range d.ents {
		switch en.kind {
		case entPerson:
			roles := en.roles
			if roles == nil {
				roles = []string{}
			}
			ps = append(ps, model.Person{Name: en.name, Roles: roles, Mentions: en.mentions})
		case entOrg, entPub:
			os = append(os, model.Organization{Name: en.name, Mentions: en.mentions})
		}
	}
	return ps, os
}
