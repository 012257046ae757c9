package eval

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crosswire-news/crosswire/internal/model"
)

// An invented article; "Tomás" makes byte and code-point offsets differ.
const attrSample = "Tomás Herrera said the ferries would sail soon. \"We will wait,\" Ana Ruiz said, \"and then decide.\" The port is closed, according to the agency."

// cp returns the code-point range of the nth (0-based) occurrence of sub.
func cp(t *testing.T, sub string, nth int) (int, int) {
	t.Helper()
	off := 0
	for k := 0; ; k++ {
		i := strings.Index(attrSample[off:], sub)
		if i < 0 {
			t.Fatalf("%q #%d not in text", sub, nth)
		}
		if k == nth {
			s := len([]rune(attrSample[:off+i]))
			return s, s + len([]rune(sub))
		}
		off += i + len(sub)
	}
}

// tline writes a BRAT T line for the given occurrences (one piece each).
func tline(t *testing.T, id, label string, subs ...string) string {
	t.Helper()
	var pieces []string
	for _, s := range subs {
		nth := 0
		if strings.HasPrefix(s, "2:") {
			s, nth = s[2:], 1
		}
		a, b := cp(t, s, nth)
		pieces = append(pieces, fmt.Sprintf("%d %d", a, b))
	}
	return fmt.Sprintf("%s\t%s %s\t%s\n", id, label, strings.Join(pieces, ";"), strings.Join(subs, " "))
}

// goldAnn: an indirect relation, a split quote written as two relations
// sharing one cue, a reported relation without source, and a Discuss
// relation that must be skipped.
func goldAnn(t *testing.T) string {
	return tline(t, "T1", "Source", "Tomás Herrera") +
		tline(t, "T2", "Cue", "said") +
		tline(t, "T3", "Content", "the ferries would sail soon") +
		tline(t, "T4", "Attribution", "said") +
		"E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n" +
		tline(t, "T5", "Source", "Ana Ruiz") +
		tline(t, "T6", "Cue", "2:said") +
		tline(t, "T7", "Content", "\"We will wait,\"") +
		tline(t, "T8", "Content", "\"and then decide.\"") +
		"E2\tAttribution:T6 Source:T5 Cue:T6 Content:T7\n" +
		"E3\tAttribution:T6 Source:T5 Cue:T6 Content:T8\n" +
		tline(t, "T9", "Cue", "according to") +
		tline(t, "T10", "Content", "The port is closed") +
		tline(t, "T11", "Attribution-no-source", "according to") +
		"E4\tAttribution-no-source:T11 Cue:T9 Content:T10\n" +
		tline(t, "T12", "Discuss", "the agency") +
		"E5\tDiscuss:T12 Cue:T9 Content:T12\n"
}

func TestParseAttrAnnMergesSharedCueAndSkipsDiscuss(t *testing.T) {
	rels := ParseAttrAnn(goldAnn(t))
	if len(rels) != 3 {
		t.Fatalf("got %d relations, want 3 (split quote merged, Discuss skipped): %+v", len(rels), rels)
	}
	if len(rels[1].Content) != 2 {
		t.Errorf("split quote content = %+v, want two pieces", rels[1].Content)
	}
	if len(rels[2].Source) != 0 {
		t.Errorf("no-source relation has source %+v", rels[2].Source)
	}
}

// bspan makes a byte span of the first occurrence of sub.
func bspan(sub string) model.Span {
	i := strings.Index(attrSample, sub)
	return model.Span{Start: i, End: i + len(sub), Text: sub}
}

func approx(t *testing.T, name string, got, want float64) {
	t.Helper()
	if math.Abs(got-want) > 1e-9 {
		t.Errorf("%s = %.4f, want %.4f", name, got, want)
	}
}

