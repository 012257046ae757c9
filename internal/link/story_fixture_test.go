package link

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/crosswire-news/crosswire/internal/analyze"
	"github.com/crosswire-news/crosswire/internal/extract"
	"github.com/crosswire-news/crosswire/internal/model"
)

// storyFixtureStories extracts and analyses ../../examples and compares
// them, as `crosswire compare examples/*` does.
func storyFixtureStories(t *testing.T) []model.Story {
	return Compare(storyFixtureArticles(t), DefaultConfig())
}

// storyFixtureArticles extracts and analyses ../../examples.
func storyFixtureArticles(t *testing.T) []*model.Article {
	t.Helper()
	dir := filepath.Join("..", "..", "examples")
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Skipf("no examples: %v", err)
	}
	var arts []*model.Article
	for _, e := range ents {
		if e.IsDir() || strings.EqualFold(e.Name(), "README.md") {
			continue
		}
		as, errs := extract.File(filepath.Join(dir, e.Name()), extract.Options{})
		for _, err := range errs {
			t.Errorf("extract %s: %v", e.Name(), err)
		}
		for i := range as {
			a := as[i]
			analyze.Article(&a)
			arts = append(arts, &a)
		}
	}
	return arts
}

// storyFixtureIDs maps the example files to the ids extract gives them, by
// outlet (the JSON Lines ids are given in the file).
func storyFixtureID(t *testing.T, st model.Story, outlet string) string {
	t.Helper()
	for _, a := range st.Articles {
		if a.Outlet == outlet {
			return a.ID
		}
	}
	t.Errorf("no article of %q in story %q (outlets: %v)", outlet, st.Title, storyFixtureOutlets(st))
	return "?" + outlet
}

func storyFixtureOutlets(st model.Story) []string {
	var out []string
	for _, a := range st.Articles {
		out = append(out, a.Outlet)
	}
	return out
}

// TestStoryFixtureExamples is the acceptance test of docs/examples.md.
func TestStoryFixtureExamples(t *testing.T) {
	storyCheckFixture(t, storyFixtureStories(t))
}

// TestStoryFixtureBuildStory checks BuildStory on the analysed examples
// grouped as docs/examples.md says (the Kessel file apart, Coastline
// Daily a duplicate of The Harbor Ledger), independently of the Linker.
func TestStoryFixtureBuildStory(t *testing.T) {
	arts := storyFixtureArticles(t)
	var halden, kessel []Member
	ledger := ""
	for _, a := range arts {
		if a.Outlet == "The Harbor Ledger" {
			ledger = a.ID
		}
	}
	for _, a := range arts {
		m := Member{Article: a}
		if a.Outlet == "Coastline Daily" {
			m.DuplicateOf, m.Similarity = ledger, 1
		}
		if a.Outlet == "Valley Tribune" || a.Outlet == "Kessel Morning Star" {
			kessel = append(kessel, m)
		} else {
			halden = append(halden, m)
		}
	}
	storyCheckFixture(t, []model.Story{BuildStory("kessel", kessel), BuildStory("halden", halden)})
}

