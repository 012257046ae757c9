package cli

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/crosswire-news/crosswire/internal/model"
	"github.com/crosswire-news/crosswire/internal/store"
)

const examples = "../../examples"

// run executes a command line in-process and returns its exit code and
// output streams.
func run(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Run(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestHelpAndUsageErrors(t *testing.T) {
	code, out, _ := run(t, "", "--help")
	if code != ExitOK || !strings.Contains(out, "compare") || !strings.Contains(out, "ingest") {
		t.Fatalf("--help: code %d, out %q", code, out)
	}
	if code, _, errs := run(t, "", "frobnicate"); code != ExitUsage || !strings.Contains(errs, "unknown command") {
		t.Fatalf("unknown command: code %d, stderr %q", code, errs)
	}
	for _, cmd := range []string{"analyze", "ingest", "compare", "story", "search"} {
		if code, _, _ := run(t, "", cmd); code != ExitUsage {
			t.Errorf("%s without arguments: code %d, want %d", cmd, code, ExitUsage)
		}
		if code, _, errs := run(t, "", cmd, "--help"); code != ExitOK || !strings.Contains(errs, "Usage: crosswire "+cmd) {
			t.Errorf("%s --help: code %d, stderr %q", cmd, code, errs)
		}
	}
	if code, _, _ := run(t, "", "analyze", "--no-such-flag", "x"); code != ExitUsage {
		t.Errorf("bad flag: code %d, want %d", code, ExitUsage)
	}
}

func decodeLines[T any](t *testing.T, s string) []T {
	t.Helper()
	var out []T
	sc := bufio.NewScanner(strings.NewReader(s))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatalf("bad JSON line %q: %v", sc.Text(), err)
		}
		out = append(out, v)
	}
	return out
}

func TestAnalyzeExample(t *testing.T) {
	code, out, errs := run(t, "", "analyze", "--json", filepath.Join(examples, "islander-gazette.txt"))
	if code != ExitOK {
		t.Fatalf("code %d, stderr %s", code, errs)
	}
	arts := decodeLines[model.Article](t, out)
	if len(arts) != 1 {
		t.Fatalf("%d articles, want 1", len(arts))
	}
	a := arts[0]
	if a.Title != "Halden minister vows talks as ferry shutdown strands islanders" || a.Outlet != "Islander Gazette" ||
		len(a.Byline) != 1 || a.Byline[0] != "Noor Haddad" || !strings.HasPrefix(a.Published, "2026-03-14") {
		t.Errorf("header fields wrong: title %q outlet %q byline %q published %q", a.Title, a.Outlet, a.Byline, a.Published)
	}
	if !contains(a.Dropped, "Connect with us") || strings.Contains(a.Text, "Connect with us") {
		t.Errorf("boilerplate not dropped: dropped %q", a.Dropped)
	}
	var found bool
	for _, at := range a.Attributions {
		if strings.Contains(at.Content.Text, "We will negotiate") {
			found = true
			if at.Speaker != "Ana Ruiz" || at.Kind != model.KindDirect {
				t.Errorf("minister's quote: speaker %q kind %q", at.Speaker, at.Kind)
			}
			if a.Text[at.Content.Start:at.Content.End] != at.Content.Text {
				t.Errorf("content offsets do not point into text")
			}
		}
	}
	if !found {
		t.Errorf("minister's quote not found in %+v", a.Attributions)
	}
	// The readable summary names the speaker too.
	code, out, _ = run(t, "", "analyze", filepath.Join(examples, "islander-gazette.txt"))
	if code != ExitOK || !strings.Contains(out, "Ana Ruiz") {
		t.Errorf("summary: code %d out %q", code, out)
	}
	// --raw keeps the input verbatim so offsets point into it.
	in := "Plain title\n\nMost Viewed\n\"We are ready,\" said Mayor Ivo Lind.\n"
	code, out, _ = run(t, in, "analyze", "--json", "--raw", "-")
	raw := decodeLines[model.Article](t, out)
	if code != ExitOK || len(raw) != 1 || raw[0].Text != in {
		t.Fatalf("--raw changed the text: code %d %+v", code, raw)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if strings.Contains(x, s) {
			return true
		}
	}
	return false
}

