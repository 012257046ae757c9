package feed

import (
	"os"
	"testing"
)

// FuzzParse: malformed feeds give an error, never a panic (gofeed's own
// panics are recovered in Parse).
func FuzzParse(f *testing.F) {
	for _, name := range []string{"rss2.xml", "rss1.rdf", "atom.xml", "feed.json"} {
		if b, err := os.ReadFile("testdata/" + name); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Parse(data, "https://fuzz.example/feed")
		if err == nil && p == nil {
			t.Fatal("nil feed without error")
		}
	})
}
