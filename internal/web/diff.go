package web

// diffPiece is one run of a word-level diff: Op "=" (kept), "+" (added in
// the variant) or "-" (dropped from the group's first wording).
type diffPiece struct {
	Op, Text string
}

// wordDiff compares a variant with the group's first variant.
// TODO(web): switch to link.Diff as soon as internal/link/diff.go lands;
// until then a changed variant shows as one replacement.
func wordDiff(a, b string) []diffPiece {
	if a == b {
		return []diffPiece{{"=", b}}
	}
	return []diffPiece{{"-", a}, {"+", b}}
}
