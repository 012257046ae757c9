package link

import (
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/crosswire-news/crosswire/internal/model"
)

// storyTAtt describes a hand-built attribution: the content and cue are
// found in the article text (first occurrence after the previous content).
type storyTAtt struct {
	kind, content, cue, source, speaker, speakerKind, role string
}

// storyTArt builds an article whose attributions do not depend on the
// analyser: offsets are located in text.
func storyTArt(t *testing.T, id, outlet, published, text string, atts ...storyTAtt) *model.Article {
	t.Helper()
	a := &model.Article{ID: id, Outlet: outlet, Title: "Title of " + id, Published: published, Text: text}
	span := func(s string, from int) model.Span {
		if s == "" {
			return model.Span{}
		}
		k := strings.Index(text[from:], s)
		if k < 0 {
			k = strings.Index(text, s)
			from = 0
		}
		if k < 0 {
			t.Fatalf("%s: %q not in text", id, s)
		}
		return model.Span{Start: from + k, End: from + k + len(s), Text: s}
	}
	for _, x := range atts {
		at := model.Attribution{Kind: x.kind, Content: span(x.content, 0), Cue: span(x.cue, 0),
			Speaker: model.NullString(x.speaker), SpeakerRole: x.role, SpeakerKind: x.speakerKind}
		if at.SpeakerKind == "" {
			at.SpeakerKind = model.SpeakerPerson
		}
		if x.source != "" {
			s := span(x.source, 0)
			at.Source = &s
		}
		a.Attributions = append(a.Attributions, at)
	}
	return a
}

func storyMembers(arts ...*model.Article) []Member {
	ms := make([]Member, len(arts))
	for i, a := range arts {
		ms[i] = Member{Article: a}
	}
	return ms
}

// storyGroupOf finds the quote group holding a variant with text.
func storyGroupOf(st model.Story, text string) *model.QuoteGroup {
	for i := range st.QuoteGroups {
		for _, v := range st.QuoteGroups[i].Variants {
			if v.Text == text {
				return &st.QuoteGroups[i]
			}
		}
	}
	return nil
}

func storyDiscrepancies(st model.Story, kind string) []model.Discrepancy {
	var out []model.Discrepancy
	for _, d := range st.Discrepancies {
		if d.Kind == kind {
			out = append(out, d)
		}
	}
	return out
}

func TestStoryOrderTimelineAndCopies(t *testing.T) {
	a := storyTArt(t, "a", "Alpha", "2026-03-14T08:00:00Z", "Harbour crews began repairs on the pier on Friday morning.")
	b := storyTArt(t, "b", "Beta", "2026-03-14", "Harbour crews began repairs on the pier on Friday morning.")
	c := storyTArt(t, "c", "Gamma", "2026-03-14T09:30:00Z", "Harbour crews began repairs on the pier.")
	d := storyTArt(t, "d", "Delta", "", "Repairs to the pier began.")
	st := BuildStory("s1", []Member{{Article: d}, {Article: b, CopyOf: "a", Similarity: 0.91234}, {Article: c}, {Article: a}})
	var ids []string
	for _, sa := range st.Articles {
		ids = append(ids, sa.ID)
	}
	// A bare date sorts after the timed articles of its day; undated last.
	if want := []string{"a", "c", "b", "d"}; !reflect.DeepEqual(ids, want) {
		t.Fatalf("order %v, want %v", ids, want)
	}
	if st.FirstPublished != "2026-03-14T08:00:00Z" || st.Title != "Title of a" {
		t.Fatalf("first_published %q title %q", st.FirstPublished, st.Title)
	}
	delays := []int64{st.Articles[0].DelaySeconds, st.Articles[1].DelaySeconds, st.Articles[2].DelaySeconds, st.Articles[3].DelaySeconds}
	if want := []int64{0, 5400, 0, -1}; !reflect.DeepEqual(delays, want) {
		t.Fatalf("delays %v, want %v", delays, want)
	}
	if st.Articles[2].CopyOf != "a" || st.Articles[2].Similarity != 0.912 {
		t.Fatalf("copy %+v", st.Articles[2])
	}
	// Deterministic whatever the input order.
	st2 := BuildStory("s1", []Member{{Article: a}, {Article: c}, {Article: b, CopyOf: "a", Similarity: 0.91234}, {Article: d}})
	j1, _ := json.Marshal(st)
	j2, _ := json.Marshal(st2)
	if string(j1) != string(j2) {
		t.Fatalf("not deterministic:\n%s\n%s", j1, j2)
	}
}

func TestStoryEmpty(t *testing.T) {
	st := BuildStory("x", nil)
	if st.ID != "x" || len(st.Articles) != 0 || st.Unique == nil {
		t.Fatalf("%+v", st)
	}
}

func TestStoryDeterministicOverInputOrder(t *testing.T) {
	arts := storyTranslations(t)
	want, _ := json.Marshal(BuildStory("s", storyMembers(arts...)))
	perms := [][]int{{3, 2, 1, 0}, {1, 3, 0, 2}, {2, 0, 3, 1}}
	for _, p := range perms {
		var in []*model.Article
		for _, k := range p {
			in = append(in, arts[k])
		}
		for r := 0; r < 3; r++ {
			got, _ := json.Marshal(BuildStory("s", storyMembers(in...)))
			if string(got) != string(want) {
				t.Fatalf("order %v changes the story:\n%s\n%s", p, got, want)
			}
		}
	}
}

// The main-name penalty is halved by a common day and waived when an age
// or a street agrees too; an age alone, without the day, waives nothing.
func TestHeadPenaltyByDayAgeStreet(t *testing.T) {
	cfg := DefaultConfig()
	base := clScore{cos: 0.1, heads: true}
	penalty := func(s clScore) float64 {
		noHeads := s
		noHeads.heads = false
		return noHeads.value(&cfg) - s.value(&cfg)
	}
	for _, c := range []struct {
		day, age, street float64
		want             float64
	}{
		{0, 0, 0, cfg.HeadPenalty},
		{0, 1, 0, cfg.HeadPenalty},
		{1, 0, 0, cfg.HeadPenalty / 2},
		{1, 1, 0, 0},
		{1, 0, 1, 0},
		{1, -1, 0, cfg.HeadPenalty / 2},
	} {
		s := base
		s.dayAgree, s.ageAgree, s.streetAgree = c.day, c.age, c.street
		if got := penalty(s); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("day %v age %v street %v: penalty %.3f, want %.3f", c.day, c.age, c.street, got, c.want)
		}
	}
}
