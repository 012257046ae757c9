package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crosswire-news/crosswire/internal/store"
	"github.com/crosswire-news/crosswire/internal/synth"
)

// A WARC cut off mid-record: every whole record before the cut is stored,
// the error names the file, and the exit code says something failed.
func TestIngestTruncatedWARC(t *testing.T) {
	var buf bytes.Buffer
	if _, err := synth.WriteWARC(&buf, 5, 6); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	whole := filepath.Join(dir, "crawl.warc.gz")
	cut := filepath.Join(dir, "cut.warc.gz")
	os.WriteFile(whole, buf.Bytes(), 0o644)
	os.WriteFile(cut, buf.Bytes()[:buf.Len()*3/4], 0o644)

	db := filepath.Join(dir, "whole.db")
	code, out, errs := run(t, "", "ingest", "--db", db, whole)
	if code != ExitOK || !strings.Contains(out, "new 6,") || !strings.Contains(out, "non-HTML records skipped") {
		t.Fatalf("whole WARC: code %d out %q stderr %q", code, out, errs)
	}

	db = filepath.Join(dir, "cut.db")
	code, out, errs = run(t, "", "ingest", "--db", db, cut)
	if code != ExitPartial || !strings.Contains(errs, "cut.warc.gz") || !strings.Contains(errs, "truncated") {
		t.Fatalf("truncated WARC: code %d stderr %q", code, errs)
	}
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	n, _, _ := st.Counts(context.Background())
	if n < 3 || n >= 6 {
		t.Fatalf("%d articles stored from a WARC cut at three quarters of 6 pages (out %q)", n, out)
	}
}