// writeBadInputs makes one file for each kind of bad input, plus a good one.
func writeBadInputs(t *testing.T) (dir string, bad []string) {
	t.Helper()
	dir = t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(bytes.Repeat([]byte("A headline\n\nSome body text that goes on. "), 200))
	zw.Close()
	bad = []string{
		write("binary.txt", []byte{0x7f, 'E', 'L', 'F', 0, 0, 1, 2, 0, 0, 0, 3}),
		write("invalid-utf8.txt", []byte("Title\n\nBody with a bad byte \xff\xfe here.\n")),
		write("empty.txt", nil),
		write("truncated.txt.gz", gz.Bytes()[:gz.Len()/2]),
		write("lines.jsonl", []byte(`{"id":"ok-1","title":"Fine","text":"A fine article body."}`+"\n"+`{"id": "broken", "title": `+"\n"+`{"id":"ok-2","title":"Also fine","text":"Another body."}`+"\n")),
	}
	write("good.txt", []byte("Council approves budget\n\nThe council approved the budget on Monday.\n"))
	return dir, bad
}

func TestBadInputsAreReportedAndTheBatchGoesOn(t *testing.T) {
	dir, bad := writeBadInputs(t)
	code, out, errs := run(t, "", "analyze", "--json", dir)
	if code != ExitPartial {
		t.Fatalf("code %d, want %d (stderr %s)", code, ExitPartial, errs)
	}
	lines := strings.Split(strings.TrimSpace(errs), "\n")
	if len(lines) != len(bad) {
		t.Errorf("want one error line per bad input (%d), got %d:\n%s", len(bad), len(lines), errs)
	}
	for _, p := range bad {
		if !strings.Contains(errs, filepath.Base(p)) {
			t.Errorf("no error names %s:\n%s", p, errs)
		}
	}
	if !regexp.MustCompile(`lines\.jsonl:2`).MatchString(errs) {
		t.Errorf("malformed JSON line not located by line number:\n%s", errs)
	}
	got := map[string]bool{}
	for _, a := range decodeLines[model.Article](t, out) {
		got[a.Title] = true
	}
	for _, title := range []string{"Council approves budget", "Fine", "Also fine"} {
		if !got[title] {
			t.Errorf("good input %q was not processed", title)
		}
	}
}

func TestIngestQueryExport(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cw.db")
	code, out, errs := run(t, "", "ingest", "--db", db, examples)
	if code != ExitOK || !strings.Contains(out, "read 7, new 7, duplicate 0, failed 0") {
		t.Fatalf("ingest: code %d out %q stderr %q", code, out, errs)
	}
	code, out, _ = run(t, "", "ingest", "--db", db, examples)
	if code != ExitOK || !strings.Contains(out, "read 7, new 0, duplicate 7, failed 0") {
		t.Fatalf("second ingest is not idempotent: code %d out %q", code, out)
	}

	code, out, _ = run(t, "", "stories", "--db", db, "--json", "--sort", "covered")
	type summary struct {
		ID      string `json:"id"`
		Outlets int    `json:"outlets"`
	}
	list := decodeLines[summary](t, out)
	if code != ExitOK || len(list) != 2 || list[0].Outlets != 5 || list[1].Outlets != 2 {
		t.Fatalf("stories: code %d %+v", code, list)
	}
	code, out, _ = run(t, "", "story", "--db", db, list[0].ID, "--json")
	stories := decodeLines[model.Story](t, out)
	if code != ExitOK || len(stories) != 1 || len(stories[0].Articles) != 5 {
		t.Fatalf("story: code %d %+v", code, stories)
	}
	if code, _, errs := run(t, "", "story", "--db", db, "no-such-story"); code != ExitPartial || !strings.Contains(errs, "not found") {
		t.Errorf("missing story: code %d stderr %q", code, errs)
	}
	code, out, _ = run(t, "", "story", "--db", db, list[0].ID)
	if code != ExitOK || !strings.Contains(out, "Tidewater") {
		t.Errorf("readable story lacks its origin: %s", out)
	}

	code, out, _ = run(t, "", "search", "--db", db, "valves")
	if code != ExitOK || !strings.Contains(out, "[valves]") || !strings.Contains(out, "hits") {
		t.Errorf("search: code %d out %q", code, out)
	}

	code, out, _ = run(t, "", "export", "--db", db, "--format", "jsonl")
	if code != ExitOK || len(decodeLines[map[string]any](t, out)) != 7 {
		t.Errorf("export jsonl: code %d, %d lines", code, strings.Count(out, "\n"))
	}
	code, out, _ = run(t, "", "export", "--db", db, "--format", "csv", "--what", "attributions")
	if code != ExitOK || !strings.HasPrefix(out, "article_id,story_id,outlet") || !strings.Contains(out, "Ana Ruiz") {
		t.Errorf("export csv: code %d out %.200q", code, out)
	}
	if code, _, _ := run(t, "", "export", "--db", db, "--format", "xml"); code != ExitUsage {
		t.Errorf("bad format: code %d", code)
	}
}

