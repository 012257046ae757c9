package main

import (
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"syscall"
	"testing"
	"time"

	_ "modernc.org/sqlite"
)

// TestIngestSurvivesSIGKILL kills a real ingest process part-way and checks
// that what it committed is intact and that running it again finishes the
// rest without storing anything twice.
func TestIngestSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "crosswire")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	const n = 3000
	in := filepath.Join(dir, "in.jsonl")
	f, err := os.Create(in)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		// Distinct invented events so that linking does real work.
		fmt.Fprintf(f, `{"id":"a%05d","outlet":"Outlet %d","title":"Bridge %d in Town%d closed for repairs","published":"2026-01-%02dT%02d:00:00Z","text":"Engineers closed bridge %d in Town%d on Monday. \"We found corrosion in the main cables,\" said inspector Mara Quill%d. The closure is expected to last %d weeks, according to the Town%d council."}`+"\n",
			i, i%7, i, i, 1+i%28, i%24, i, i, i, 2+i%5, i)
	}
	f.Close()
	db := filepath.Join(dir, "cw.db")

	cmd := exec.Command(bin, "ingest", "--db", db, in)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	committed := 0
	deadline := time.Now().Add(3 * time.Minute)
	for committed == 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
		committed = countArticles(t, db)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	if committed == 0 {
		t.Fatal("ingest committed nothing within three minutes")
	}
	after := countArticles(t, db)
	if after >= n {
		t.Skipf("ingest finished (%d articles) before it could be killed; machine too fast for this input", after)
	}

	out, err := exec.Command(bin, "ingest", "--db", db, in).CombinedOutput()
	if err != nil {
		t.Fatalf("second ingest: %v\n%s", err, out)
	}
	m := regexp.MustCompile(`read (\d+), new (\d+), duplicate (\d+), failed 0`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("no summary line in %q", out)
	}
	newN, _ := strconv.Atoi(string(m[2]))
	dup, _ := strconv.Atoi(string(m[3]))
	if newN+dup != n || dup != after {
		t.Errorf("after a kill at %d stored, re-run says new %d duplicate %d (want %d and %d)", after, newN, dup, n-after, after)
	}
	if total := countArticles(t, db); total != n {
		t.Errorf("%d articles stored after re-run, want %d", total, n)
	}
}

// countArticles reads how many articles are committed, through a read-only
// connection: the poll must never take a write lock or run migrations that
// race the process under test.
func countArticles(t *testing.T, path string) int {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		return 0
	}
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(2000)")
	if err != nil {
		return 0
	}
	defer db.Close()
	var n int
	if err := db.QueryRow("SELECT count(*) FROM articles").Scan(&n); err != nil {
		return 0 // not created yet
	}
	return n
}
