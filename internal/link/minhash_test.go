package link

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// mhWords makes n distinct invented words.
func mhWords(prefix string, n int) []string {
	w := make([]string, n)
	for i := range w {
		w[i] = fmt.Sprintf("%s%d", prefix, i)
	}
	return w
}

func mhTrueJaccard(a, b []string, k int) float64 {
	set := func(w []string) map[string]bool {
		m := map[string]bool{}
		for i := 0; i+k <= len(w); i++ {
			m[fmt.Sprint(w[i:i+k])] = true
		}
		return m
	}
	sa, sb := set(a), set(b)
	inter := 0
	for s := range sa {
		if sb[s] {
			inter++
		}
	}
	return float64(inter) / float64(len(sa)+len(sb)-inter)
}

func TestMinHashEstimatesJaccard(t *testing.T) {
	mh := MinHash{K: 128, Shingle: 4}
	r := rand.New(rand.NewPCG(1, 2))
	base := mhWords("w", 400)
	for _, change := range []float64{0, 0.02, 0.05, 0.1, 0.2, 0.4} {
		other := append([]string(nil), base...)
		for i := range other {
			if r.Float64() < change {
				other[i] = fmt.Sprintf("x%d", i)
			}
		}
		want := mhTrueJaccard(base, other, 4)
		got := mh.Sign(base).Similarity(mh.Sign(other))
		// Standard error of a 128-hash estimate is at most sqrt(.25/128) ~ 0.044.
		if math.Abs(got-want) > 0.13 {
			t.Errorf("change %.2f: estimate %.3f, true Jaccard %.3f", change, got, want)
		}
	}
	if s := mh.Sign(mhWords("a", 300)).Similarity(mh.Sign(mhWords("b", 300))); s > 0.05 {
		t.Errorf("disjoint texts estimate %.3f", s)
	}
	if mh.Sign([]string{"too", "short"}) != nil {
		t.Error("text shorter than a shingle should have no signature")
	}
}

func TestLSHInsertQueryRemove(t *testing.T) {
	mh := MinHash{K: 128, Shingle: 4}
	idx := NewLSH(16, 8)
	base := mhWords("w", 300)
	near := append([]string(nil), base...)
	near[100], near[200] = "changed", "words"
	other := mhWords("z", 300)
	idx.Insert(1, mh.Sign(base))
	idx.Insert(2, mh.Sign(other))
	if idx.Len() != 2 {
		t.Fatalf("Len = %d", idx.Len())
	}
	m := idx.Query(mh.Sign(near), 0.8)
	if len(m) != 1 || m[0].Handle != 1 || m[0].Similarity < 0.8 {
		t.Fatalf("query near copy: %+v", m)
	}
	idx.Remove(1)
	idx.Remove(99) // unknown: ignored
	if m := idx.Query(mh.Sign(near), 0.8); len(m) != 0 {
		t.Fatalf("removed document still found: %+v", m)
	}
	if idx.Len() != 1 {
		t.Fatalf("Len after remove = %d", idx.Len())
	}
	for b := range idx.buckets {
		for _, list := range idx.buckets[b] {
			for _, h := range list {
				if h == 1 {
					t.Fatal("handle left in a bucket")
				}
			}
		}
	}
}
