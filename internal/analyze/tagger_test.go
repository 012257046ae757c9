package analyze

import "testing"

// The clause-distance feature counts the punctuation between a token and
// the nearest cue of its sentence on each side, or the sentence edge
// where that side has no cue.
func TestTokenFeatsPunctToCue(t *testing.T) {
	d := analyzeRules("Okafor said the plan, which failed twice, was costly. The board, in turn, said nothing.")
	tf := d.tokenFeats(d.ruleLabels())
	want := map[string][2]uint8{ // word (first occurrence) -> {commaL, commaR}
		"Okafor":  {0, 0},
		"the":     {0, 3}, // two commas and the full stop to the end
		"which":   {1, 2},
		"was":     {2, 1},
		"costly":  {2, 1},
		"The":     {0, 2}, // a new sentence: nothing carries over
		"turn":    {1, 1},
		"nothing": {0, 1},
	}
	seen := map[string]bool{}
	for i := range d.toks {
		w := d.word(i)
		exp, ok := want[w]
		if !ok || seen[w] {
			continue
		}
		seen[w] = true
		if got := [2]uint8{tf[i].commaL, tf[i].commaR}; got != exp {
			t.Errorf("%q: commaL, commaR = %v, want %v", w, got, exp)
		}
	}
	if len(seen) != len(want) {
		t.Errorf("saw %d of %d words", len(seen), len(want))
	}
}

// Stance verbs ("backed") count as cues for the tagger's features but
// not for the rules.
func TestStanceVerbsFeedTaggerOnly(t *testing.T) {
	d := analyzeRules("The senator backed the bill on Tuesday.")
	tf := d.tokenFeats(d.ruleLabels())
	for i := range d.toks {
		switch d.word(i) {
		case "backed":
			if d.has(i, fCue) || !d.has(i, fStance) || lexClass(d.flags[i]) == 0 {
				t.Errorf("backed: flags %b, class %d", d.flags[i], lexClass(d.flags[i]))
			}
		case "bill":
			if tf[i].cueL != bucket(2) || tf[i].cueLW != tf[i-2].wh {
				t.Errorf("bill: cueL %d, want %d (two tokens after backed)", tf[i].cueL, bucket(2))
			}
		}
	}
	if len(d.rels) != 0 {
		t.Errorf("the rules made %d relations of a stance verb", len(d.rels))
	}
}
