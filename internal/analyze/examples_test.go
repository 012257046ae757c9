package analyze

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/crosswire-news/crosswire/internal/model"
)

// exampleQuotes lists, per example file, each quotation and who said it
// with which role (the lead's invented coverage in /examples).
var exampleQuotes = map[string][][3]string{
	"harbor-ledger.txt": {
		{"We will not bow to pressure, we will negotiate", "Ana Ruiz", "Transport Minister"},
		{"check every single valve", "Ana Ruiz", "Transport Minister"},
		{"The valves should have been replaced years ago", "Dan Pike", "city hall spokesperson"},
		{"Nobody wanted to pay for it", "Dan Pike", "city hall spokesperson"},
		{"a necessary pause", "Grace Okafor", "President"},
	},
	"coastline-daily.txt": {
		{"We will not bow to pressure, we will negotiate", "Ana Ruiz", "Transport Minister"},
		{"check every single valve", "Ana Ruiz", "Transport Minister"},
		{"The valves should have been replaced years ago", "Dan Pike", "city hall spokesperson"},
		{"Nobody wanted to pay for it", "Dan Pike", "city hall spokesperson"},
		{"a necessary pause", "Grace Okafor", "President"},
	},
	"northern-courier.html": {
		{"negotiates but does not bow to pressure", "Ana Ruiz", "Transport Minister"},
		{"The valves should have been replaced years ago", "Tomás Herrera", "head of the ferry workers' union"},
		{"Nobody wanted to pay for it", "Tomás Herrera", "head of the ferry workers' union"},
	},
	"meridian-post.txt": {
		{"We are not going to give in to pressure. We are going to negotiate", "Ana Ruiz", "Transport Minister"},
		{"a classic sign of deferred maintenance", "Lena Vos", "maritime engineer at the University of Kessel"},
		{"If one valve fails at sea", "Lena Vos", "maritime engineer at the University of Kessel"},
		{"You do not take that risk", "Lena Vos", "maritime engineer at the University of Kessel"},
	},
	"islander-gazette.txt": {
		{"We will not bow to pressure. We will negotiate", "Ana Ruiz", "transport minister"},
		{"The valves should have been replaced years ago", "Dan Pike", "city hall spokesperson"},
		{"We have bread for two days", "Ines Moreau", ""},
	},
	"kessel-library.jsonl": {
		{"We opened the doors at nine", "Sofia Marsh", "-"},
	},
}

var tagRe = regexp.MustCompile(`<[^>]*>`)

// exampleBodies returns the texts of an example file: a .txt is analysed
// whole (its header lines hold no quotes), an .html has its tags blanked
// (extraction is not under test here), a .jsonl gives each line's text.
func exampleBodies(t *testing.T, path string) []string {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	switch filepath.Ext(path) {
	case ".html":
		return []string{tagRe.ReplaceAllString(string(b), "\n")}
	case ".jsonl":
		var out []string
		for _, line := range strings.Split(string(b), "\n") {
			var v struct{ Text string }
			if json.Unmarshal([]byte(line), &v) == nil && v.Text != "" {
				out = append(out, v.Text)
			}
		}
		return out
	}
	return []string{string(b)}
}

func TestExamples(t *testing.T) {
	dir := filepath.Join("..", "..", "examples")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("no examples directory")
	}
	for file, quotes := range exampleQuotes {
		path := filepath.Join(dir, file)
		if _, err := os.Stat(path); err != nil {
			t.Errorf("%s: %v", file, err)
			continue
		}
		var atts []model.Attribution
		for _, body := range exampleBodies(t, path) {
			a := run(body)
			atts = append(atts, a.Attributions...)
			// Every quotation of three words or more has a speaker.
			for _, q := range quoteRe.FindAllString(body, -1) {
				if len(strings.Fields(q)) < 3 {
					continue
				}
				inner := strings.Trim(q, "\"“”")
				if at, ok := covering(a.Attributions, inner); !ok || at.Speaker == "" {
					t.Errorf("%s: quote %q has no attributed speaker", file, q)
				}
			}
		}
		for _, q := range quotes {
			at, ok := covering(atts, q[0])
			if !ok {
				t.Errorf("%s: no attribution holds %q", file, q[0])
				continue
			}
			if string(at.Speaker) != q[1] || (q[2] != "-" && !strings.EqualFold(at.SpeakerRole, q[2])) {
				t.Errorf("%s: %q said by %q (%q), want %q (%q)", file, q[0], at.Speaker, at.SpeakerRole, q[1], q[2])
			}
			if at.Kind != model.KindDirect && at.Kind != model.KindPartial {
				t.Errorf("%s: %q kind %q, want direct or partial", file, q[0], at.Kind)
			}
		}
	}
}

var quoteRe = regexp.MustCompile(`["“][^"“”\n]*["”]`)

func covering(atts []model.Attribution, sub string) (model.Attribution, bool) {
	for _, at := range atts {
		for _, p := range append([]model.Span{at.Content}, at.ContentParts...) {
			if strings.Contains(p.Text, sub) {
				return at, true
			}
		}
	}
	return model.Attribution{}, false
}