func TestScoreAttrPerfectAndEdges(t *testing.T) {
	gold := ParseAttrAnn(goldAnn(t))
	src1, src2 := bspan("Tomás Herrera"), bspan("Ana Ruiz")
	pred := []model.Attribution{
		// Trailing period and spaces differ from gold: still EXACT.
		{Content: bspan("the ferries would sail soon. "), Cue: bspan("said"), Source: &src1},
		{Content: bspan("\"We will wait,\""), ContentParts: []model.Span{bspan("\"We will wait,\""), bspan("\"and then decide.\"")},
			Cue: model.Span{Start: strings.Index(attrSample, "said,"), End: strings.Index(attrSample, "said,") + 4, Text: "said"}, Source: &src2, Speaker: "Ana Ruiz"},
		{Content: bspan("The port is closed"), Cue: bspan("according to")},
	}
	var s AttrScores
	s.ScoreAttrDoc(attrSample, gold, AttrFromArticle(attrSample, pred))
	for name, x := range map[string]AttrPRF{"source": s.ExactSource, "cue": s.ExactCue, "content": s.ExactContent} {
		approx(t, name+" exact F1", x.F1(), 1)
	}
	if s.QuotedGold != 1 || s.QuotedFound != 1 || s.QuotedRight != 1 {
		t.Errorf("speaker counts %d/%d/%d, want 1/1/1", s.QuotedRight, s.QuotedFound, s.QuotedGold)
	}
}

func TestScoreAttrOverlapNotExact(t *testing.T) {
	gold := ParseAttrAnn(goldAnn(t))
	wrong := bspan("the agency") // a wrong speaker for the quote
	pred := []model.Attribution{
		// Four of the five gold words: OVERLAP, not EXACT.
		{Content: bspan("ferries would sail soon"), Cue: bspan("said")},
		// Only one piece of the split quote: 3 of 6 words, half: OVERLAP.
		{Content: bspan("\"and then decide.\""), Cue: bspan("according to"), Source: &wrong, Speaker: "Agency"},
	}
	var s AttrScores
	s.ScoreAttrDoc(attrSample, gold, AttrFromArticle(attrSample, pred))
	approx(t, "exact content P", s.ExactContent.P(), 0)
	approx(t, "overlap content P", s.OverContent.P(), 1)
	approx(t, "overlap content R", s.OverContent.R(), 2.0/3)
	approx(t, "exact cue R", s.ExactCue.R(), 2.0/3) // "said" (first) and "according to"
	if s.QuotedFound != 1 || s.QuotedRight != 0 {
		t.Errorf("speaker: found %d right %d, want 1 and 0", s.QuotedFound, s.QuotedRight)
	}
	approx(t, "source P", s.ExactSource.P(), 0)
}

func TestLoadAttributionUsesFirstAnn(t *testing.T) {
	dir := t.TempDir()
	for _, sub := range []string{"dev/text", "dev/attributions"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	must := func(p, s string) {
		if err := os.WriteFile(filepath.Join(dir, p), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	must("dev/text/story.txt", attrSample)
	must("dev/attributions/story_a1.ann", goldAnn(t))
	must("dev/attributions/story_b2.ann", "") // later in sorted order: ignored
	docs, err := LoadAttribution(dir, "dev", 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 || len(docs[0].Gold) != 3 {
		t.Fatalf("docs = %+v", docs)
	}
	s, err := EvalAttribution(dir, "dev", 0)
	if err != nil || s.Docs != 1 {
		t.Fatalf("EvalAttribution: %v %+v", err, s)
	}
	if s.ExactCue.Matched == 0 {
		t.Errorf("the analysis found none of the gold cues: %s", s.Format())
	}
}

func TestAttrFromArticleCodePoints(t *testing.T) {
	sp := bspan("Herrera")
	r := AttrFromArticle(attrSample, []model.Attribution{{Content: sp, Cue: sp}})
	if r[0].Content[0].Start != 6 || r[0].Content[0].End != 13 {
		t.Errorf("code points %+v, want 6..13", r[0].Content)
	}
}

func TestEvalAttributionShared(t *testing.T) {
	dir := "../../../shared/data/polnear"
	if _, err := os.Stat(dir); err != nil {
		t.Skip("PolNeAR not present")
	}
	s, err := EvalAttribution(dir, "dev", 5)
	if err != nil {
		t.Fatal(err)
	}
	if s.Docs != 5 || s.ExactCue.Gold == 0 || s.ExactCue.F1() < 0.3 {
		t.Errorf("unexpected: %s", s.Format())
	}
}
