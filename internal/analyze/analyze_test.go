package analyze

import (
	"encoding/json"
	"strings"
	"sync"
	"testing"

	"github.com/crosswire-news/crosswire/internal/model"
)

func TestSentences(t *testing.T) {
	text := "Sen. Ana Ruiz arrived at 9 a.m. on Monday. She spoke to the U.S. delegation! \"Is it over?\" she asked.\nA new line starts here"
	got := Sentences(text)
	want := []string{
		"Sen. Ana Ruiz arrived at 9 a.m. on Monday.",
		"She spoke to the U.S. delegation!",
		"\"Is it over?\" she asked.",
		"A new line starts here",
	}
	if len(got) != len(want) {
		t.Fatalf("got %d sentences %+v", len(got), got)
	}
	for i, s := range got {
		if s.Text != want[i] || text[s.Start:s.End] != s.Text {
			t.Errorf("sentence %d = %q (%d:%d), want %q", i, s.Text, s.Start, s.End, want[i])
		}
	}
	// A no-break space after the period ends the sentence too, so the
	// quotation after it is a unit with its own speech tag.
	if got := Sentences("Ruiz took the question.\u00a0\u201cLater,\u201d she said."); len(got) != 2 {
		t.Errorf("no-break space: got %d sentences %+v, want 2", len(got), got)
	}
}

// find returns the attribution whose content text contains sub.
func find(t *testing.T, a *model.Article, sub string) model.Attribution {
	t.Helper()
	for _, at := range a.Attributions {
		for _, p := range append([]model.Span{at.Content}, at.ContentParts...) {
			if strings.Contains(p.Text, sub) {
				return at
			}
		}
	}
	var have []string
	for _, at := range a.Attributions {
		have = append(have, at.Content.Text)
	}
	t.Fatalf("no attribution with content %q; have %q", sub, have)
	return model.Attribution{}
}

func run(text string) *model.Article {
	a := &model.Article{Text: text}
	Article(a)
	return a
}

type wantRel struct {
	content, kind, source, cue, speaker, role, skind string
}

func check(t *testing.T, a *model.Article, w wantRel) {
	t.Helper()
	at := find(t, a, w.content)
	src := ""
	if at.Source != nil {
		src = at.Source.Text
		if a.Text[at.Source.Start:at.Source.End] != src {
			t.Errorf("source offsets do not match text")
		}
	}
	if a.Text[at.Content.Start:at.Content.End] != at.Content.Text || a.Text[at.Cue.Start:at.Cue.End] != at.Cue.Text {
		t.Errorf("content or cue offsets do not match text")
	}
	if w.kind != "" && at.Kind != w.kind {
		t.Errorf("%q: kind %q, want %q", w.content, at.Kind, w.kind)
	}
	if w.source != "-" && src != w.source {
		t.Errorf("%q: source %q, want %q", w.content, src, w.source)
	}
	if w.cue != "-" && at.Cue.Text != w.cue {
		t.Errorf("%q: cue %q, want %q", w.content, at.Cue.Text, w.cue)
	}
	if string(at.Speaker) != w.speaker {
		t.Errorf("%q: speaker %q, want %q", w.content, at.Speaker, w.speaker)
	}
	if w.role != "-" && at.SpeakerRole != w.role {
		t.Errorf("%q: role %q, want %q", w.content, at.SpeakerRole, w.role)
	}
	if at.SpeakerKind != w.skind {
		t.Errorf("%q: speaker kind %q, want %q", w.content, at.SpeakerKind, w.skind)
	}
}

// The fixture is invented text exercising every construction the brief
// lists.
const fixture = `Chilean President Grace Okafor defended the pause on Tuesday.
"The ferries will sail again when they are safe," she said.
"We owe that to every family on the islands," Okafor told reporters. "Nobody wants another accident."
Transport Minister Ana Ruiz said inspectors would "check every single valve" before any vessel sails.
"We will not bow to pressure," Ruiz said, "we will negotiate."
Tomás Herrera, a former ambassador to Canada, said the government had ignored repeated warnings.
At a briefing on Monday, city hall spokesperson Dan Pike answered the criticism.
"The valves should have been replaced years ago. Everyone at the port knew it.
"We asked for the money three times."
The shutdown will cost the islands about two million euros a week, according to the Harbour Safety Review.
The report says the fleet should have been retired in 2019.
Four current and former city officials said the warnings were ignored.
One senior engineer said the cracks had been visible for months.
The mayor has firmly rejected calls to resign, Reuters reported.
Okafor emphasized that no one would lose their job.`

