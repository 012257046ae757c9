package analyze

import (
	"slices"
	"testing"
)

// quoteTexts lists the quote regions of text, marks included; an unclosed
// region ends with "…".
func quoteTexts(text string) []string {
	d := newDoc(text, new(scratch))
	var out []string
	for _, q := range d.quotes {
		s := d.text[d.toks[q.open].s:d.toks[q.end-1].e]
		if q.close < 0 {
			s += "…"
		}
		out = append(out, s)
	}
	return out
}

// Curly marks drawn the wrong way round still pair by their spacing.
func TestQuoteMarkFacing(t *testing.T) {
	for _, c := range []struct {
		name, text string
		want       []string
	}{
		{"closing mark opens a paragraph",
			"The mayor spoke.\n\n”We will rebuild the bridge,” she said.",
			[]string{"”We will rebuild the bridge,”"}},
		{"closing mark opens after an elision",
			"The letter ended.\n\n” … and so we go on,” wrote the editor.",
			[]string{"” … and so we go on,”"}},
		{"direction mark before the quote",
			"He replied.\n\n\u202a”Not today,” said Ilse Varga.",
			[]string{"”Not today,”"}},
		{"opening mark closes",
			"Dana Pell asked, “Is the dam safe?“ he said. “Nobody knows.”",
			[]string{"“Is the dam safe?“", "“Nobody knows.”"}},
		{"low-high German marks",
			"Er sagte: „Wir bauen die Brücke“ und ging. „Morgen“, sagte sie.",
			[]string{"„Wir bauen die Brücke“", "„Morgen“"}},
		{"glued marks keep their drawn direction",
			"The sign read:“Closed”.",
			[]string{"“Closed”"}},
	} {
		if got := quoteTexts(c.text); !slices.Equal(got, c.want) {
			t.Errorf("%s: quotes %q, want %q", c.name, got, c.want)
		}
	}
}