// A story folded into another after the fact is shown as the story that
// holds its articles now, with a note saying so.
func TestStoryFollowsFold(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "cw.db")
	db, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	arts := []store.Pending{
		{Article: &model.Article{ID: "a1", Outlet: "X", Title: "Big", Text: "One."}, Membership: store.Membership{StoryID: "big"}},
		{Article: &model.Article{ID: "a2", Outlet: "Y", Title: "Small", Text: "Two."}, Membership: store.Membership{StoryID: "small"}},
	}
	stories := []*model.Story{
		{ID: "big", Title: "Big", Articles: []model.StoryArticle{{ID: "a1", Outlet: "X"}}},
		{ID: "small", Title: "Small", Articles: []model.StoryArticle{{ID: "a2", Outlet: "Y"}}},
	}
	if _, err := db.Save(ctx, arts, stories); err != nil {
		t.Fatal(err)
	}
	merged := &model.Story{ID: "big", Title: "Big", Articles: []model.StoryArticle{{ID: "a1", Outlet: "X"}, {ID: "a2", Outlet: "Y"}}}
	if err := db.Fold(ctx, store.Fold{From: "small", Into: "big"}, merged); err != nil {
		t.Fatal(err)
	}
	db.Close()

	code, out, errs := run(t, "", "story", "--db", path, "--json", "small")
	got := decodeLines[model.Story](t, out)
	if code != ExitOK || len(got) != 1 || got[0].ID != "big" || len(got[0].Articles) != 2 {
		t.Fatalf("story small: code %d %+v stderr %q", code, got, errs)
	}
	if !strings.Contains(errs, "story small was folded into big") {
		t.Errorf("no note of the fold on stderr: %q", errs)
	}
	if code, out, _ := run(t, "", "story", "--db", path, "small"); code != ExitOK || !strings.Contains(out, "Big") {
		t.Errorf("readable story small: code %d out %q", code, out)
	}
	if code, _, errs := run(t, "", "story", "--db", path, "never"); code != ExitPartial || !strings.Contains(errs, "not found") {
		t.Errorf("story never stored: code %d stderr %q", code, errs)
	}
}

func TestCompareExamples(t *testing.T) {
	code, out, errs := run(t, "", "compare", "--json", examples)
	if code != ExitOK {
		t.Fatalf("code %d stderr %s", code, errs)
	}
	stories := decodeLines[model.Story](t, out)
	if len(stories) != 2 {
		t.Fatalf("%d stories, want 2", len(stories))
	}
	sizes := map[int]bool{len(stories[0].Articles): true, len(stories[1].Articles): true}
	if !sizes[5] || !sizes[2] {
		t.Errorf("story sizes %v, want 5 and 2", sizes)
	}
	// Each article says how it joined its story: the first report of each
	// starts it, Coastline Daily repeats The Harbor Ledger's text word for
	// word, the rewrites join on their score; join_score is there only
	// for those.
	type joined struct {
		Articles []struct {
			Outlet    string   `json:"outlet"`
			JoinedBy  string   `json:"joined_by"`
			JoinScore *float64 `json:"join_score"`
		} `json:"articles"`
	}
	want := map[string]string{
		"The Harbor Ledger": "new", "Northern Courier": "score", "Coastline Daily": "duplicate",
		"Islander Gazette": "score", "Meridian Post": "score",
		"Valley Tribune": "new", "Kessel Morning Star": "score",
	}
	seen := 0
	for _, st := range decodeLines[joined](t, out) {
		for _, a := range st.Articles {
			seen++
			if a.JoinedBy != want[a.Outlet] {
				t.Errorf("%s joined_by %q, want %q", a.Outlet, a.JoinedBy, want[a.Outlet])
			}
			if (a.JoinScore != nil) != (a.JoinedBy == "score") || a.JoinScore != nil && *a.JoinScore <= 0 {
				t.Errorf("%s (joined_by %q) join_score %v: want a positive score exactly when joined by score", a.Outlet, a.JoinedBy, a.JoinScore)
			}
		}
	}
	if seen != len(want) {
		t.Errorf("%d articles, want %d", seen, len(want))
	}
	code, out, _ = run(t, "", "compare", examples)
	if code != ExitOK || !strings.Contains(out, "Quotes by speaker") || !strings.Contains(out, "Ana Ruiz") {
		t.Errorf("readable compare: %s", out)
	}
}

func TestIngestFromStdin(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cw.db")
	in := `{"id":"stdin-1","outlet":"Valley Tribune","title":"Tram line approved","text":"The Varna Falls council approved a tram line on Tuesday, said Mayor Ivo Lind."}` + "\n"
	code, out, errs := run(t, in, "ingest", "--db", db, "-")
	if code != ExitOK || !strings.Contains(out, "read 1, new 1") {
		t.Fatalf("code %d out %q stderr %q", code, out, errs)
	}
}
