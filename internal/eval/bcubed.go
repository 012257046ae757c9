package eval

// BCubed scores a clustering against gold classes item by item (Bagga &
// Baldwin 1998; Amigó et al. 2009): an item's precision is the share of
// its predicted cluster that shares its gold class, its recall the share
// of its gold class found in its predicted cluster; both are averaged over
// items and F1 is their harmonic mean.
type BCubed struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

// ScoreBCubed compares predicted and gold labels given item by item
// (pred[i] and gold[i] label item i). Labels of different slices live in
// different name spaces. Empty input scores zero.
func ScoreBCubed(pred, gold []string) BCubed {
	if len(pred) != len(gold) {
		panic("eval: ScoreBCubed: label slices differ in length")
	}
	n := len(pred)
	if n == 0 {
		return BCubed{}
	}
	type pair struct{ p, g string }
	both := map[pair]int{}
	np := map[string]int{}
	ng := map[string]int{}
	for i := range pred {
		both[pair{pred[i], gold[i]}]++
		np[pred[i]]++
		ng[gold[i]]++
	}
	// Every item of a (pred, gold) cell has the same precision c/|pred| and
	// recall c/|gold|, so sum per cell: c * c/|pred|.
	var p, r float64
	for k, c := range both {
		p += float64(c) * float64(c) / float64(np[k.p])
		r += float64(c) * float64(c) / float64(ng[k.g])
	}
	b := BCubed{Precision: p / float64(n), Recall: r / float64(n)}
	if b.Precision+b.Recall > 0 {
		b.F1 = 2 * b.Precision * b.Recall / (b.Precision + b.Recall)
	}
	return b
}

// ScoreBCubedInts is ScoreBCubed over integer labels, for large synthetic
// runs where strings would cost memory.
func ScoreBCubedInts(pred, gold []int32) BCubed {
	if len(pred) != len(gold) {
		panic("eval: ScoreBCubedInts: label slices differ in length")
	}
	n := len(pred)
	if n == 0 {
		return BCubed{}
	}
	both := map[[2]int32]int{}
	np := map[int32]int{}
	ng := map[int32]int{}
	for i := range pred {
		both[[2]int32{pred[i], gold[i]}]++
		np[pred[i]]++
		ng[gold[i]]++
	}
	var p, r float64
	for k, c := range both {
		p += float64(c) * float64(c) / float64(np[k[0]])
		r += float64(c) * float64(c) / float64(ng[k[1]])
	}
	b := BCubed{Precision: p / float64(n), Recall: r / float64(n)}
	if b.Precision+b.Recall > 0 {
		b.F1 = 2 * b.Precision * b.Recall / (b.Precision + b.Recall)
	}
	return b
}
