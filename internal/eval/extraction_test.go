package eval

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestEvalTokens(t *testing.T) {
	got := evalTokens("Don't stop—the U.S. café_2 naïve 42%")
	want := []string{"Don", "t", "stop", "the", "U", "S", "café_2", "naïve", "42"}
	if !equalTokens(got, want) {
		t.Fatalf("evalTokens = %q, want %q", got, want)
	}
	// As Python's \w: a combining mark is no word character; superscript
	// digits, circled numbers and Arabic-Indic digits are.
	if got := evalTokens("cafe\u0301 ok"); !equalTokens(got, []string{"cafe", "ok"}) {
		t.Fatalf("combining mark: got %q", got)
	}
	if got := evalTokens("x\u00b2 \u2460 \u0663"); !equalTokens(got, []string{"x\u00b2", "\u2460", "\u0663"}) {
		t.Fatalf("numbers: got %q", got)
	}
}

func TestShingles(t *testing.T) {
	if n := len(shingles("")); n != 0 {
		t.Fatalf("empty text: %d shingles", n)
	}
	s := shingles("one two")
	if len(s) != 1 || s["one\x00two"] != 1 {
		t.Fatalf("short text should be one short shingle, got %v", s)
	}
	s = shingles("a b c d a b c d")
	if len(s) != 4 || s["a\x00b\x00c\x00d"] != 2 {
		t.Fatalf("got %v", s)
	}
}

func TestScoreExtraction(t *testing.T) {
	gold := map[string]string{
		"p1": "the quick brown fox jumps over the lazy dog", // 6 shingles
		"p2": "alpha beta gamma delta epsilon",              // 2 shingles
		"p3": "",                                            // empty gold
		"p4": "one two three four five",                     // predicted empty
	}
	pred := map[string]string{
		"p1": "Menu. The quick brown fox jumps over the lazy dog", // 6 tp, 1 fp ("Menu The quick brown")
		"p2": "alpha beta gamma delta epsilon",
		"p3": "",
		"p4": "",
	}
	s := ScoreExtraction(gold, pred)
	// Python "The" != "the": tokens are case-sensitive, so p1 has
	// shingles "Menu The quick brown", "The quick brown fox" as fp and
	// "the quick brown fox" as fn: tp 5, fp 2, fn 1.
	p1P, p1R := 5.0/7, 5.0/6
	wantP := (p1P + 1) / 2     // p3 and p4 predicted nothing: not averaged
	wantR := (p1R + 1 + 0) / 3 // p3 has no gold: not averaged
	if !near(s.Precision, wantP) || !near(s.Recall, wantR) {
		t.Fatalf("P %v R %v, want %v %v", s.Precision, s.Recall, wantP, wantR)
	}
	if !near(s.F1, 2*wantP*wantR/(wantP+wantR)) {
		t.Fatalf("F1 %v", s.F1)
	}
	if !near(s.Accuracy, 2.0/4) { // p2 and p3 match exactly
		t.Fatalf("accuracy %v", s.Accuracy)
	}
}

func TestLoadPrediction(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "x.json")
	os.WriteFile(p, []byte(`{"version": "1.0", "output": {"a": {"articleBody": "x y"}, "b": {}}}`), 0o644)
	m, v, err := loadPrediction(p)
	if err != nil || v != "1.0" || m["a"] != "x y" || m["b"] != "" || len(m) != 2 {
		t.Fatalf("got %v %q %v", m, v, err)
	}
}

// TestExtractionShared runs the real benchmark when ../shared/data is
// present. XW_EXTRACTION_OUT=DIR also writes evaluate.py's layout there.
func TestExtractionShared(t *testing.T) {
	dir := "../../../shared/data/extraction"
	if _, err := os.Stat(filepath.Join(dir, "ground-truth.json")); err != nil {
		t.Skip("shared extraction data not present")
	}
	if testing.Short() {
		t.Skip("short mode")
	}
	var buf bytes.Buffer
	res, err := Extraction(dir, &buf)
	if err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + buf.String())
	if out := os.Getenv("XW_EXTRACTION_OUT"); out != "" {
		b, _ := json.Marshal(res.Output)
		os.MkdirAll(filepath.Join(out, "output"), 0o755)
		os.WriteFile(filepath.Join(out, "output", "crosswire.json"), b, 0o644)
	}
	if res.Crosswire.F1 < 0.959 {
		t.Errorf("F1 %.3f below the go-trafilatura baseline 0.959", res.Crosswire.F1)
	}
	if len(res.Peers) == 0 {
		t.Error("no peers scored")
	}
}