func TestArticleFixture(t *testing.T) {
	a := run(fixture)
	for _, w := range []wantRel{
		{"The ferries will sail again", model.KindDirect, "she", "said", "Grace Okafor", "Chilean President", model.SpeakerPerson},
		{"We owe that to every family", model.KindDirect, "Okafor", "told", "Grace Okafor", "Chilean President", model.SpeakerPerson},
		{"Nobody wants another accident", model.KindDirect, "Okafor", "told", "Grace Okafor", "Chilean President", model.SpeakerPerson},
		{"check every single valve", model.KindPartial, "Transport Minister Ana Ruiz", "said", "Ana Ruiz", "Transport Minister", model.SpeakerPerson},
		{"We will not bow to pressure", model.KindDirect, "Ruiz", "said", "Ana Ruiz", "Transport Minister", model.SpeakerPerson},
		{"the government had ignored", model.KindIndirect, "Tomás Herrera, a former ambassador to Canada", "said", "Tomás Herrera", "former ambassador to Canada", model.SpeakerPerson},
		{"The valves should have been replaced", model.KindDirect, "", "", "Dan Pike", "city hall spokesperson", model.SpeakerPerson},
		{"We asked for the money", model.KindDirect, "-", "-", "Dan Pike", "city hall spokesperson", model.SpeakerPerson},
		{"two million euros", model.KindReported, "the Harbour Safety Review", "according to", "Harbour Safety Review", "", model.SpeakerDocument},
		{"the fleet should have been retired", model.KindIndirect, "The report", "says", "Harbour Safety Review", "", model.SpeakerDocument},
		{"the warnings were ignored", model.KindIndirect, "Four current and former city officials", "said", "", "", model.SpeakerOfficials},
		{"the cracks had been visible", model.KindIndirect, "One senior engineer", "said", "", "", model.SpeakerAnonymous},
		{"The mayor has firmly rejected", model.KindReported, "Reuters", "reported", "Reuters", "", model.SpeakerPublication},
		{"no one would lose their job", model.KindIndirect, "Okafor", "emphasized", "Grace Okafor", "Chilean President", model.SpeakerPerson},
	} {
		check(t, a, w)
	}
	split := find(t, a, "We will not bow")
	if len(split.ContentParts) != 2 || !strings.Contains(split.ContentParts[1].Text, "we will negotiate") {
		t.Errorf("split quote parts = %+v", split.ContentParts)
	}
	// The multi-paragraph quote is one relation spanning both paragraphs.
	mp := find(t, a, "The valves should have been replaced")
	if !strings.Contains(mp.Content.Text, "Everyone at the port knew it") {
		t.Errorf("multi-sentence quote cut short: %q", mp.Content.Text)
	}
	people := map[string]model.Person{}
	for _, p := range a.People {
		if _, dup := people[p.Name]; dup {
			t.Errorf("person %q listed twice", p.Name)
		}
		people[p.Name] = p
	}
	for _, name := range []string{"Grace Okafor", "Ana Ruiz", "Tomás Herrera", "Dan Pike"} {
		if _, ok := people[name]; !ok {
			t.Errorf("people lacks %q: %+v", name, a.People)
		}
	}
	if p := people["Grace Okafor"]; p.Mentions < 4 {
		t.Errorf("Okafor mentions = %d, want >= 4 (name, short name, pronoun)", p.Mentions)
	}
	orgs := map[string]bool{}
	for _, o := range a.Organizations {
		orgs[o.Name] = true
	}
	if !orgs["Reuters"] {
		t.Errorf("organizations lack Reuters: %+v", a.Organizations)
	}
}

// TestDeterministicAndConcurrent runs the same article from several
// goroutines: every result must be identical (no shared mutable state).
func TestDeterministicAndConcurrent(t *testing.T) {
	want, _ := json.Marshal(run(fixture))
	var wg sync.WaitGroup
	got := make([][]byte, 8)
	for g := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[g], _ = json.Marshal(run(fixture))
		}()
	}
	wg.Wait()
	for g := range got {
		if string(got[g]) != string(want) {
			t.Fatalf("goroutine %d got a different result", g)
		}
	}
}

func TestRolesAgesAndDocuments(t *testing.T) {
	a := run(`According to the Harbour Safety Review, the valves were 30 years old.
Port director Miguel Santos said: "We followed every rule — every single one. The inspectors called it 'routine' last year."
The closure was ordered on Friday, the agency said, citing an internal memo.
Santos, 58, has firmly denied any wrongdoing.
"It was never about money," he added. "It was about time."`)
	check(t, a, wantRel{"the valves were 30 years old", model.KindReported, "the Harbour Safety Review", "According to", "Harbour Safety Review", "", model.SpeakerDocument})
	check(t, a, wantRel{"every single one", model.KindDirect, "Port director Miguel Santos", "said", "Miguel Santos", "Port director", model.SpeakerPerson})
	check(t, a, wantRel{"any wrongdoing", "", "Santos, 58", "-", "Miguel Santos", "Port director", model.SpeakerPerson})
	check(t, a, wantRel{"It was about time", model.KindDirect, "he", "added", "Miguel Santos", "Port director", model.SpeakerPerson})
	// "an internal memo" is a new document, not the review named before.
	memo := find(t, a, "The closure was ordered")
	for _, at := range a.Attributions {
		if at.Cue.Text == "citing" {
			memo = at
		}
	}
	if memo.Cue.Text != "citing" || memo.Speaker != "" || memo.SpeakerKind != model.SpeakerDocument {
		t.Errorf("citing relation = %+v", memo)
	}
}

func TestTitlesOverOrganisationWords(t *testing.T) {
	a := run(`House Speaker Paul Ryan said the vote would go ahead. Senate Minority Leader Harry M. Reid (D-Nev.) told reporters that it would fail.`)
	check(t, a, wantRel{"the vote would go ahead", model.KindIndirect, "-", "said", "Paul Ryan", "House Speaker", model.SpeakerPerson})
	check(t, a, wantRel{"it would fail", model.KindIndirect, "-", "told", "Harry M. Reid", "Senate Minority Leader", model.SpeakerPerson})
	for _, o := range a.Organizations {
		t.Errorf("unexpected organization %q", o.Name)
	}
}

// A contracted pronoun as a source is the pronoun alone; a possessive
// name stays whole.
func TestSourceSpanContraction(t *testing.T) {
	d := analyzeRules("She’s sure, and they're certain, that Okafor's plan works.")
	for i, want := range map[int]string{0: "She", 4: "they", 8: "Okafor's"} {
		if got := d.sourceSpan([2]int{i, i + 1}).Text; got != want {
			t.Errorf("source at token %d (%q) = %q, want %q", i, d.word(i), got, want)
		}
	}
}
