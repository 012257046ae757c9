package analyze

import (
	"strings"
	"testing"
)

// A cue whose own content the tagger missed must not take the content
// of the cue after it.
func TestTagRelationsContentPrefersNearestCue(t *testing.T) {
	d := analyzeRules("Okafor said nothing new, and Reyes wrote that the plan works.")
	lab := make([]uint8, len(d.toks))
	inT := false
	for i := range d.toks {
		switch w := d.word(i); {
		case w == "Okafor" || w == "Reyes":
			lab[i] = lBS
		case w == "said" || w == "wrote":
			lab[i] = lBC
		case w == "that":
			lab[i], inT = lBT, true
		case w == ".":
			inT = false
		case inT:
			lab[i] = lIT
		}
	}
	d.tagRelations(lab)
	var got []string
	for _, r := range d.rels {
		got = append(got, d.word(r.cue[0])+": "+d.text[d.toks[r.src[0]].s:d.toks[r.src[1]-1].e]+": "+
			d.text[d.toks[r.parts[0][0]].s:d.toks[r.parts[0][1]-1].e])
	}
	if len(got) != 1 || got[0] != "wrote: Reyes: that the plan works" {
		t.Errorf("relations %q, want [wrote: Reyes: that the plan works]", got)
	}
}

// A participle cue after a comma takes the main clause's subject.
func TestParticipleSource(t *testing.T) {
	tokAt := func(d *doc, w string) int {
		for i := range d.toks {
			if d.word(i) == w {
				return i
			}
		}
		t.Fatalf("no token %q", w)
		return -1
	}
	srcText := func(d *doc, s [2]int) string {
		if s[0] < 0 {
			return ""
		}
		return d.text[d.toks[s[0]].s:d.toks[s[1]-1].e]
	}
	// The subject after an opening phrase.
	d := analyzeRules("After a long silence, Reyes appeared on television and endorsed Okafor, saying the plan works.")
	d.rels = d.rels[:0]
	c := tokAt(d, "saying")
	if !d.participle(c) {
		t.Fatal("saying after a comma is not a participle cue")
	}
	if got := srcText(d, d.participleSource(c, int32(d.unitOf[c]))); got != "Reyes" {
		t.Errorf("source %q, want Reyes", got)
	}
	// The source of the main clause's relation, when there is one.
	d = analyzeRules("The spokesman for the mayor denied the report, adding that the plan works.")
	c = tokAt(d, "adding")
	d.rels = append(d.rels[:0], rel{src: [2]int{0, 5}, cue: [2]int{5, 6}, unit: int(d.unitOf[c])})
	if got := srcText(d, d.participleSource(c, int32(d.unitOf[c]))); got != "The spokesman for the mayor" {
		t.Errorf("source %q, want the main relation's", got)
	}
	// Not a participle cue: no comma before it.
	d = analyzeRules("Reyes kept saying the plan works.")
	if d.participle(tokAt(d, "saying")) {
		t.Error("saying without a comma taken for a participle cue")
	}
}

// Content before its clause runs on to the comma over words the tagger
// left outside every span.
func TestTagRelationsContentRunsToComma(t *testing.T) {
	d := analyzeRules("The bridge stays shut until April, the agency said.")
	lab := make([]uint8, len(d.toks))
	for i := range d.toks {
		switch w := d.word(i); {
		case i == 0:
			lab[i] = lBT
		case i < 4:
			lab[i] = lIT
		case w == "the":
			lab[i] = lBS
		case w == "agency":
			lab[i] = lIS
		case w == "said":
			lab[i] = lBC
		}
	}
	d.tagRelations(lab)
	if len(d.rels) != 1 {
		t.Fatalf("%d relations, want 1", len(d.rels))
	}
	p := d.rels[0].parts[0]
	if got := d.text[d.toks[p[0]].s:d.toks[p[1]-1].e]; got != "The bridge stays shut until April" {
		t.Errorf("content %q, want it to run to the comma", got)
	}
}

// A cue coordinated with the clause before it shares that clause's source.
func TestCoordinatedCue(t *testing.T) {
	d := analyzeRules("Okafor denied the charge and later said the plan works.")
	c := -1
	for i := range d.toks {
		if d.word(i) == "said" {
			c = i
		}
	}
	if !d.coordinated(c) {
		t.Fatal(`"and later said" is not coordinated`)
	}
	u := int32(d.unitOf[c])
	d.rels = append(d.rels[:0], rel{src: [2]int{0, 1}, cue: [2]int{1, 2}, unit: int(u)})
	if got := d.prevSource(c, u); got != [2]int{0, 1} {
		t.Errorf("source %v, want Okafor's [0 1]", got)
	}
	d = analyzeRules("Okafor said the plan works.")
	if d.coordinated(1) {
		t.Error(`"Okafor said" taken for a coordinated cue`)
	}
}

