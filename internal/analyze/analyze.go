// Package analyze finds sentences, people, organisations and attribution
// relations (who said what, with which cue) in English news text.
//
// Two layers:
//
//   - Rules (rules.go, entities.go): quote marks are paired per paragraph
//     (a paragraph that leaves a quote open continues it when the next
//     opens with a mark), sentences a quotation spans are joined into one
//     unit, and in each unit a cue (a speech verb in any form, "according
//     to", "citing") is tied to the noun phrase naming its speaker and to
//     the content on the other side. Speakers are resolved to people named
//     earlier (he/she by gender from first names, honorifics and the
//     pronouns used; short names by surname; "the minister" by role; "the
//     report" to the document named before; a name that is not otherwise
//     known and writes a report, "a Tidewater report said", "a report by
//     Tidewater", to that publication).
//   - A span tagger (tagger.go): a structured averaged perceptron with
//     first-order Viterbi decoding labels each token as source, cue or
//     content (BIO). Its features include the rules' own labels. It was
//     trained on PolNeAR train only; tagrels.go builds relations from its
//     spans. Where a quotation is concerned the rule relations win when
//     they know more (a speaker, every piece of a split quote), quotes the
//     tagger left out are added from the rules, and so are reports
//     ("according to", "X reported") it missed. A quotation still held
//     by no relation takes the speech tag of its sentence, whatever its
//     verb ('"A," the suit reads.').
//
// Rebuild the weights (model/tagger.bin.gz, about 0.8 MB) with
//
//	go run ./internal/analyze/cmd/train -data ../shared/data/polnear -out internal/analyze/model/tagger.bin.gz
//
// Every step is a bounded scan over the tokens, so time is linear in the
// length of the text whatever it holds.
//
// Split quotes ("A," she said, "B.") are one relation: Content is the
// first piece (offsets and text agree) and ContentParts lists every piece
// in text order. A quotation that follows its attributed sentence
// (`"A," she said. "B."`) is one more piece of that relation; a quote
// paragraph with no cue after a sentence that is not a quote relation is
// a relation of its own with no source, an empty cue at the quote's start
// and the speaker of the sentence before.
package analyze

import (
	"strings"

	"github.com/crosswire-news/crosswire/internal/model"
)

// Article fills a.Sentences, a.People, a.Organizations and a.Attributions
// from a.Text. Pure and deterministic: no globals mutated, no I/O, safe
// for concurrent use.
func Article(a *model.Article) {
	sc := scratchPool.Get().(*scratch)
	defer func() {
		// d and its slices are not used after Article returns. Buffers
		// grown by a huge text are left to the collector; the tagger's
		// type cache is not sized by the text, so it goes on in a fresh
		// scratch.
		if cap(sc.toks) <= 1<<16 {
			sc.release()
			scratchPool.Put(sc)
		} else if sc.types != nil {
			scratchPool.Put(&scratch{types: sc.types, words16: sc.words16})
		}
	}()
	d := analyzeRulesScratch(a.Text, sc)
	if m := loadTagger(); m != nil {
		d.tagRelations(m.tag(d, d.tokenFeats(d.ruleLabels())))
	}
	d.resolveSpeakers()
	a.Sentences = d.sents
	a.People, a.Organizations = d.people()
	a.Attributions = d.attributions()
	sc.ents, sc.ments = d.ents, d.ments // keep the grown arrays; release empties them
	if a.People == nil {
		a.People = []model.Person{}
	}
	if a.Organizations == nil {
		a.Organizations = []model.Organization{}
	}
}

// analyzeRules runs everything up to the rule relations.
// Its doc owns its buffers (training keeps many docs at once).
func analyzeRules(text string) *doc { return analyzeRulesScratch(text, new(scratch)) }

func analyzeRulesScratch(text string, sc *scratch) *doc {
	d := newDoc(text, sc)
	d.findEntities()
	d.resolvePronouns()
	d.findRelations()
	return d
}

