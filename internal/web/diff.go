package web

import "github.com/crosswire-news/crosswire/internal/link"

// diffPiece is one run of a word-level diff: Op "=" (kept), "+" (added in
// the variant) or "-" (dropped from the group's first wording). Runs are
// words joined by single spaces; templates put a space between runs.
type diffPiece = link.DiffOp

// wordDiff compares a variant with the group's first variant, using the
// linker's diff so the UI and the discrepancy flags agree on what changed.
func wordDiff(a, b string) []diffPiece {
	if a == b {
		// Nothing changed: show the text whole, punctuation included.
		return []diffPiece{{Op: "=", Text: b}}
	}
	return link.Diff(a, b)
}
