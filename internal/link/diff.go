package link

import (
	"strings"

	"github.com/crosswire-news/crosswire/internal/textnorm"
)

// DiffOp is one run of a word-level diff: Op is "=" (in both), "-" (only
// in a) or "+" (only in b); Text is the run's words as written, joined by
// single spaces.
type DiffOp struct {
	Op   string `json:"op"`
	Text string `json:"text"`
}

// diffMaxCells bounds the LCS table; longer inputs get a plain replace.
const diffMaxCells = 4 << 20

// Diff is a word-level diff between two variants of a statement, for the
// UI. Words are compared folded (case, curly quotes, dashes and
// contractions do not count as changes) and shown as a writes them for
// "=" runs. Runs alternate: "-" comes before "+" at a change.
func Diff(a, b string) []DiffOp {
	af, at := diffUnits(a)
	bf, bt := diffUnits(b)
	var out []DiffOp
	emit := func(op, w string) {
		if w == "" {
			return // the "not" of a contraction, shown with its first half
		}
		if n := len(out); n > 0 && out[n-1].Op == op {
			out[n-1].Text += " " + w
			return
		}
		out = append(out, DiffOp{Op: op, Text: w})
	}
	n, m := len(af), len(bf)
	if n*m > diffMaxCells {
		for _, t := range at {
			emit("-", diffShown(t))
		}
		for _, t := range bt {
			emit("+", diffShown(t))
		}
		return out
	}
	// lcs[i][j] is the LCS length of af[:i] and bf[:j]. Walking it back
	// from the end matches words as late as possible, which keeps a changed
	// phrase in one run ("-bow +going to give in =to pressure") instead of
	// matching an early "to" and splitting the change.
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := 1; i <= n; i++ {
		for j := 1; j <= m; j++ {
			if af[i-1] == bf[j-1] {
				lcs[i][j] = lcs[i-1][j-1] + 1
			} else {
				lcs[i][j] = max(lcs[i-1][j], lcs[i][j-1])
			}
		}
	}
	type step struct {
		op string
		w  string
	}
	var rev []step
	i, j := n, m
	for i > 0 || j > 0 {
		switch {
		case i > 0 && j > 0 && af[i-1] == bf[j-1]:
			rev = append(rev, step{"=", at[i-1]})
			i--
			j--
		case i == 0 || (j > 0 && lcs[i][j-1] >= lcs[i-1][j]):
			rev = append(rev, step{"+", diffShown(bt[j-1])})
			j--
		default:
			rev = append(rev, step{"-", diffShown(at[i-1])})
			i--
		}
	}
	// Forward again; within a change, deletions come before insertions.
	var del, ins []string
	flush := func() {
		if len(del) > 0 {
			emit("-", diffJoin(del))
		}
		if len(ins) > 0 {
			emit("+", diffJoin(ins))
		}
		del, ins = del[:0], ins[:0]
	}
	for k := len(rev) - 1; k >= 0; k-- {
		switch rev[k].op {
		case "=":
			flush()
			emit("=", rev[k].w)
		case "-":
			del = append(del, rev[k].w)
		default:
			ins = append(ins, rev[k].w)
		}
	}
	flush()
	return out
}

// diffUnits are the compared words of s (folded, a negative contraction as
// two words: "won't" = "will not") and how each is shown ("" for the
// second half of a contraction).
func diffUnits(s string) (fold, show []string) {
	for _, t := range textnorm.Tokens(s) {
		ws := textnorm.Words(t.Text)
		for k, w := range ws {
			fold = append(fold, w)
			if k == 0 {
				show = append(show, t.Text)
			} else {
				show = append(show, "")
			}
		}
	}
	return fold, show
}

// diffShown shows the "not" of a contraction when it alone changes.
func diffShown(w string) string {
	if w == "" {
		return "not"
	}
	return w
}

func diffJoin(ws []string) string {
	var b strings.Builder
	for _, w := range ws {
		if w == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	return b.String()
}