// resolveSpeakers gives every relation a speaker, role and kind, walking
// the relations and the name mentions together in text order.
func (d *doc) resolveSpeakers() {
	mi := 0
	lastDoc := -1
	for ri := range d.rels {
		r := &d.rels[ri]
		at := r.clause[0]
		if r.src[0] >= 0 {
			at = r.src[0]
		}
		for mi < len(d.ments) && d.ments[mi].a < at {
			if d.ents[d.ments[mi].ent].kind == entDoc {
				lastDoc = d.ments[mi].ent
			}
			mi++
		}
		if r.inherit {
			d.inheritSpeaker(ri)
			continue
		}
		r.speaker, r.role, r.skind = d.resolveSource(r.src, lastDoc)
		// "Reuters reported", "the agency reports": a report, not speech.
		var wb [32]byte
		if r.kind == model.KindIndirect && (r.skind == model.SpeakerPublication || strings.HasPrefix(string(lowerWord(wb[:], d.word(r.cue[0]))), "report")) {
			r.kind = model.KindReported
		}
	}
}

// inheritSpeaker gives a relation with no source of its own the speaker of
// the relation before it, or else the first person named in the unit
// before (the sentence that introduces a quote paragraph).
func (d *doc) inheritSpeaker(ri int) {
	r := &d.rels[ri]
	r.skind = model.SpeakerUnknown
	if ri > 0 {
		p := d.rels[ri-1]
		if p.unit >= r.unit-1 {
			r.speaker, r.role, r.skind = p.speaker, p.role, p.skind
			return
		}
	}
	if r.unit == 0 {
		return
	}
	pu := d.units[r.unit-1]
	for k := pu[0]; k < pu[1]; k++ {
		if m := d.mentAt[k]; m != 0 {
			en := &d.ents[d.ments[m-1].ent]
			if en.kind == entPerson {
				r.speaker, r.role, r.skind = en.name, roleOf(d.ments[m-1].role, en), model.SpeakerPerson
				return
			}
		}
		if e := d.proRef[k]; e != 0 && d.ents[e-1].kind == entPerson {
			en := &d.ents[e-1]
			r.speaker, r.role, r.skind = en.name, roleOf("", en), model.SpeakerPerson
			return
		}
	}
}

func roleOf(mentionRole string, en *entity) string {
	if mentionRole != "" {
		return mentionRole
	}
	if len(en.roles) > 0 {
		return en.roles[0]
	}
	return ""
}

var indefinite = map[string]bool{"a": true, "an": true, "one": true, "another": true, "some": true}

// resolveSource maps a source mention to speaker, role and speaker kind.
func (d *doc) resolveSource(src [2]int, lastDoc int) (string, string, string) {
	if src[0] < 0 {
		return "", "", model.SpeakerUnknown
	}
	for x := src[0]; x < src[1]; x++ {
		if m := d.mentAt[x]; m != 0 {
			mt := d.ments[m-1]
			en := &d.ents[mt.ent]
			if mt.b < src[1] && !d.isPunct(mt.b, ',') && !d.isApos(mt.b) && !d.has(mt.b, fPrep|fClause) && !strings.EqualFold(d.word(mt.b), "speaking") {
				// "a Tidewater News Agency report": the report's author.
				if d.has(src[1]-1, fDoc) && (en.kind == entPub || en.kind == entOrg) {
					if en.kind == entPub {
						return en.name, "", model.SpeakerPublication
					}
					return en.name, "", model.SpeakerOrganization
				}
				// "a Tidewater report": a name not known otherwise that
				// writes reports is a newsroom.
				if en.kind == entMaybe && mt.b == src[1]-1 && d.reportNoun(mt.b) {
					en.kind = entPub
					return en.name, "", model.SpeakerPublication
				}
				x = mt.b - 1
				continue // "Halden minister": the name only modifies the head
			}
			// "a report by Tidewater": the author of the document.
			if mt.b == src[1] && d.docHead(src) == mt.a-2 {
				switch en.kind {
				case entPub:
					return en.name, "", model.SpeakerPublication
				case entOrg:
					return en.name, "", model.SpeakerOrganization
				case entMaybe:
					if d.reportNoun(mt.a - 2) {
						en.kind = entPub
						return en.name, "", model.SpeakerPublication
					}
				}
			}
			if en.kind == entMaybe && mt.b-mt.a == 1 && d.toks[mt.a].sent && strings.HasSuffix(d.word(mt.a), "s") {
				return "", "", model.SpeakerUnknown // "Islanders said": a plural, not a name
			}
			switch en.kind {
			case entPerson, entMaybe:
				en.kind = entPerson
				return en.name, roleOf(mt.role, en), model.SpeakerPerson
			case entOrg:
				return en.name, "", model.SpeakerOrganization
			case entPub:
				return en.name, "", model.SpeakerPublication
			case entDoc:
				return en.name, "", model.SpeakerDocument
			}
		}
		if e := d.proRef[x]; e != 0 {
			en := &d.ents[e-1]
			switch en.kind {
			case entPerson:
				return en.name, roleOf("", en), model.SpeakerPerson
			case entOrg:
				return en.name, "", model.SpeakerOrganization
			case entPub:
				return en.name, "", model.SpeakerPublication
			}
		}
	}
	// No name: classify by the head words.
	var head uint32
	det := ""
	for x := src[0]; x < src[1] && !d.isPunct(x, ','); x++ {
		if d.isWord(x) {
			head |= d.flags[x]
			if det == "" && d.has(x, fDet) {
				det = strings.ToLower(d.word(x))
			}
		}
	}
	switch {
	case head&(fHe|fShe) != 0:
		return "", "", model.SpeakerPerson
	case head&fDoc != 0:
		// "the report" is the one named before; "a memo" is another.
		if lastDoc >= 0 && !indefinite[det] {
			return d.ents[lastDoc].name, "", model.SpeakerDocument
		}
		return "", "", model.SpeakerDocument
	case head&fGroup != 0:
		return "", "", model.SpeakerOfficials
	case head&(fPersonN|fTitle) != 0:
		if indefinite[det] {
			return "", "", model.SpeakerAnonymous
		}
		if e, role := d.personByRole(src); e >= 0 {
			return d.ents[e].name, role, model.SpeakerPerson
		}
		return "", "", model.SpeakerAnonymous
	case head&fOrg != 0 || head&fThey != 0:
		return "", "", model.SpeakerOrganization
	}
	return "", "", model.SpeakerUnknown
}

