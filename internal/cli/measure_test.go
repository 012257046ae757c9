package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The eval and bench commands on small data made here: they run, print
// their figures, and refuse bad input with a usage or input error.

func TestEvalStoriesCommand(t *testing.T) {
	// Two invented events, two articles each, one gold cluster per event.
	lines := []string{
		`{"doc_id":"a1","cluster_id":"ferry","title":"Halden ferries halted after valve cracks","date":"2026-03-14","source":"Harbor Ledger","text":"Transport Minister Ana Ruiz suspended ferry crossings to the Skerry Islands on Friday after inspectors found cracked valves on three Halden Port Authority vessels. Islanders were told supplies would come by air while the inspections continue for at least a week, and the minister said the government would not give in to the operators' demand for subsidies."}`,
		`{"doc_id":"a2","cluster_id":"ferry","title":"Skerry Islands cut off as Halden grounds ferries","date":"2026-03-14","source":"Islander Gazette","text":"The Halden Port Authority grounded its ferries to the Skerry Islands after inspectors found cracked valves, Transport Minister Ana Ruiz said on Friday. Residents of the islands face a weekend without crossings, and shopkeepers said bread and fuel were already running low while the port authority checks every valve on the fleet."}`,
		`{"doc_id":"b1","cluster_id":"library","title":"Kessel library reopens after flood","date":"2026-03-12","source":"Valley Tribune","text":"The Kessel public library reopened on Thursday a year after a flood, head librarian Sofia Marsh said, thanking readers who donated 12,000 books. The restoration of the ground floor cost 3.4 million crowns, according to the city council, and the new children's room was raised by half a metre to keep it above any future floodwater."}`,
		`{"doc_id":"b2","cluster_id":"library","title":"Queues as Kessel library opens its doors","date":"2026-03-12","source":"Kessel Morning Star","text":"Readers queued outside the Kessel public library as it reopened after the flood repairs, head librarian Sofia Marsh said on Thursday. Donated books filled the new shelves, the ground floor was raised by half a metre, and the city council said the restoration cost 3.4 million crowns, paid largely from a regional flood fund."}`,
	}
	path := filepath.Join(t.TempDir(), "gold.jsonl")
	os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644)
	code, out, errs := run(t, "", "eval", "stories", path)
	if code != ExitOK {
		t.Fatalf("code %d stderr %q", code, errs)
	}
	m := regexp.MustCompile(`linker\s+([0-9.]+)\s+([0-9.]+)\s+([0-9.]+)`).FindStringSubmatch(out)
	if m == nil || m[3] != "1.0000" {
		t.Errorf("two clear events should score BCubed F1 1.0:\n%s", out)
	}

	// --db scores what a store holds: three of the four ingested, in two
	// runs; the fourth is counted as missing.
	db := filepath.Join(t.TempDir(), "cw.db")
	part := filepath.Join(t.TempDir(), "part.jsonl")
	for _, ls := range [][]string{lines[:2], lines[2:3]} {
		os.WriteFile(part, []byte(strings.Join(ls, "\n")+"\n"), 0o644)
		if code, _, errs := run(t, "", "ingest", "--db", db, part); code != ExitOK {
			t.Fatalf("ingest: code %d stderr %q", code, errs)
		}
	}
	code, out, errs = run(t, "", "eval", "stories", "--db", db, path)
	if code != ExitOK || !strings.Contains(out, "missing     1 ") || !regexp.MustCompile(`articles\s+3 `).MatchString(out) ||
		!regexp.MustCompile(`stories\s+2 found, 2 gold`).MatchString(out) || !regexp.MustCompile(`linker\s+1\.0000\s+1\.0000`).MatchString(out) {
		t.Errorf("eval stories --db: code %d stderr %q\n%s", code, errs, out)
	}
	// Gold that puts the library report with the ferry: the stored
	// stories are scored, not linked again, so precision stays whole and
	// recall falls.
	relabelled := filepath.Join(t.TempDir(), "relabelled.jsonl")
	os.WriteFile(relabelled, []byte(strings.Replace(strings.Join(lines, "\n"), `"b1","cluster_id":"library"`, `"b1","cluster_id":"ferry"`, 1)), 0o644)
	code, out, _ = run(t, "", "eval", "stories", "--db", db, "--json", relabelled)
	if code != ExitOK || !strings.Contains(out, `"precision":1,`) || strings.Contains(out, `"recall":1,`) {
		t.Errorf("eval stories --db on relabelled gold: code %d\n%s", code, out)
	}
	if code, _, errs := run(t, "", "eval", "stories", "--db", filepath.Join(t.TempDir(), "none.db"), path); code != ExitUsage || !strings.Contains(errs, "none.db") {
		t.Errorf("missing database: code %d stderr %q", code, errs)
	}
	if code, _, errs := run(t, "", "eval", "stories", filepath.Join(t.TempDir(), "missing.jsonl")); code == ExitOK || !strings.Contains(errs, "missing.jsonl") {
		t.Errorf("missing file: code %d stderr %q", code, errs)
	}
	if code, _, _ := run(t, "", "eval", "nonsense"); code != ExitUsage {
		t.Errorf("unknown eval: code %d", code)
	}
}

func TestBenchCommandsRun(t *testing.T) {
	code, out, errs := run(t, "", "bench", "ingest", "--pages", "40")
	if code != ExitOK || !regexp.MustCompile(`end to end .* pages/s`).MatchString(out) || !strings.Contains(out, "stored 40 articles") {
		t.Fatalf("bench ingest: code %d out %q stderr %q", code, out, errs)
	}
	// The same generated coverage as gold for eval stories.
	gold := filepath.Join(t.TempDir(), "coverage.jsonl")
	if code, out, errs := run(t, "", "bench", "ingest", "--pages", "120", "--gold", gold); code != ExitOK || !strings.Contains(out, "wrote 120") {
		t.Fatalf("bench ingest --gold: code %d out %q stderr %q", code, out, errs)
	}
	code, out, errs = run(t, "", "eval", "stories", gold)
	if code != ExitOK || !regexp.MustCompile(`articles\s+120 `).MatchString(out) || !regexp.MustCompile(`linker\s+0\.[0-9]+`).MatchString(out) {
		t.Fatalf("eval stories on the generated gold: code %d out %q stderr %q", code, out, errs)
	}
	if code, _, errs := run(t, "", "bench", "ingest", "--gold", filepath.Join(t.TempDir(), "no", "such", "dir.jsonl")); code == ExitOK || !strings.Contains(errs, "dir.jsonl") {
		t.Errorf("unwritable gold file: code %d stderr %q", code, errs)
	}
	code, out, errs = run(t, "", "bench", "link", "--n", "300")
	if code != ExitOK || !strings.Contains(out, "stories") {
		t.Fatalf("bench link: code %d out %q stderr %q", code, out, errs)
	}
	if code, _, _ := run(t, "", "bench"); code != ExitUsage {
		t.Errorf("bench without a target: code %d", code)
	}
}
