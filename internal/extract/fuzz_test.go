package extract

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

func nonBlank(s string) []string {
	var out []string
	for _, l := range lines(s) {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

func FuzzClean(f *testing.F) {
	b, _ := os.ReadFile("testdata/article.txt")
	f.Add(string(b))
	f.Add("Most Viewed\nRelated: x\nRelated to the plan, Okafor said.")
	f.Add("post\n— A (@a) March 3, 2025\n\n— B (@b) 4 March 2025")
	f.Add("a\nb\nc\nd\ne\nf\ng\n\nSentence here.")
	f.Fuzz(func(t *testing.T, text string) {
		kept, dropped := Clean(text)
		in, out := nonBlank(text), nonBlank(kept)
		// Clean only removes whole lines: what is kept plus what is dropped
		// accounts for every input line, in order.
		if len(out)+len(dropped) != len(in) {
			t.Fatalf("%d kept + %d dropped != %d input lines", len(out), len(dropped), len(in))
		}
		j := 0
		for _, l := range out {
			for j < len(in) && in[j] != l {
				j++
			}
			if j == len(in) {
				t.Fatalf("kept line %q not in input order", l)
			}
			j++
		}
	})
}

func FuzzText(f *testing.F) {
	b, _ := os.ReadFile("testdata/article.txt")
	f.Add(string(b), false)
	f.Add(string(b), true)
	f.Add("Title\nBy Jane Roe | Staff Writer\n04/08/2025\nBody.", false)
	f.Add("T\nPublished on 31/31/2025\nUpdated 2025-02-30", false)
	f.Add("\xff\x00", false)
	f.Fuzz(func(t *testing.T, text string, raw bool) {
		a, err := Text("fuzz.txt", text, Options{Raw: raw})
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.txt: ") {
				t.Fatalf("error does not name the input: %v", err)
			}
			return
		}
		if raw && a.Text != text {
			t.Fatal("raw text changed")
		}
		if !utf8.ValidString(a.Text) || !utf8.ValidString(a.Title) {
			t.Fatal("invalid UTF-8 out")
		}
		if !raw {
			in := map[string]bool{}
			for _, l := range nonBlank(text) {
				in[l] = true
			}
			for _, l := range nonBlank(a.Text) {
				if !in[l] {
					t.Fatalf("text line %q not from input", l)
				}
			}
		}
		if a.Published != "" {
			if _, ok := parseDate(a.Published); !ok {
				t.Fatalf("published %q not a contract date", a.Published)
			}
		}
	})
}

func FuzzJSONL(f *testing.F) {
	b, _ := os.ReadFile("testdata/articles.jsonl")
	f.Add(string(b))
	f.Add(`{"id": 1, "byline": ["a", 2]}` + "\n" + `{"html": "<p>x</p>"}`)
	f.Add(`{"doc_id": "d", "body": "b", "date": "March 3, 2025", "byline": "By A and B"}`)
	f.Add("{\n}\n{\"text\": null}")
	f.Fuzz(func(t *testing.T, data string) {
		as, errs := Reader("fuzz.jsonl", strings.NewReader(data), Options{MaxBytes: 1 << 20})
		for _, err := range errs {
			if !strings.HasPrefix(err.Error(), "fuzz.jsonl") {
				t.Fatalf("error does not name the input: %v", err)
			}
		}
		if detect([]byte(data)) == formatJSONL && len(as)+len(errs) > len(nonBlank(data)) {
			t.Fatalf("%d articles + %d errors from %d lines", len(as), len(errs), len(nonBlank(data)))
		}
		for _, a := range as {
			if a.ID == "" || !utf8.ValidString(a.Text) {
				t.Fatalf("bad article %+v", a)
			}
		}
	})
}

func FuzzHTML(f *testing.F) {
	b, _ := os.ReadFile("testdata/article.html")
	f.Add(b)
	l, _ := os.ReadFile("testdata/latin1.html")
	f.Add(l)
	f.Add([]byte(strings.Repeat("<div>", 600) + "<p>deep</p>"))
	f.Add([]byte("<html><head><meta charset=utf-16></head><body><table><tr><td>x"))
	f.Add([]byte("\xfe\xff\x00<\x00p\x00>"))
	f.Fuzz(func(t *testing.T, page []byte) {
		a, err := HTML("fuzz.html", page, "https://example.org/a", Options{MaxBytes: 1 << 20})
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.html: ") {
				t.Fatalf("error does not name the input: %v", err)
			}
			return
		}
		if !utf8.ValidString(a.Text) || a.ID == "" {
			t.Fatalf("bad article %+v", a)
		}
	})
}