// personByRole finds the person whose role holds the source's role word
// ("the minister" -> Transport Minister Ana Ruiz). Bounded to the first
// people named, to stay linear on pathological input.
func (d *doc) personByRole(src [2]int) (int, string) {
	for x := src[1] - 1; x >= src[0]; x-- {
		if !d.has(x, fTitle|fPersonN) {
			continue
		}
		w := strings.ToLower(d.word(x))
		for e := 0; e < len(d.ents) && e < 64; e++ {
			en := &d.ents[e]
			if en.kind != entPerson {
				continue
			}
			for _, r := range en.roles {
				for _, rw := range strings.Fields(strings.ToLower(r)) {
					if rw == w {
						return e, r
					}
				}
			}
		}
		break
	}
	return -1, ""
}

// attributions converts the relations to the contract.
func (d *doc) attributions() []model.Attribution {
	out := make([]model.Attribution, 0, len(d.rels))
	for _, r := range d.rels {
		if len(r.parts) == 0 {
			continue // its content was all another relation's
		}
		a := model.Attribution{Kind: r.kind, Cue: d.span(r.cue[0], r.cue[1]), SpeakerKind: r.skind,
			Speaker: model.NullString(r.speaker), SpeakerRole: r.role}
		if r.cue[0] == r.cue[1] && r.cue[0] < len(d.toks) {
			s := int(d.toks[r.cue[0]].s)
			a.Cue = model.Span{Start: s, End: s}
		}
		a.Content = d.span(r.parts[0][0], r.parts[0][1])
		if len(r.parts) > 1 {
			for _, p := range r.parts {
				a.ContentParts = append(a.ContentParts, d.span(p[0], p[1]))
			}
		}
		if r.src[0] >= 0 {
			s := d.sourceSpan(r.src)
			a.Source = &s
		}
		if a.SpeakerKind == "" {
			a.SpeakerKind = model.SpeakerUnknown
		}
		out = append(out, a)
	}
	return out
}

// sourceSpan is the text span of a source mention; a contracted pronoun
// ("she's", "they're") is the pronoun alone, as PolNeAR marks it.
func (d *doc) sourceSpan(src [2]int) model.Span {
	sp := d.span(src[0], src[1])
	if src[1]-src[0] != 1 {
		return sp
	}
	w := sp.Text
	if i := strings.IndexAny(w, "'’"); i > 0 && subjectPronoun(lowerKey(d.buf[:], w[:i])) {
		sp.End, sp.Text = sp.Start+i, w[:i]
	}
	return sp
}
