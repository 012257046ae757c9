package textnorm

import (
	"reflect"
	"testing"
)

func TestKeepNegationExpandsContractions(t *testing.T) {
	for _, c := range [][2]string{
		{"We won’t bow to pressure", "We will not bow to pressure"},
		{"They don't negotiate", "they do not negotiate"},
		{"I can't say", "I can not say"},
	} {
		if a, b := NormalizeKeepNegation(c[0]), NormalizeKeepNegation(c[1]); a != b {
			t.Errorf("%q -> %q, %q -> %q", c[0], a, c[1], b)
		}
	}
	if NormalizeKeepNegation("We will bow") == NormalizeKeepNegation("We won't bow") {
		t.Error("negation lost")
	}
	if got := StemsKeepNegation("We won't negotiate"); !reflect.DeepEqual(got, []string{"not", "negotiat"}) {
		t.Errorf("StemsKeepNegation = %q", got)
	}
	if got := WordsKeepNegation("Okafor’s plan"); !reflect.DeepEqual(got, []string{"okafor", "plan"}) {
		t.Errorf("WordsKeepNegation = %q", got)
	}
}