func storyCheckFixture(t *testing.T, stories []model.Story) {
	if testing.Verbose() {
		for _, st := range stories {
			b, _ := json.MarshalIndent(st, "", "  ")
			t.Logf("%s", b)
		}
	}
	var halden, kessel *model.Story
	for i := range stories {
		outs := strings.Join(storyFixtureOutlets(stories[i]), "|")
		if strings.Contains(outs, "The Harbor Ledger") {
			halden = &stories[i]
		}
		if strings.Contains(outs, "Valley Tribune") {
			kessel = &stories[i]
		}
	}
	if halden == nil || kessel == nil {
		t.Fatalf("stories not found (%d stories)", len(stories))
	}

	// Membership: five Halden articles in one story, two Kessel ones in
	// another, and nothing else.
	if got, want := storyFixtureOutlets(*halden), []string{"Coastline Daily", "Islander Gazette", "Meridian Post", "Northern Courier", "The Harbor Ledger"}; !storySameSet(got, want) {
		t.Errorf("Halden story outlets %v, want %v", got, want)
	}
	if got, want := storyFixtureOutlets(*kessel), []string{"Valley Tribune", "Kessel Morning Star"}; !storySameSet(got, want) {
		t.Errorf("Kessel story outlets %v, want %v", got, want)
	}
	if len(stories) != 2 {
		t.Errorf("%d stories, want 2", len(stories))
	}
	if kessel.Articles[0].ID != "valley-tribune-library" || kessel.Articles[1].ID != "kessel-star-library" {
		t.Errorf("Kessel ids/order %+v", kessel.Articles)
	}

	hl := storyFixtureID(t, *halden, "The Harbor Ledger")
	nc := storyFixtureID(t, *halden, "Northern Courier")
	cd := storyFixtureID(t, *halden, "Coastline Daily")
	mp := storyFixtureID(t, *halden, "Meridian Post")
	ig := storyFixtureID(t, *halden, "Islander Gazette")

	// Timeline: the Ledger is first.
	if halden.FirstPublished != "2026-03-14T08:10:00Z" || halden.Articles[0].ID != hl {
		t.Errorf("first_published %q, first article %q", halden.FirstPublished, halden.Articles[0].ID)
	}
	if halden.Title != "Halden ferries halted after inspectors find cracked valves" {
		t.Errorf("title %q", halden.Title)
	}
	// The Northern Courier page is dated 10:45Z: 2h35m after the Ledger.
	for _, a := range halden.Articles {
		if a.ID == nc && (a.Published != "2026-03-14T10:45:00Z" || a.DelaySeconds != 9300) {
			t.Errorf("northern-courier published %q delay %d, want 2026-03-14T10:45:00Z and 9300", a.Published, a.DelaySeconds)
		}
	}

	// A copy: Coastline Daily carries The Harbor Ledger's text.
	for _, a := range halden.Articles {
		switch {
		case a.ID == cd && a.CopyOf != hl:
			t.Errorf("coastline-daily copy_of = %q, want %q", a.CopyOf, hl)
		case a.ID != cd && a.CopyOf != "":
			t.Errorf("%s copy_of = %q, want none", a.ID, a.CopyOf)
		}
	}

	// One statement translated three ways: Ruiz's, five variants, one per
	// article, incl. the partial (Northern Courier) and the "she" one.
	ruiz := storyFindGroup(halden, "bow to pressure")
	if ruiz == nil {
		t.Errorf("no quote group for the Ruiz statement")
	} else {
		if ruiz.Speaker != "Ana Ruiz" {
			t.Errorf("Ruiz group speaker %q", ruiz.Speaker)
		}
		byArt := map[string][]model.Variant{}
		for _, v := range ruiz.Variants {
			byArt[v.Article] = append(byArt[v.Article], v)
		}
		want := map[string]string{
			hl: "We will not bow to pressure, we will negotiate",
			cd: "We will not bow to pressure, we will negotiate",
			nc: "negotiates but does not bow to pressure",
			mp: "We are not going to give in to pressure. We are going to negotiate",
			ig: "We will not bow to pressure. We will negotiate",
		}
		if len(ruiz.Variants) != 5 {
			t.Errorf("Ruiz group has %d variants, want 5: %+v", len(ruiz.Variants), ruiz.Variants)
		}
		for id, text := range want {
			vs := byArt[id]
			// A partial quote's variant may carry its reported clause
			// ('The government "negotiates ..."'): the quote must be in it.
			if len(vs) != 1 || !strings.Contains(storyNorm(vs[0].Text), storyNorm(text)) ||
				(id != nc && storyNorm(vs[0].Text) != storyNorm(text)) {
				t.Errorf("Ruiz variant in %s = %+v, want %q", id, vs, text)
			}
		}
		if vs := byArt[nc]; len(vs) == 1 && vs[0].Kind != model.KindPartial {
			t.Errorf("Northern Courier's Ruiz variant is %q, want partial", vs[0].Kind)
		}
		if vs := byArt[ig]; len(vs) == 1 && vs[0].Speaker != "Ana Ruiz" {
			t.Errorf("Islander Gazette's Ruiz variant (through \"she\") has speaker %q", vs[0].Speaker)
		}
	}

	// One quote, two speakers.
	valves := storyFindGroup(halden, "The valves should have been replaced years ago")
	if valves == nil {
		t.Errorf("no quote group for the valves quote")
	} else {
		sp := map[string]string{}
		for _, v := range valves.Variants {
			sp[v.Article] = v.Speaker
		}
		want := map[string]string{hl: "Dan Pike", cd: "Dan Pike", ig: "Dan Pike", nc: "Tomás Herrera"}
		if !storySameMap(sp, want) {
			t.Errorf("valves speakers %v, want %v", sp, want)
		}
		if valves.Speaker != "Dan Pike" || !valves.Identical {
			t.Errorf("valves group speaker %q identical %v", valves.Speaker, valves.Identical)
		}
	}

	// Partial quotes as their own groups.
	for _, p := range []struct{ text, speaker string }{
		{"check every single valve", "Ana Ruiz"},
		{"a necessary pause", "Grace Okafor"},
		{"a classic sign of deferred maintenance", "Lena Vos"},
	} {
		g := storyFindGroup(halden, p.text)
		if g == nil {
			t.Errorf("no quote group for %q", p.text)
			continue
		}
		if g.Speaker != p.speaker {
			t.Errorf("%q speaker %q, want %q", p.text, g.Speaker, p.speaker)
		}
		var kinds []string
		for _, v := range g.Variants {
			kinds = append(kinds, v.Kind)
		}
		if !strings.Contains(strings.Join(kinds, ","), model.KindPartial) {
			t.Errorf("%q variants %v, want a partial", p.text, kinds)
		}
	}

	// The Vos quotes only in the Meridian Post.
	for _, q := range []string{"a classic sign of deferred maintenance", "engine room floods", "You do not take that risk"} {
		g := storyFindGroup(halden, q)
		if g == nil {
			t.Errorf("no quote group for Vos's %q", q)
			continue
		}
		for _, v := range g.Variants {
			if v.Article != mp {
				t.Errorf("Vos's %q found in %s", q, v.Article)
			}
		}
	}

	// One origin: Tidewater News Agency, cited by all five.
	if len(halden.Origins) != 1 {
		t.Errorf("origins %+v, want only Tidewater News Agency", halden.Origins)
	}
	if len(halden.Origins) > 0 {
		o := halden.Origins[0]
		if o.Source != "Tidewater News Agency" || !storySameSet(o.CitedBy, []string{hl, nc, cd, mp, ig}) {
			t.Errorf("origin %+v, want Tidewater News Agency cited by all five", o)
		}
	}
	if halden.IndependentSources != 1 {
		t.Errorf("Halden independent_sources = %d, want 1 (Tidewater; every article relays it)", halden.IndependentSources)
	}
	if len(kessel.Origins) != 0 || kessel.IndependentSources != 2 {
		t.Errorf("Kessel origins %+v independent %d, want none and 2", kessel.Origins, kessel.IndependentSources)
	}

	// Only one outlet: Vos (Meridian Post); Ines Moreau and the anonymous
	// engineer (Islander Gazette); air supply by Brandt (Northern Courier).
	storyWantUnique(t, halden, mp, "Lena Vos")
	storyWantUnique(t, halden, ig, "Ines Moreau")
	storyWantUnique(t, halden, ig, "senior engineer")
	storyWantUnique(t, halden, nc, "supplied by air")
	for id, cs := range halden.Unique {
		if id == hl || id == cd {
			t.Errorf("%s has unique claims %q: the Ledger and its copy carry the same text", id, cs)
		}
	}

	// Discrepancies: the valves quote's speakers; Brandt's role.
	var sawSpeaker, sawRole bool
	for _, d := range halden.Discrepancies {
		switch {
		case d.Kind == model.DiscrepancySpeaker && strings.Contains(d.Detail, "The valves should have been replaced years ago"):
			sawSpeaker = true
			if !strings.Contains(d.Detail, "Dan Pike's in The Harbor Ledger, Islander Gazette, Coastline Daily but Tomás Herrera's in Northern Courier") &&
				!strings.Contains(d.Detail, "Tomás Herrera's in Northern Courier") {
				t.Errorf("valves detail %q", d.Detail)
			}
			if !storySameSet(d.Articles, []string{hl, nc, cd, ig}) {
				t.Errorf("valves discrepancy articles %v", d.Articles)
			}
		case d.Kind == model.DiscrepancyRole && strings.Contains(d.Detail, "Elias Brandt"):
			sawRole = true
			if !storySameSet(d.Articles, []string{nc, mp}) {
				t.Errorf("Brandt discrepancy articles %v", d.Articles)
			}
		}
	}
	if !sawSpeaker {
		t.Errorf("no speaker mismatch for the valves quote: %+v", halden.Discrepancies)
	}
	if !sawRole {
		t.Errorf("no role conflict for Elias Brandt: %+v", halden.Discrepancies)
	}
	for _, d := range kessel.Discrepancies {
		if d.Kind != model.DiscrepancyWording {
			t.Errorf("Kessel discrepancy %+v", d)
		}
	}
}

func storyFindGroup(st *model.Story, text string) *model.QuoteGroup {
	for i := range st.QuoteGroups {
		for _, v := range st.QuoteGroups[i].Variants {
			if strings.Contains(storyNorm(v.Text), storyNorm(text)) {
				return &st.QuoteGroups[i]
			}
		}
	}
	return nil
}

func storyWantUnique(t *testing.T, st *model.Story, id, text string) {
	t.Helper()
	for _, c := range st.Unique[id] {
		if strings.Contains(c, text) {
			return
		}
	}
	t.Errorf("unique[%s] has no claim with %q: %q", id, text, st.Unique[id])
}

func storyNorm(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127)
	}), " ")
}

func storySameSet(a, b []string) bool {
	x := append([]string{}, a...)
	y := append([]string{}, b...)
	sort.Strings(x)
	sort.Strings(y)
	return strings.Join(x, "\x00") == strings.Join(y, "\x00")
}

func storySameMap(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
