package analyze

import "testing"

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