// After a closing quote the speaker may follow the cue.
func TestInvertedSource(t *testing.T) {
	for _, c := range []struct{ text, cue, want string }{
		{"“The plan works,” reacted Okafor.", "reacted", "Okafor"},
		{"“The plan works,” read the statement.", "read", "the statement"},
		{"“The plan works,” reacted Okafor angrily at the hearing.", "reacted", ""},
		{"Okafor reacted calmly.", "reacted", ""},
	} {
		d := analyzeRules(c.text)
		for i := range d.toks {
			if d.word(i) != c.cue {
				continue
			}
			got := ""
			if s := d.invertedSource(i, i+1); s[0] >= 0 {
				got = d.text[d.toks[s[0]].s:d.toks[s[1]-1].e]
			}
			if got != c.want {
				t.Errorf("%q: source %q, want %q", c.text, got, c.want)
			}
		}
	}
}

// A bare quote sentence after `"A," X told Y.` is one more piece of that
// quote's relation, with X as its source, not a relation of its own.
func TestJoinQuoteRuns(t *testing.T) {
	d := analyzeRules(`Voters met on Monday. "The plan works," Reyes told the board. "It is cheap and it is ready."`)
	lab := make([]uint8, len(d.toks))
	inT := false
	for i := range d.toks {
		switch w := d.word(i); {
		case w == "Reyes":
			lab[i] = lBS
		case w == "told":
			lab[i] = lBC
		case w == `"` && !inT && i+1 < len(d.toks) && d.word(i+1) == "The":
			lab[i], inT = lBT, true
		case inT:
			lab[i] = lIT
			inT = w != `"`
		}
	}
	d.tagRelations(lab)
	if len(d.rels) != 1 {
		t.Fatalf("%d relations, want 1", len(d.rels))
	}
	r := d.rels[0]
	var got []string
	for _, p := range r.parts {
		got = append(got, d.text[d.toks[p[0]].s:d.toks[p[1]-1].e])
	}
	want := []string{`"The plan works,"`, `"It is cheap and it is ready."`}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] || d.word(r.src[0]) != "Reyes" {
		t.Errorf("parts %q source %q, want %q by Reyes", got, d.word(max(r.src[0], 0)), want)
	}
}

// A speech tag cut off after a quoted question stays in the quote's unit;
// a sentence with no cue after it does not.
func TestQuoteTagUnit(t *testing.T) {
	d := analyzeRules(`"Why now?" Marsh asked. "Who pays?" Marsh left the hall.`)
	unitOfWord := func(w string) int32 {
		for i := range d.toks {
			if d.word(i) == w {
				return d.unitOf[i]
			}
		}
		t.Fatalf("no token %q", w)
		return -1
	}
	if unitOfWord("Why") != unitOfWord("asked") {
		t.Error(`"Why now?" and "Marsh asked" are in different units`)
	}
	if unitOfWord("Who") == unitOfWord("left") {
		t.Error(`"Who pays?" and "Marsh left the hall" share a unit`)
	}
}

// A comma inside a closing quote mark still makes a participle cue.
func TestParticipleAfterQuotedComma(t *testing.T) {
	d := analyzeRules(`Reyes mocked the "expert," saying the plan works.`)
	for i := range d.toks {
		if d.word(i) == "saying" {
			if !d.participle(i) {
				t.Error(`saying after ," is not a participle cue`)
			}
			return
		}
	}
	t.Fatal("no saying")
}

// Content that opens with a quotation closed by a comma ends at the
// closing mark; a quotation that the sentence goes on inside does not.
func TestEndAtQuote(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{`Reyes said: "The plan works," but the vote failed.`, `"The plan works,"`},
		{`Reyes said "the plan" works well.`, `"the plan" works well`},
	} {
		d := analyzeRules(c.text)
		a := -1
		for i := range d.toks {
			if d.toks[i].kind == tkQuote && a < 0 {
				a = i
			}
		}
		parts := [][2]int{{a, d.trimEnd(0, len(d.toks))}}
		d.endAtQuote(parts)
		if got := d.text[d.toks[parts[0][0]].s:d.toks[parts[0][1]-1].e]; got != c.want {
			t.Errorf("%s: content %q, want %q", c.text, got, c.want)
		}
	}
}

// A tagged source that runs over its name's verb and object is the name;
// modifiers before a name stay.
func TestTrimSource(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"Ida Reyes attacked Tom Okafor, calling the plan a failure.", "Ida Reyes"},
		{"Council member Ida Reyes, calling the plan a failure, left.", "Council member Ida Reyes"},
	} {
		d := analyzeRules(c.text)
		e := 0
		for e < len(d.toks) && d.word(e) != "," {
			e++
		}
		src := d.trimSource([2]int{0, e})
		if got := d.text[d.toks[src[0]].s:d.toks[src[1]-1].e]; got != c.want {
			t.Errorf("%s: source %q, want %q", c.text, got, c.want)
		}
	}
}

