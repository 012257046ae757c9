package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/crosswire-news/crosswire/internal/place"
)

// Invented rows in GeoNames' and country-region-data's formats.
func TestRunBuildsAReadableTable(t *testing.T) {
	dir := t.TempDir()
	cities := "1\tKorvathen\tKorvathen\t\t41.85003\t-87.65005\tP\tPPL\tUS\t\tIL\t\t\t\t2000\t\t180\tAmerica/Chicago\t2020-01-01\n" +
		"2\tTessaly Brók\tTessaly Brok\t\t29.76\t-95.36\tP\tPPL\tUS\t\tTX\t\t\t\t1500\t\t10\tAmerica/Chicago\t2020-01-01\n"
	regions := `[{"countryName":"United States","countryShortCode":"US","regions":[{"name":"Illinois","shortCode":"IL"}]}]`
	cp, rp, out := filepath.Join(dir, "c.txt"), filepath.Join(dir, "r.json"), filepath.Join(dir, "g.tsv.gz")
	os.WriteFile(cp, []byte(cities), 0o644)
	os.WriteFile(rp, []byte(regions), 0o644)
	if err := run(cp, rp, out); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(out)
	g, err := place.Read(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	k, tb, il := g.Lookup("korvathen"), g.Lookup("tessaly brok"), g.Lookup("illinois")
	if !k.Known() || !tb.Known() || !il.Known() || !g.Lookup("u.s").Known() {
		t.Fatalf("lookups: %v %v %v", k, tb, il)
	}
	if !g.Compatible(k, il, 40) || g.Compatible(tb, il, 40) || g.Compatible(k, tb, 40) {
		t.Error("containment and distance not as built")
	}
	if err := run(filepath.Join(dir, "missing"), rp, out); err == nil {
		t.Error("a missing cities file gave no error")
	}
	os.WriteFile(cp, []byte("1\tshort\n"), 0o644)
	if err := run(cp, rp, out); err == nil {
		t.Error("a short line gave no error")
	}
}
