package place

import (
	"bytes"
	"compress/gzip"
	"errors"
	"testing"
)

func ref(t *testing.T, name string) Ref {
	t.Helper()
	r := Default().Lookup(Key(name))
	if !r.Known() {
		t.Fatalf("%q: not in the gazetteer", name)
	}
	return r
}

func TestKeyFoldsLikeTheTable(t *testing.T) {
	for in, want := range map[string]string{"St. Louis": "st louis", "Zürich": "zurich", "U.S.": "u.s", "North  Las Vegas": "north las vegas"} {
		if got := Key(in); got != want {
			t.Errorf("Key(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLookup(t *testing.T) {
	g := Default()
	for _, name := range []string{"Chicago", "St. Louis", "Indonesia", "Aceh", "Illinois", "U.S."} {
		ref(t, name)
	}
	for _, name := range []string{"Korvathen", "Critical Condition", ""} {
		if g.Lookup(Key(name)).Known() {
			t.Errorf("%q: known, want unknown", name)
		}
	}
	// A direction narrows a known place without making it unknown.
	if got, want := g.Lookup(Key("south Memphis")), g.Lookup(Key("Memphis")); got != want || !got.Known() {
		t.Errorf("south Memphis = %v, want Memphis's %v", got, want)
	}
}

func TestCompatible(t *testing.T) {
	g := Default()
	cases := []struct {
		a, b string
		want bool
	}{
		{"Englewood", "Chicago", true},     // a neighbourhood GeoNames files as its own place
		{"Evanston", "Chicago", true},      // a suburb, within 40 km
		{"Chicago", "Houston", false},      // two cities, two states
		{"Chicago", "Illinois", true},      // a city in its state
		{"Houston", "Illinois", false},     // a city in another state
		{"Aceh", "Indonesia", true},        // a region in its country
		{"Aceh", "Bali", false},            // two regions of one country
		{"Jakarta", "Indonesia", true},     // a city in its country
		{"Toronto", "Indonesia", false},    // a city in another country
		{"Sacramento", "Oakland", true},    // one state, whatever the distance
		{"Portland", "Maine", true},        // one of several Portlands is in Maine
		{"Reykjavik", "Wellington", false}, // nothing near, nothing shared
	}
	for _, c := range cases {
		if got := g.Compatible(ref(t, c.a), ref(t, c.b), 40); got != c.want {
			t.Errorf("Compatible(%s, %s) = %v, want %v", c.a, c.b, got, c.want)
		}
		if got := g.Compatible(ref(t, c.b), ref(t, c.a), 40); got != c.want {
			t.Errorf("Compatible(%s, %s) = %v, want %v (not symmetric)", c.b, c.a, got, c.want)
		}
	}
}

func TestReadRejectsBadTables(t *testing.T) {
	for name, text := range map[string]string{
		"fields": "chicago\tt\tUS\n",
		"coords": "chicago\tt\tUS\tIL\tnorth\t-8765\n",
		"order":  "houston\tt\tUS\tTX\t2976\t-9536\nchicago\tt\tUS\tIL\t4185\t-8765\n",
	} {
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		zw.Write([]byte(text))
		zw.Close()
		_, err := Read(bytes.NewReader(b.Bytes()))
		var fe *FormatError
		if !errors.As(err, &fe) || fe.Line == 0 {
			t.Errorf("%s: err = %v, want a FormatError with its line", name, err)
		}
	}
}

func BenchmarkDefaultLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Read(bytes.NewReader(gazetteerData)); err != nil {
			b.Fatal(err)
		}
	}
}