// Content that opens a quotation and stops inside it runs to its close.
func TestEndAtQuoteRunsToClose(t *testing.T) {
	for _, c := range []struct{ text, from, to, want string }{
		{`Reyes wrote: "Yes, I will. The plan was a mistake." Then she left.`, `"`, "will", `"Yes, I will. The plan was a mistake."`},
		{`Reyes said Okafor "has courage. He is not afraid." Then she left.`, "Okafor", "courage", `Okafor "has courage. He is not afraid."`},
	} {
		d := analyzeRules(c.text)
		a, e := -1, -1
		for i := range d.toks {
			if d.word(i) == c.from && a < 0 {
				a = i
			}
			if d.word(i) == c.to {
				e = i + 1
			}
		}
		parts := [][2]int{{a, e}}
		d.endAtQuote(parts)
		if got := d.text[d.toks[parts[0][0]].s:d.toks[parts[0][1]-1].e]; got != c.want {
			t.Errorf("content %q, want %q", got, c.want)
		}
	}
}

// A cue after "and" does not take a source span after its content.
func TestCoordinatedCueNoSourceAfter(t *testing.T) {
	d := analyzeRules(`When Reyes arrived and said he would "fix the roads," the crowd cheered.`)
	lab := make([]uint8, len(d.toks))
	for i := range d.toks {
		switch w := d.word(i); {
		case w == "said":
			lab[i] = lBC
		case w == "he":
			lab[i] = lBT
		case i > 0 && lab[i-1] >= lBT && w != "the":
			lab[i] = lIT
		case w == "the":
			lab[i] = lBS
		case w == "crowd":
			lab[i] = lIS
		}
	}
	d.tagRelations(lab)
	for _, r := range d.rels {
		if d.word(r.cue[0]) == "said" && r.src[0] >= 0 && d.word(r.src[0]) == "the" {
			t.Errorf("said took the source after its content")
		}
	}
}

// A coordinated cue with no relation before it takes the sentence's
// subject.
func TestCoordinatedCueSubject(t *testing.T) {
	d := analyzeRules(`After the vote, Reyes denied the charge and said the plan works.`)
	lab := make([]uint8, len(d.toks))
	inT := false
	for i := range d.toks {
		switch w := d.word(i); {
		case w == "said":
			lab[i], inT = lBC, true
		case w == ".":
			inT = false
		case inT && lab[i-1] == lBC:
			lab[i] = lBT
		case inT:
			lab[i] = lIT
		}
	}
	d.tagRelations(lab)
	if len(d.rels) != 1 || d.rels[0].src[0] < 0 || d.word(d.rels[0].src[0]) != "Reyes" {
		t.Errorf("relations %+v, want one with source Reyes", d.rels)
	}
}

// 'she stated, "A," adding, "B."': A is stated's, B is adding's; the
// rules' relation for stated, cut around its clause, does not replace it.
func TestParticipleContentFollows(t *testing.T) {
	d := analyzeRules(`On the radio, Reyes stated, "The plan is late, and the cost is high," adding, "We will fix it this year."`)
	lab := make([]uint8, len(d.toks))
	quotes := 0
	for i := range d.toks {
		switch w := d.word(i); {
		case w == "Reyes":
			lab[i] = lBS
		case w == "stated" || w == "adding":
			lab[i] = lBC
		case w == `"`:
			quotes++
			if quotes%2 == 1 {
				lab[i] = lBT
			} else {
				lab[i] = lIT
			}
		case quotes%2 == 1:
			lab[i] = lIT
		}
	}
	d.tagRelations(lab)
	got := map[string]string{}
	for _, r := range d.rels {
		var ps []string
		for _, p := range r.parts {
			ps = append(ps, d.text[d.toks[p[0]].s:d.toks[p[1]-1].e])
		}
		got[d.word(r.cue[0])] = strings.Join(ps, " | ")
	}
	if got["stated"] != `"The plan is late, and the cost is high,"` || got["adding"] != `"We will fix it this year."` {
		t.Errorf("contents %q", got)
	}
}

// 'Reyes told reporters that A, and added that B': A is told's, though
// it sits next to added.
func TestContentBeforeCueNeedsNoWords(t *testing.T) {
	d := analyzeRules(`Reyes told reporters on Monday that the bridge "will not open," and added that the cost "keeps rising."`)
	lab := make([]uint8, len(d.toks))
	in := false
	for i := range d.toks {
		switch w := d.word(i); {
		case w == "Reyes":
			lab[i] = lBS
		case w == "told" || w == "added":
			lab[i], in = lBC, false
		case w == "that":
			lab[i], in = lBT, true
		case w == "and":
			in = false
		case in:
			lab[i] = lIT
		}
	}
	d.tagRelations(lab)
	got := map[string]string{}
	for _, r := range d.rels {
		got[d.word(r.cue[0])] = d.text[d.toks[r.parts[0][0]].s:d.toks[r.parts[len(r.parts)-1][1]-1].e]
	}
	if got["told"] != `that the bridge "will not open,"` || got["added"] != `that the cost "keeps rising."` {
		t.Errorf("contents %q", got)
	}
}
