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
