package analyze

import "testing"

// "Post" in "The Washington Post" is a name, not the verb "post".
func TestPublicationNameIsNoCue(t *testing.T) {
	d := analyzeRules("The Washington Post reported the vote. Okafor will post the results online.")
	for i := range d.toks {
		switch d.word(i) {
		case "Post":
			if !d.inName(i) {
				t.Error("Post after Washington is not taken for part of a name")
			}
		case "post", "Okafor":
			if d.inName(i) {
				t.Errorf("%q taken for part of a name", d.word(i))
			}
		}
	}
	for _, r := range d.rels {
		if d.word(r.cue[0]) == "Post" {
			t.Errorf("the rules made a relation with the cue Post")
		}
	}
}

// relText lists the rule relations as "cue: source: content pieces".
func relText(d *doc) []string {
	var out []string
	for _, r := range d.rels {
		s := spanText(d, r.cue) + ": " + spanText(d, r.src) + ":"
		for _, p := range r.parts {
			s += " [" + spanText(d, p) + "]"
		}
		out = append(out, s)
	}
	return out
}

// The speaker's span: an abbreviated title after an inverted cue is
// part of the name, not its end, so the content stays the quotation; a
// possessive appositive is part of the speaker ("Okafor’s campaign
// manager"); a phrase after the cue ("said in a statement") never is.
func TestSourceSpanEdges(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"“The port reopens in April,” said Sen. Ana Ruiz, the committee chair.",
			"said: Sen. Ana Ruiz, the committee chair: [“The port reopens in April,”]"},
		{"“Turnout is up,” Ida Brandt, Okafor’s campaign manager, said in a statement.",
			"said: Ida Brandt, Okafor’s campaign manager: [“Turnout is up,”]"},
	} {
		got := relText(analyzeRules(c.text))
		if len(got) != 1 || got[0] != c.want {
			t.Errorf("relations %q, want [%s]", got, c.want)
		}
	}
}
