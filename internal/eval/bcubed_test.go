package eval

import (
	"math"
	"testing"
)

func bcClose(t *testing.T, name string, got, want float64) {
	t.Helper()
	if math.Abs(got-want) > 1e-9 {
		t.Errorf("%s = %.6f, want %.6f", name, got, want)
	}
}

func TestBCubedPerfect(t *testing.T) {
	b := ScoreBCubed([]string{"x", "x", "y"}, []string{"a", "a", "b"})
	bcClose(t, "P", b.Precision, 1)
	bcClose(t, "R", b.Recall, 1)
	bcClose(t, "F1", b.F1, 1)
}

func TestBCubedHandComputed(t *testing.T) {
	// Gold: {1,2,3} {4,5}. Predicted: {1,2} {3,4,5}.
	// Precision: items 1,2: 2/2; item 3: 1/3; items 4,5: 2/3 -> (1+1+1/3+2/3+2/3)/5 = 11/15.
	// Recall: items 1,2: 2/3; item 3: 1/3; items 4,5: 2/2 -> (2/3+2/3+1/3+1+1)/5 = 11/15.
	pred := []string{"p", "p", "q", "q", "q"}
	gold := []string{"a", "a", "a", "b", "b"}
	b := ScoreBCubed(pred, gold)
	bcClose(t, "P", b.Precision, 11.0/15)
	bcClose(t, "R", b.Recall, 11.0/15)
	bcClose(t, "F1", b.F1, 11.0/15)
}

func TestBCubedSingletonsAndOneCluster(t *testing.T) {
	gold := []string{"a", "a", "a", "b"}
	// All singletons: precision 1; recall (1/3*3 + 1)/4 = 0.5.
	b := ScoreBCubed([]string{"1", "2", "3", "4"}, gold)
	bcClose(t, "P", b.Precision, 1)
	bcClose(t, "R", b.Recall, 0.5)
	bcClose(t, "F1", b.F1, 2*0.5/1.5)
	// One cluster: recall 1; precision (3/4*3 + 1/4)/4 = 10/16.
	b = ScoreBCubed([]string{"z", "z", "z", "z"}, gold)
	bcClose(t, "P", b.Precision, 10.0/16)
	bcClose(t, "R", b.Recall, 1)
	bi := ScoreBCubedInts([]int32{7, 7, 7, 7}, []int32{0, 0, 0, 1})
	if bi != b {
		t.Errorf("int scorer %+v differs from string scorer %+v", bi, b)
	}
}
