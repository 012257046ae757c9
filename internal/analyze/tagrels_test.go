package analyze

import (
	"strings"
	"testing"
)

// A cue whose own content the tagger missed must not take the content
// of the cue after it.
func TestTagRelationsContentPrefersNearestCue(t *testing.T) {
	d, lab := markedLabels(t, `{S Okafor} {C said} nothing new, and {S Reyes} {C wrote} {T that the plan works}.`)
	d.tagRelations(lab)
	var got []string
	for _, r := range d.rels {
		got = append(got, d.word(r.cue[0])+": "+spanText(d, r.src)+": "+
			spanText(d, r.parts[0]))
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
	// The subject after an opening phrase.
	d := analyzeRules("After a long silence, Reyes appeared on television and endorsed Okafor, saying the plan works.")
	d.rels = d.rels[:0]
	c := tokAt(d, "saying")
	if !d.participle(c) {
		t.Fatal("saying after a comma is not a participle cue")
	}
	if got := spanText(d, d.participleSource(c, int32(d.unitOf[c]))); got != "Reyes" {
		t.Errorf("source %q, want Reyes", got)
	}
	// The source of the main clause's relation, when there is one.
	d = analyzeRules("The spokesman for the mayor denied the report, adding that the plan works.")
	c = tokAt(d, "adding")
	d.rels = append(d.rels[:0], rel{src: [2]int{0, 5}, cue: [2]int{5, 6}, unit: int(d.unitOf[c])})
	if got := spanText(d, d.participleSource(c, int32(d.unitOf[c]))); got != "The spokesman for the mayor" {
		t.Errorf("source %q, want the main relation's", got)
	}
	// A subject pronoun after a clause word; the opening name before its
	// appositive when nothing else qualifies.
	for text, want := range map[string]string{
		"Colonel Dana Wilk started the row when he brought up the bombing and later said it was over.": "he",
		"Priebus, who has been in contact with the campaign, arrived late and said it was over.":       "Priebus",
		"Then she cut into the budget and said it was over.":                                           "she",
	} {
		d = analyzeRules(text)
		d.rels = d.rels[:0]
		c = tokAt(d, "said")
		if got := spanText(d, d.participleSource(c, int32(d.unitOf[c]))); got != want {
			t.Errorf("%s: source %q, want %q", text, got, want)
		}
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
	d, lab := markedLabels(t, `{T The bridge stays shut} until April, {S the agency} {C said}.`)
	d.tagRelations(lab)
	if len(d.rels) != 1 {
		t.Fatalf("%d relations, want 1", len(d.rels))
	}
	p := d.rels[0].parts[0]
	if got := spanText(d, p); got != "The bridge stays shut until April" {
		t.Errorf("content %q, want it to run to the comma", got)
	}
}

// Content after its cue runs on to the end of the sentence over tokens
// the tagger left outside every span, but not over another span, a quote
// mark or a dash.
func TestTagRelationsContentRunsToSentenceEnd(t *testing.T) {
	for _, c := range []struct{ marked, want string }{
		{`{S Reyes} {C said} {T the plan stalled} after the council balked at its cost.`,
			"the plan stalled after the council balked at its cost"},
		{`{S Reyes} {C said} {T the plan stalled}, {S Okafor} {C wrote}.`, "the plan stalled"},
		{`{S Reyes} {C said} {T the plan stalled} in a "bad" week.`, "the plan stalled"},
		// Not over a dash: what follows it is mostly the writer's.
		{`{S Reyes} {C said} {T the plan stalled} – a setback for the council.`, "the plan stalled"},
	} {
		d, lab := markedLabels(t, c.marked)
		d.tagRelations(lab)
		if len(d.rels) == 0 {
			t.Fatalf("%s: no relation", c.marked)
		}
		p := d.rels[0].parts[0]
		if got := spanText(d, p); got != c.want {
			t.Errorf("%s: content %q, want %q", c.marked, got, c.want)
		}
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
	// Over a phrase of a preposition: still coordinated; a name there
	// is a subject of its own.
	for text, want := range map[string]bool{
		"The clerk first denied it, but in a later interview said the plan works.": true,
		"Okafor denied the charge and on Tuesday said the plan works.":             true,
		"Okafor denied the charge and in Halden Ruiz said the plan works.":         false,
	} {
		d := analyzeRules(text)
		for i := range d.toks {
			if d.word(i) == "said" && d.coordinated(i) != want {
				t.Errorf("%s: coordinated %v, want %v", text, !want, want)
			}
		}
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
		// A description before the name, which ends the sentence.
		{"“The plan works,” mused Tribune co-host Dana Barnard.", "mused", "Tribune co-host Dana Barnard"},
		{"“The plan works,” mused Tribune co-host Dana Barnard at the hearing.", "mused", ""},
	} {
		d := analyzeRules(c.text)
		for i := range d.toks {
			if d.word(i) != c.cue {
				continue
			}
			got := ""
			if s := d.invertedSource(i, i+1); s[0] >= 0 {
				got = spanText(d, s)
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
	d, lab := markedLabels(t, `Voters met on Monday. {T "The plan works,"} {S Reyes} {C told} the board. "It is cheap and it is ready."`)
	d.tagRelations(lab)
	if len(d.rels) != 1 {
		t.Fatalf("%d relations, want 1", len(d.rels))
	}
	r := d.rels[0]
	var got []string
	for _, p := range r.parts {
		got = append(got, spanText(d, p))
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
		if got := spanText(d, parts[0]); got != c.want {
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
		if got := spanText(d, src); got != c.want {
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
		if got := spanText(d, parts[0]); got != c.want {
			t.Errorf("content %q, want %q", got, c.want)
		}
	}
}

// Content that closes a quotation but starts inside it starts at the
// opening mark; content wholly inside a quotation stays.
func TestEndAtQuoteStartsAtOpen(t *testing.T) {
	for _, c := range []struct{ text, from, to, want string }{
		{`"Who pays for the dam? Is anyone counting?" asked Okafor.`, "Is", `"`, `"Who pays for the dam? Is anyone counting?"`},
		{`"Reyes said the dam leaks. We checked," Okafor wrote.`, "the", "leaks", "the dam leaks"},
	} {
		d := analyzeRules(c.text)
		a, e := -1, -1
		for i := range d.toks {
			if d.text[d.toks[i].s:d.toks[i].e] == c.from && a < 0 && i > 0 {
				a = i
			}
			if d.text[d.toks[i].s:d.toks[i].e] == c.to && i > a && a >= 0 && e < 0 {
				e = i + 1
			}
		}
		parts := [][2]int{{a, e}}
		d.endAtQuote(parts)
		if got := spanText(d, parts[0]); got != c.want {
			t.Errorf("content %q, want %q", got, c.want)
		}
	}
}

// A cue after "and" does not take a source span after its content.
func TestCoordinatedCueNoSourceAfter(t *testing.T) {
	d, lab := markedLabels(t, `When Reyes arrived and {C said} {T he would "fix the roads,"} {S the crowd} cheered.`)
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
	d, lab := markedLabels(t, `After the vote, Reyes denied the charge and {C said} {T the plan works}.`)
	d.tagRelations(lab)
	if len(d.rels) != 1 || d.rels[0].src[0] < 0 || d.word(d.rels[0].src[0]) != "Reyes" {
		t.Errorf("relations %+v, want one with source Reyes", d.rels)
	}
}

// 'she stated, "A," adding, "B."': A is stated's, B is adding's; the
// rules' relation for stated, cut around its clause, does not replace it.
func TestParticipleContentFollows(t *testing.T) {
	d, lab := markedLabels(t, `On the radio, {S Reyes} {C stated}, {T "The plan is late, and the cost is high,"} {C adding}, {T "We will fix it this year."}`)
	d.tagRelations(lab)
	got := map[string]string{}
	for _, r := range d.rels {
		var ps []string
		for _, p := range r.parts {
			ps = append(ps, spanText(d, p))
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
	d, lab := markedLabels(t, `{S Reyes} {C told} reporters on Monday {T that the bridge "will not open,"} and {C added} {T that the cost "keeps rising."}`)
	d.tagRelations(lab)
	got := map[string]string{}
	for _, r := range d.rels {
		got[d.word(r.cue[0])] = d.text[d.toks[r.parts[0][0]].s:d.toks[r.parts[len(r.parts)-1][1]-1].e]
	}
	if got["told"] != `that the bridge "will not open,"` || got["added"] != `that the cost "keeps rising."` {
		t.Errorf("contents %q", got)
	}
}

// markedLabels reads a sentence marked up with the tagger's spans
// ("{S Reyes} {C said} {T that it works}."), runs the rules on the plain
// text and returns the BIO labels the markup gives its tokens, as the
// tagger would have.
func markedLabels(t *testing.T, marked string) (*doc, []uint8) {
	t.Helper()
	type span struct {
		b     uint8 // B- label
		start int
		end   int
	}
	var text strings.Builder
	var spans []span
	for rest := marked; rest != ""; {
		i := strings.IndexByte(rest, '{')
		if i < 0 {
			text.WriteString(rest)
			break
		}
		text.WriteString(rest[:i])
		j := strings.IndexByte(rest[i:], '}')
		if j < 3 || rest[i+2] != ' ' {
			t.Fatalf("bad markup at %q", rest[i:])
		}
		b := map[byte]uint8{'S': lBS, 'C': lBC, 'T': lBT}[rest[i+1]]
		if b == 0 {
			t.Fatalf("unknown span label in %q", rest[i:i+j+1])
		}
		start := text.Len()
		text.WriteString(rest[i+3 : i+j])
		spans = append(spans, span{b, start, text.Len()})
		rest = rest[i+j+1:]
	}
	d := analyzeRules(text.String())
	lab := make([]uint8, len(d.toks))
	for _, sp := range spans {
		first := true
		for i, tk := range d.toks {
			if int(tk.s) >= sp.start && int(tk.s) < sp.end {
				lab[i] = sp.b + 1 // I-
				if first {
					lab[i], first = sp.b, false
				}
			}
		}
		if first {
			t.Fatalf("no token in span %q", text.String()[sp.start:sp.end])
		}
	}
	return d, lab
}

func TestMarkedLabels(t *testing.T) {
	d, lab := markedLabels(t, `{S Ana Ruiz} {C said} {T it works}.`)
	if d.text != "Ana Ruiz said it works." {
		t.Fatalf("text %q", d.text)
	}
	want := []uint8{lBS, lIS, lBC, lBT, lIT, lO}
	if len(lab) != len(want) {
		t.Fatalf("%d labels for %d tokens, want %v", len(lab), len(d.toks), want)
	}
	for i := range want {
		if lab[i] != want[i] {
			t.Errorf("token %q: label %d, want %d", d.word(i), lab[i], want[i])
		}
	}
}

// A report right after a relation nests it: its content is that
// relation's content and clause, with the quotation's later pieces.
func TestNestedReport(t *testing.T) {
	d, lab := markedLabels(t, `{T “The port stays shut,”} {S Okafor} {C said}, {C according to} {S the Tidewater Herald}. {T “It is over.”}`)
	d.tagRelations(lab)
	var got []string
	for _, r := range d.rels {
		s := spanText(d, r.cue) + ":"
		for _, p := range r.parts {
			s += " [" + spanText(d, p) + "]"
		}
		got = append(got, s)
	}
	want := []string{"said: [“The port stays shut,”] [“It is over.”]",
		"according to: [“The port stays shut,” Okafor said] [“It is over.”]"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("relations\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Content that goes on after its last quotation, closed by a comma, with
// a remark of the writer's ends at the quotation.
func TestContentEndsAfterQuoteRemark(t *testing.T) {
	for marked, want := range map[string]string{
		`{S Okafor} {C called} {T him a “moderate,” a subtle dig at the mayor}.`:       "him a “moderate,”",
		`{S The board} {C deemed} {T him “well qualified,” which is its top rating}.`:  "him “well qualified,”",
		`{S Ruiz} {C said} {T the plan was “dead,” but she gave no reason}.`:           "the plan was “dead,”",
		`{S Ruiz} {C admits} {T the plan is “not the best,” but is one she can back}.`: "the plan is “not the best,” but is one she can back",
		`{S Ruiz} {C said} {T the plan was “dead” and the port would stay shut}.`:      "the plan was “dead” and the port would stay shut",
	} {
		d, lab := markedLabels(t, marked)
		d.tagRelations(lab)
		if len(d.rels) != 1 {
			t.Errorf("%s: %d relations, want 1", marked, len(d.rels))
			continue
		}
		p := d.rels[0].parts[0]
		if got := spanText(d, p); got != want {
			t.Errorf("%s: content %q, want %q", marked, got, want)
		}
	}
}

// A report after a speech tag with a phrase of its own nests the whole
// relation, phrase and all.
func TestNestedReportAfterPhrase(t *testing.T) {
	d, lab := markedLabels(t, `{T “The port stays shut,”} {S Okafor} {C said} in a letter to the board, {C according to} {S the Tidewater Herald}.`)
	d.tagRelations(lab)
	for _, r := range d.rels {
		if d.word(r.cue[0]) != "according" {
			continue
		}
		p := r.parts[0]
		if got, want := spanText(d, p), "“The port stays shut,” Okafor said in a letter to the board"; !r.nested || got != want {
			t.Errorf("report content %q (nested %v), want %q", got, r.nested, want)
		}
		return
	}
	t.Error("no report relation")
}

// After the speech tag of a quotation a second piece holds a quotation
// ('"A," she said, "B."', '"A," the memo states, takes effect "B."'), not
// a phrase about the saying ('"A," she said of the plan').
func TestSecondPieceAfterQuotation(t *testing.T) {
	for marked, want := range map[string]string{
		`{T “It is fine,”} {S Okafor} {C said} of {T the bridge plan}.`:                      "“It is fine,”",
		`{T “It is fine,”} {S Okafor} {C said}, {T “and it is cheap.”}`:                      "“It is fine,” | “and it is cheap.”",
		`{T “Family leave,”} {S the memo} {C states}, {T becomes available “after a year.”}`: "“Family leave,” | becomes available “after a year.”",
		`{T The bridge}, {S Okafor} {C said}, {T is fine}.`:                                  "The bridge | is fine",
	} {
		if got, ok := oneRelParts(t, marked); ok && got != want {
			t.Errorf("%s: parts %q, want %q", marked, got, want)
		}
	}
}

// A source right before its cue stays that cue's even when an opening
// participle took it first.
func TestSourceSharedWithOpeningCue(t *testing.T) {
	d, lab := markedLabels(t, `{C Reflecting on} {T her years as a judge}, {S the senator} {C said}, {T “I never knew what would happen.”}`)
	d.tagRelations(lab)
	var got []string
	for _, r := range d.rels {
		s := d.word(r.cue[0]) + ": "
		if r.src[0] >= 0 {
			s += spanText(d, r.src)
		}
		got = append(got, s)
	}
	if strings.Join(got, "; ") != "Reflecting: the senator; said: the senator" {
		t.Errorf("relations %q, want both with the source the senator", got)
	}
}

// A tagged source of adverbs only, or the object of a preposition before
// it, names no speaker: the cue takes the main clause's subject.
func TestNotSpeakerSource(t *testing.T) {
	for marked, want := range map[string]string{
		`Ana Ruiz met the mayor and {S officially} {C endorsed} {T the “harbour plan.”}`:                                          "Ana Ruiz",
		`The clerk first denied it, but in a later {S interview} {C said} {T he had an “awful” moment}.`:                          "The clerk",
		`In a long interview {S the clerk} {C said} {T he had an “awful” moment}.`:                                                "the clerk",
		`{T “I am a delegate and I do not believe in delegates,”} Ana Ruiz, {S who has not endorsed anyone}, {C told} reporters.`: "Ana Ruiz, who has not endorsed anyone",
		`{S Will} {C wrote} {T that the plan was “dead.”}`:                                                                        "Will",
		`Rosa Waters, {S whose Harbour Unbound group} has led the effort, {C predicted} {T that members would “fight.”}`:          "Rosa Waters, whose Harbour Unbound group has led the effort",
	} {
		d, lab := markedLabels(t, marked)
		d.tagRelations(lab)
		got := ""
		for _, r := range d.rels {
			if d.hasQuoteMark(r.parts[0][0], r.parts[len(r.parts)-1][1]) && r.src[0] >= 0 {
				got = spanText(d, r.src)
			}
		}
		if got != want {
			t.Errorf("%s: source %q, want %q", marked, got, want)
		}
	}
}

// A tagged source running over its clause ("Reyes took the stage and")
// or over adverbs ("Reyes later Thursday") is cut to the name.
func TestTrimSourceClauseAndAdverbs(t *testing.T) {
	for marked, want := range map[string]string{
		`{S Reyes took the stage in Halden and} {C called} {T the plan “rotten.”}`:         "Reyes",
		`{S She greeted the crowd in Halden and} {C told} them {T the plan was “rotten.”}`: "She",
		`{S Reyes later Thursday} {C told} reporters {T the plan was “rotten.”}`:           "Reyes",
		// A name, a verb in the past and its object, whatever the name.
		`{S Tidewater Watch obtained a video of the long} speech and {C said} {T she “steered a middle ground.”}`: "Tidewater Watch",
		// A clause with no name or pronoun opening it: the main subject.
		`Reyes, who ran the port, {S arrived late and} {C said} {T the plan was “rotten.”}`: "Reyes",
	} {
		d, lab := markedLabels(t, marked)
		d.tagRelations(lab)
		if len(d.rels) != 1 || d.rels[0].src[0] < 0 {
			t.Errorf("%s: relations %+v", marked, d.rels)
			continue
		}
		s := d.rels[0].src
		if got := spanText(d, s); got != want {
			t.Errorf("%s: source %q, want %q", marked, got, want)
		}
	}
}

// A quote paragraph with no cue of its own takes the speaker and cue
// around it: a signature on the next line ("- Ana Ruiz.", the dash its
// cue), or the paragraph before that introduces it ("The Tidewater
// Herald responded:").
func TestQuoteParagraphSpeakerAround(t *testing.T) {
	for _, c := range []struct{ marked, src, cue string }{
		{"Okafor spoke on Monday.\n\n{T “The port reopens in April.”}\n\n- Ana Ruiz.\n\nThe bridge stays shut.", "Ana Ruiz", "-"},
		{"Okafor spoke on Monday.\n\nThe Tidewater Herald responded:\n\n{T “The port reopens in April.”}\n\nThe bridge stays shut.", "The Tidewater Herald", "responded"},
		// A title before the name, a short description after it.
		{"Okafor spoke on Monday.\n\n{T “The port reopens in April.”}\n\n-Mayor Ana Ruiz, speaking after the council vote.\n\nThe bridge stays shut.", "Mayor Ana Ruiz", "-"},
		{"Okafor spoke on Monday.\n\n{T “The port reopens in April.”}\n\n- Ana Ruiz, Halden.", "Ana Ruiz", "-"},
	} {
		d, lab := markedLabels(t, c.marked)
		d.tagRelations(lab)
		if len(d.rels) != 1 || d.rels[0].src[0] < 0 {
			t.Fatalf("%q: relations %+v, want one with a source", c.marked, d.rels)
		}
		r := d.rels[0]
		if got := spanText(d, r.src); got != c.src || d.word(r.cue[0]) != c.cue {
			t.Errorf("%q: source %q cue %q, want %s and %s", c.marked, got, d.word(r.cue[0]), c.src, c.cue)
		}
	}
}

// A rule relation whose cue is inside a name ("the United States") does
// not repair the tagger's relations.
func TestRuleCueInsideName(t *testing.T) {
	d, lab := markedLabels(t, `Okafor met Ruiz in Halden. The visit of the Tidewater Harbour Board to the United States “was a failure.”`)
	ruleCue := false
	for _, r := range d.rels {
		ruleCue = ruleCue || d.word(r.cue[0]) == "States"
	}
	if !ruleCue {
		t.Skip("the rules no longer take States for a cue")
	}
	d.tagRelations(lab)
	for _, r := range d.rels {
		if d.word(r.cue[0]) == "States" {
			t.Errorf("relation with the cue States: %+v", r)
		}
	}
}

// A quotation no relation holds takes the speech tag that ends its
// sentence, whatever its verb; not a sentence that goes on.
func TestSpeechTags(t *testing.T) {
	for text, want := range map[string]string{
		"Okafor left.\n\n“The harbour stays shut until April,” the memo reads.":                  "the memo: reads",
		"Okafor spoke.\n\n“Out!” the crowd chanted back.":                                        "the crowd: chanted back",
		"Okafor spoke.\n\n“Not now,” mused harbour pilot Dan Pike.":                              "harbour pilot Dan Pike: mused",
		"Okafor left.\n\nThen she returned to her old lines: “The harbour stays shut.”":          "she: returned to her old lines",
		"Okafor left.\n\nAs the mayor spoke, the dockers chanted, “Open the port!”":              "the dockers: chanted",
		"Okafor left.\n\nThe plan, long delayed, “will never work.”":                             "",
		"Okafor left.\n\nIt was plain: “The harbour stays shut.”":                                "",
		"Okafor left.\n\n“The harbour stays shut,” the memo reads in part, and the port agrees.": "",
		"Okafor left.\n\n“The harbour stays shut,” the memo of the board.":                       "",
	} {
		d, lab := markedLabels(t, text)
		d.tagRelations(lab)
		got := ""
		for _, r := range d.rels {
			if r.src[0] >= 0 {
				got = spanText(d, r.src) + ": " + spanText(d, r.cue)
			}
		}
		if got != want {
			t.Errorf("%q: relation %q, want %q", text, got, want)
		}
	}
}

// A dash line that goes on as a sentence is no signature.
func TestQuoteParagraphDashSentence(t *testing.T) {
	d, lab := markedLabels(t, "Okafor spoke on Monday.\n\n{T “The port reopens in April.”}\n\n- Ana Ruiz, the mayor, said the vote was close.\n\nThe bridge stays shut.")
	d.tagRelations(lab)
	for _, r := range d.rels {
		if r.cue[0] < r.cue[1] && d.word(r.cue[0]) == "-" {
			t.Errorf("the dash taken for a signature's cue: %+v", r)
		}
	}
}

// A quotation whose cue the tagger gave no source takes the name or
// personal pronoun right before the cue, with its appositive; not "it",
// and not for a cue coordinated with the clause before it.
func TestQuoteSourceNamedBefore(t *testing.T) {
	for _, c := range []struct{ marked, src string }{
		{`After {S the host} {C asked} {T the economist who would win}, D’Arcy {C replied}, {T “I would bet on Ruiz.”}`, "D’Arcy"},
		{`Ana Ruiz, who ran the port when it closed during the long storm of the winter, {C conceded}, {T “The plan is deeply regrettable.”}`, "Ana Ruiz, who ran the port when it closed during the long storm of the winter"},
		// A relative clause longer than the rules' appositives.
		{`Earlier, Ana Ruiz, who ran the port when the council decided to close it to all ships during the long storm of the winter, {C conceded}, {T “The plan is deeply regrettable.”}`,
			"Ana Ruiz, who ran the port when the council decided to close it to all ships during the long storm of the winter"},
		{`On the bridge, it {C seems}, {T “nothing works.”}`, ""},
		// A cue outside the rules' lexicon; a party tag after the name.
		{`Ruiz routinely {C characterizes} {T him as “a fraud.”}`, "Ruiz"},
		{`Sen. Ana Ruiz (D-Halden), {C said}, {T “It is over.”}`, "Sen. Ana Ruiz (D-Halden)"},
		{`Okafor visited Halden on Monday and {C said} {T the port was “ready.”}`, "Okafor"},
	} {
		d, lab := markedLabels(t, c.marked)
		d.tagRelations(lab)
		got := "(none)"
		for _, r := range d.rels {
			if d.hasQuoteMark(r.parts[0][0], r.parts[len(r.parts)-1][1]) {
				got = ""
				if r.src[0] >= 0 {
					got = spanText(d, r.src)
				}
			}
		}
		if got != c.src {
			t.Errorf("%s: source %q, want %q", c.marked, got, c.src)
		}
	}
}

// The quotation pieces the rules join to a cue's relation stay in it when
// the tagger's relation of that cue holds other pieces. (The piece after
// the cue holds a quotation: a bare phrase there is no content.)
func TestRuleQuotePiecesJoinTaggerRelation(t *testing.T) {
	d, lab := markedLabels(t, `{T “It is fine,”} {S Okafor} {C says} of {T the “new” bridge}. {T “And the port is fine too.”}`)
	d.tagRelations(lab)
	if len(d.rels) != 1 {
		t.Fatalf("%d relations, want 1", len(d.rels))
	}
	if got, want := partsText(d, d.rels[0].parts), "“It is fine,” | the “new” bridge | “And the port is fine too.”"; got != want {
		t.Errorf("parts %q, want %q", got, want)
	}
}

// Content after its cue starts at a quotation that a comma or colon
// introduces with a capital; words before it, and a piece before the
// clause, are the writer's. Not a quotation inside the clause, nor the
// topic of the speech before it.
func TestQuoteIntro(t *testing.T) {
	for marked, want := range map[string]string{
		`{S Reyes} {C said} {T when the vote came, “We are ready.”}`:                "“We are ready.”",
		`{S Reyes} {C wrote} {T of the new request: “It changes nothing.”}`:         "“It changes nothing.”",
		`{T Looking at the crowd}, {S Reyes} {C said}, {T “We are ready.”}`:         "“We are ready.”",
		`{T Of the new bridge}, {S Reyes} {C said}, {T “We are ready.”}`:            "Of the new bridge | “We are ready.”",
		`{S Reyes} {C said} {T that if they want the bridge, “Come and build it.”}`: "that if they want the bridge, “Come and build it.”",
		`{S Reyes} {C said} {T the bridge, “a waste,” would never open}.`:           "the bridge, “a waste,” would never open",
		`{S Reyes} {C called} {T the plan, among other things, “a failed idea.”}`:   "the plan, among other things, “a failed idea.”",
	} {
		if got, ok := oneRelParts(t, marked); ok && got != want {
			t.Errorf("%s: parts %q, want %q", marked, got, want)
		}
	}
}

// A source span that stops a few words into a relative clause is the
// speaker before "who"; one closed by a comma after the span stays.
func TestTrimSourceRelativeClause(t *testing.T) {
	for _, c := range []struct{ marked, want string }{
		{`{T The bridge is safe}, {C said} {S a county engineer who asked} not to be named.`, "a county engineer"},
		{`{T The bridge is safe}, {C said} {S Ida Reyes, who} asked not to be named.`, "Ida Reyes"},
		{`{S Ida Reyes, who was away}, {C said} {T the bridge is safe}.`, "Ida Reyes, who was away"},
	} {
		if d, r, ok := oneRel(t, c.marked); ok && spanText(d, r.src) != c.want {
			t.Errorf("%s: source %q, want %q", c.marked, spanText(d, r.src), c.want)
		}
	}
}

// A cue takes the auxiliaries and adverbs before it, also from the end
// of its source.
func TestCueLeads(t *testing.T) {
	for _, c := range []struct{ marked, src, cue string }{
		{`{S Reyes} has also {C said} {T the plan works}.`, "Reyes", "has also said"},
		{`{S The county paper was} {C reporting} {T that the plan works}.`, "The county paper", "was reporting"},
		{`{S Reyes} may not {C have said} {T the plan works}.`, "Reyes", "may not have said"},
		{`{S Reyes} {C said} {T the plan works}.`, "Reyes", "said"},
	} {
		d, lab := markedLabels(t, c.marked)
		d.tagRelations(lab)
		if len(d.rels) != 1 || d.rels[0].src[0] < 0 {
			t.Errorf("%s: relations %v, want one with a source", c.marked, d.rels)
			continue
		}
		r := d.rels[0]
		src := spanText(d, r.src)
		cue := spanText(d, r.cue)
		if src != c.src || cue != c.cue {
			t.Errorf("%s: source %q cue %q, want %q %q", c.marked, src, cue, c.src, c.cue)
		}
	}
}

// A clause set off by commas inside its content's sentence has content on
// both sides; not after a quotation.
func TestAsidePiece(t *testing.T) {
	for marked, want := range map[string]string{
		`{T The new bridge}, {S Reyes} {C said}, will open in May.`:                                       "The new bridge | will open in May",
		`{T A toll would not only pay for repairs}, {S she} {C said} at a hearing, but also cut traffic.`: "A toll would not only pay for repairs | but also cut traffic",
		`This sort of talk, {S the network} {C said}, {T breaks its own code}.`:                           "This sort of talk | breaks its own code",
		`{T “The bridge is safe,”} {S Reyes} {C said}, as the crowd booed.`:                               "“The bridge is safe,”",
		`After the vote, {S Reyes} {C said} {T the bridge is safe}.`:                                      "the bridge is safe",
	} {
		if got, ok := oneRelParts(t, marked); ok && got != want {
			t.Errorf("%s: parts %q, want %q", marked, got, want)
		}
	}
}

// A source that is the description after a person's name opening the
// sentence takes the name; a place or an adverb before it does not.
func TestNamesBeforeAppositives(t *testing.T) {
	for _, c := range []struct{ marked, want string }{
		{`Ana Ruiz, {S president of the county council}, {C said} {T the bridge is safe}.`, "Ana Ruiz, president of the county council"},
		{`In Halden, {S the county engineer} {C said} {T the bridge is safe}.`, "the county engineer"},
		{`Additionally, {S the county engineer} {C said} {T the bridge is safe}.`, "the county engineer"},
	} {
		if d, r, ok := oneRel(t, c.marked); ok && spanText(d, r.src) != c.want {
			t.Errorf("%s: source %q, want %q", c.marked, spanText(d, r.src), c.want)
		}
	}
}

// spanText is the text of tokens s[0]..s[1]-1 of d ("" for no span).
func spanText(d *doc, s [2]int) string {
	if s[0] < 0 || s[1] <= s[0] {
		return ""
	}
	return d.text[d.toks[s[0]].s:d.toks[s[1]-1].e]
}

// partsText joins the texts of content pieces with " | ".
func partsText(d *doc, parts [][2]int) string {
	var got []string
	for _, p := range parts {
		got = append(got, spanText(d, p))
	}
	return strings.Join(got, " | ")
}

// oneRel assembles the relations of a marked sentence and gives its one
// relation; false (and an error) if there is not exactly one.
func oneRel(t *testing.T, marked string) (*doc, rel, bool) {
	t.Helper()
	d, lab := markedLabels(t, marked)
	d.tagRelations(lab)
	if len(d.rels) != 1 {
		t.Errorf("%s: %d relations, want 1", marked, len(d.rels))
		return d, rel{}, false
	}
	return d, d.rels[0], true
}

// oneRelParts is the content pieces of oneRel's relation.
func oneRelParts(t *testing.T, marked string) (string, bool) {
	t.Helper()
	d, r, ok := oneRel(t, marked)
	if !ok {
		return "", false
	}
	return partsText(d, r.parts), true
}

// A participle cue takes the main clause's source, not that of a
// relation inside its object ("a staffer alleging that ...").
func TestParticipleSkipsReducedRelative(t *testing.T) {
	d := analyzeRules("Ruiz's office slammed a lawsuit filed by a staffer alleging that the board erred, calling it “meritless” on Monday.")
	at := func(w string) int {
		for i := range d.toks {
			if d.word(i) == w {
				return i
			}
		}
		t.Fatalf("no %q", w)
		return -1
	}
	slammed, a, alleging, calling := at("slammed"), at("a"), at("alleging"), at("calling")
	u := int32(d.unitOf[calling])
	d.rels = append(d.rels[:0],
		rel{src: [2]int{0, slammed}, cue: [2]int{slammed, slammed + 1}, unit: int(u)},
		rel{src: [2]int{a + 4, alleging}, cue: [2]int{alleging, alleging + 1}, unit: int(u)}, // "a staffer"
	)
	if !d.reducedRelative(d.rels[1]) || d.reducedRelative(d.rels[0]) {
		t.Fatal("reducedRelative: want alleging only")
	}
	if got := d.participleSource(calling, u); got != [2]int{0, slammed} {
		t.Errorf("calling: source %q, want the office", spanText(d, got))
	}
	// Alone in its unit, such a relation still gives its source.
	d.rels = d.rels[1:]
	if got := d.prevSource(calling, u); got != d.rels[0].src {
		t.Errorf("prevSource %v, want %v", got, d.rels[0].src)
	}
}

// A name before a cue keeps the capitalised words before its title.
func TestNamedBeforeTitleModifiers(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"California Gov. Ana Ruiz, who lost the 1992 primary, described the plan as “a remnant.”", "California Gov. Ana Ruiz, who lost the 1992 primary"},
		{"Circuit Court Judge Ana Ruiz, writing for the majority, said the law “is generous.”", "Circuit Court Judge Ana Ruiz, writing for the majority"},
	} {
		d := analyzeRules(c.text)
		for i := range d.toks {
			if w := d.word(i); w == "described" || w == "said" {
				if got := spanText(d, d.namedBefore(i, int32(d.unitOf[i]))); got != c.want {
					t.Errorf("%s: %q, want %q", c.text, got, c.want)
				}
			}
		}
	}
}
