package textnorm

import (
	"reflect"
	"testing"
)

func TestWords(t *testing.T) {
	for _, c := range [][2]string{
		{"We won’t bow to pressure", "We will not bow to pressure"},
		{"They don't negotiate", "they do not negotiate"},
		{"I can't say", "I can not say"},
	} {
		if a, b := Normalize(c[0]), Normalize(c[1]); a != b {
			t.Errorf("%q -> %q, %q -> %q", c[0], a, c[1], b)
		}
	}
	if Normalize("We will bow") == Normalize("We won't bow") {
		t.Error("negation lost")
	}
	if got := Stems("We won't negotiate"); !reflect.DeepEqual(got, []string{"not", "negotiat"}) {
		t.Errorf("Stems = %q", got)
	}
	if got := Words("Okafor’s plan"); !reflect.DeepEqual(got, []string{"okafor", "plan"}) {
		t.Errorf("Words = %q", got)
	}
}
