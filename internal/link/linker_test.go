package link

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/crosswire-news/crosswire/internal/model"
	"github.com/crosswire-news/crosswire/internal/synth"
)

// All texts below are invented for these tests.

func lnArt(id, date, title, text string) *model.Article {
	return &model.Article{ID: id, Published: date, Title: title, Text: text}
}

const lnQuakeA = `A magnitude 6.1 earthquake struck near the mountain town of Velbrook early on Tuesday, ` +
	`collapsing the old grain market and damaging the Velbrook bridge over the Sarn river. ` +
	`Mayor Ilsa Montrane said rescue teams from Dorrin Province were searching the market for survivors. ` +
	`"We have never felt anything like this in Velbrook," Montrane told reporters outside the town hall. ` +
	`The Dorrin Seismic Institute said the quake was centred nine kilometres below Velbrook. ` +
	`Aftershocks rattled the valley through the morning and schools in Velbrook were closed.`

const lnQuakeB = `A strong earthquake hit the coastal city of Marisport on Thursday, cracking the harbour wall ` +
	`and cutting power to the Marisport lighthouse district. ` +
	`Harbour master Teodor Quillan said two fishing boats sank at their moorings. ` +
	`"The whole quay moved under our feet," Quillan said as crews from Ostrava Coast Guard arrived. ` +
	`The Ostrava Geological Service measured the quake at magnitude 5.8 offshore of Marisport. ` +
	`Ferries to Marisport were cancelled while engineers inspected the damaged harbour wall.`

func TestClusterDifferentEarthquakesStayApart(t *testing.T) {
	l := NewLinker(DefaultConfig())
	a := l.Add(lnArt("q1", "2026-03-03", "Earthquake collapses market in Velbrook", lnQuakeA))
	b := l.Add(lnArt("q2", "2026-03-05", "Earthquake damages Marisport harbour", lnQuakeB))
	if a.StoryID == b.StoryID {
		t.Fatalf("two earthquakes in different towns merged into %s", a.StoryID)
	}
	if !a.NewStory || !b.NewStory {
		t.Errorf("both should start stories: %+v %+v", a, b)
	}
}

func TestClusterDifferentArrestsStayApart(t *testing.T) {
	l := NewLinker(DefaultConfig())
	a := l.Add(lnArt("r1", "2026-06-10", "Police arrest Jonah Pettery over warehouse fire",
		`Police in Calderwick arrested Jonah Pettery on Monday in connection with the warehouse fire on Tanner Road. `+
			`Detective Rosa Imbert said Pettery, 34, was detained at his home and charged with arson. `+
			`"We believe the fire was set deliberately," Imbert said at a news conference. `+
			`Pettery is due to appear before Calderwick Magistrates Court on Wednesday. `+
			`The fire destroyed three units and forced the evacuation of Tanner Road overnight.`))
	b := l.Add(lnArt("r2", "2026-06-11", "Police arrest Marta Ellwin over depot fire",
		`Police in Brennock arrested Marta Ellwin on Tuesday after a fire at the bus depot on Quarry Lane. `+
			`Inspector Caleb Honeyford said Ellwin, 29, was detained near the depot and charged with arson. `+
			`"The evidence points to a deliberate act," Honeyford said outside Brennock police station. `+
			`Ellwin will appear before Brennock Crown Court next week. `+
			`Eleven buses were destroyed and services across Brennock were disrupted.`))
	if a.StoryID == b.StoryID {
		t.Fatalf("two arrests of different people merged into %s", a.StoryID)
	}
}

var lnRewrites = []struct{ title, text string }{
	{"Flood forces evacuation of Lindmoor after Kessel river bursts banks",
		`The Kessel river burst its banks at Lindmoor on Saturday, forcing the evacuation of about 400 homes. ` +
			`Fire chief Odile Varnach said crews rescued twelve people from rooftops in the Lindmoor lowlands. ` +
			`"The water rose faster than anyone expected," Varnach said. ` +
			`An emergency shelter opened at the Lindmoor sports hall and the Kessel bridge was closed.`},
	{"Hundreds evacuated as Kessel floods Lindmoor",
		`About 400 households in Lindmoor were evacuated on Saturday when the Kessel river overflowed. ` +
			`Odile Varnach, the Lindmoor fire chief, said twelve residents were lifted from rooftops. ` +
			`"The water rose faster than anyone expected," she said. ` +
			`The Kessel bridge remains closed and evacuees are staying at the sports hall.`},
	{"Lindmoor flood: fire chief Varnach says twelve rescued",
		`Twelve people were rescued from rooftops in Lindmoor after the Kessel river flooded the town, ` +
			`fire chief Odile Varnach said on Sunday. Some 400 homes were evacuated. ` +
			`Residents spent the night at the Lindmoor sports hall while the Kessel bridge stayed shut.`},
}

func TestClusterRewritesJoin(t *testing.T) {
	l := NewLinker(DefaultConfig())
	var story string
	for i, rw := range lnRewrites {
		as := l.Add(lnArt(fmt.Sprintf("f%d", i), "2026-09-12", rw.title, rw.text))
		if i == 0 {
			story = as.StoryID
			if story != "sf0" {
				t.Errorf("story id = %q, want sf0", story)
			}
			continue
		}
		if as.StoryID != story {
			t.Errorf("rewrite %d went to %s, want %s", i, as.StoryID, story)
		}
		if as.Via != ViaScore || as.Score < l.Config().JoinThreshold {
			t.Errorf("rewrite %d joined via %q at score %.3f, want %q at or above the threshold", i, as.Via, as.Score, ViaScore)
		}
	}
}

func TestDedupExactAndNear(t *testing.T) {
	l := NewLinker(DefaultConfig())
	a := l.Add(lnArt("w1", "2026-01-02", "Velbrook quake collapses market", lnQuakeA))
	// Same text, different punctuation and case: an exact duplicate after
	// normalisation (syndicated copy).
	dup := strings.ToUpper(strings.ReplaceAll(lnQuakeA, ",", " ,"))
	b := l.Add(lnArt("w2", "2026-01-02", "Velbrook quake collapses market", dup))
	if a.Via != ViaNew || b.Via != ViaDuplicate {
		t.Errorf("via: first %q, exact copy %q", a.Via, b.Via)
	}
	if b.DuplicateOf != "w1" || b.StoryID != a.StoryID || b.Similarity != 1 {
		t.Errorf("exact copy: %+v", b)
	}
	// A repost with one word changed: a near-duplicate.
	near := strings.Replace(lnQuakeA, "Aftershocks rattled the valley", "Aftershocks shook the valley", 1)
	c := l.Add(lnArt("w3", "2026-01-02", "Quake collapses Velbrook market", near))
	if c.CopyOf != "w1" && c.CopyOf != "w2" {
		t.Errorf("near copy not detected: %+v", c)
	}
	if c.Similarity < 0.7 || c.Similarity >= 1 || c.StoryID != a.StoryID || c.Via != ViaCopy {
		t.Errorf("near copy: %+v", c)
	}
	// A different text is neither.
	d := l.Add(lnArt("w4", "2026-01-03", "Marisport harbour hit by quake", lnQuakeB))
	if d.DuplicateOf != "" || d.CopyOf != "" {
		t.Errorf("unrelated text linked as copy: %+v", d)
	}
}

func TestDedupTemplateIsNotACopy(t *testing.T) {
	// A consent wall served instead of two unrelated articles.
	wall := strings.Repeat("Please confirm your subscription preferences to continue reading our journalism and manage your account settings. ", 3)
	l := NewLinker(DefaultConfig())
	a := l.Add(lnArt("c1", "2026-02-01", "Velbrook council approves new library budget", wall))
	b := l.Add(lnArt("c2", "2026-02-01", "Marisport ferry strike enters second week", wall))
	if b.DuplicateOf != "" || b.StoryID == a.StoryID {
		t.Errorf("template page linked: %+v vs %+v", b, a)
	}
}

// A repost of the same text under an unrelated-looking headline is still a
// copy when the headline's words are in the text it carries.
func TestDedupRepostUnderNewHeadline(t *testing.T) {
	l := NewLinker(DefaultConfig())
	a := l.Add(lnArt("r1", "2026-01-02", "Velbrook quake collapses market", lnQuakeA))
	b := l.Add(lnArt("r2", "2026-01-02", "Aftershocks rattle valley as traders count losses", lnQuakeA))
	if b.DuplicateOf != "r1" || b.StoryID != a.StoryID {
		t.Errorf("repost under a new headline not linked: %+v", b)
	}
}

func TestLinkerDeterministic(t *testing.T) {
	run := func() []Assignment {
		l := NewLinker(DefaultConfig())
		s := synth.NewStream(synth.StreamConfig{Seed: 7, N: 600, MeanArticles: 3, Span: 1000 * 3600e9, CopyRate: 0.05, NearDupRate: 0.05})
		var out []Assignment
		for {
			a, _, ok := s.Next()
			if !ok {
				return out
			}
			out = append(out, l.Add(&a))
		}
	}
	x, y := run(), run()
	if len(x) != 600 || len(x) != len(y) {
		t.Fatalf("lengths %d %d", len(x), len(y))
	}
	for i := range x {
		if !reflect.DeepEqual(x[i], y[i]) {
			t.Fatalf("assignment %d differs: %+v vs %+v", i, x[i], y[i])
		}
	}
}

func TestLinkerRestoreThenAdd(t *testing.T) {
	l := NewLinker(DefaultConfig())
	l.Restore(lnArt("old1", "2026-09-12", lnRewrites[0].title, lnRewrites[0].text), "s-flood")
	l.Restore(lnArt("old2", "2026-09-12", lnRewrites[1].title, lnRewrites[1].text), "s-flood")
	if l.Len() != 2 {
		t.Fatalf("Len = %d, want 2", l.Len())
	}
	as := l.Add(lnArt("new", "2026-09-13", lnRewrites[2].title, lnRewrites[2].text))
	if as.StoryID != "s-flood" || as.NewStory {
		t.Errorf("after Restore, Add went to %+v", as)
	}
}

func TestLinkerRemove(t *testing.T) {
	l := NewLinker(DefaultConfig())
	l.Add(lnArt("w1", "2026-01-02", "Velbrook quake collapses market", lnQuakeA))
	l.Remove("w1")
	l.Remove("unknown")
	if l.Len() != 0 || l.lsh.Len() != 0 || len(l.exact) != 0 || l.Stories() != 0 {
		t.Fatalf("state left after Remove: len %d lsh %d exact %d stories %d", l.Len(), l.lsh.Len(), len(l.exact), l.Stories())
	}
	b := l.Add(lnArt("w2", "2026-01-02", "Velbrook quake collapses market", lnQuakeA))
	if b.DuplicateOf != "" || !b.NewStory {
		t.Errorf("removed article still matched: %+v", b)
	}
}

func TestLinkerWindowExpires(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Window = 48 * 3600e9
	l := NewLinker(cfg)
	a := l.Add(lnArt("f0", "2026-09-01", lnRewrites[0].title, lnRewrites[0].text))
	b := l.Add(lnArt("f1", "2026-09-20", lnRewrites[1].title, lnRewrites[1].text))
	if a.StoryID == b.StoryID {
		t.Errorf("article three weeks later joined a story outside the window")
	}
	if l.Len() != 1 {
		t.Errorf("Len = %d after expiry, want 1", l.Len())
	}
}

func BenchmarkLinkerAdd(b *testing.B) {
	// A dense stream: 3 articles per event, 2,000 articles a day.
	s := synth.NewStream(synth.StreamConfig{Seed: 3, N: b.N + 20000, MeanArticles: 3, Span: time.Duration(float64(b.N+20000)/2000*24) * time.Hour, CopyRate: 0.05, NearDupRate: 0.05})
	l := NewLinker(DefaultConfig())
	// Warm up so the window is full.
	for i := 0; i < 20000; i++ {
		a, _, _ := s.Next()
		l.Add(&a)
	}
	arts := make([]model.Article, b.N)
	for i := range arts {
		arts[i], _, _ = s.Next()
	}
	b.ResetTimer()
	for i := range arts {
		l.Add(&arts[i])
	}
}

// On a stream as dense as a million articles a year where half the
// reports name their event's day, dozens of events of one kind share
// each day; a common day must not then carry a report into a
// look-alike's story. Wrong joins: an article joining a story that holds
// no earlier report of its event.
func TestLinkerDenseStreamDaysNoLookAlikeJoins(t *testing.T) {
	const n = 12000
	cfg := synth.DefaultStreamConfig(n)
	cfg.Span = n * 24 * time.Hour / 2740
	s := synth.NewStream(cfg)
	l := NewLinker(DefaultConfig())
	events := map[string]map[int32]bool{}
	wrong := 0
	for {
		a, ev, ok := s.Next()
		if !ok {
			break
		}
		as := l.Add(&a)
		if events[as.StoryID] == nil {
			events[as.StoryID] = map[int32]bool{}
		}
		if !as.NewStory && !events[as.StoryID][ev] {
			wrong++
		}
		events[as.StoryID][ev] = true
	}
	t.Logf("%d wrong joins of %d", wrong, n)
	if share := float64(wrong) / n; share > 0.02 {
		t.Errorf("%d of %d articles (%.3f) joined a look-alike's story, want at most 2%%", wrong, n, share)
	}
}

// The document frequencies survive a trip through DFState and RestoreDF,
// halvings included, and a damaged or foreign table is refused whole.
func TestDFStateRoundTrips(t *testing.T) {
	cfg := DefaultConfig()
	cfg.MaxDF = 40 // small, so that counts get halved on the way
	l := NewLinker(cfg)
	for _, a := range foldFerry(t) {
		l.Add(a)
	}
	state := l.DFState()
	back := NewLinker(cfg)
	if !back.RestoreDF(state) {
		t.Fatal("RestoreDF refused DFState's own table")
	}
	if !reflect.DeepEqual(back.df.df, l.df.df) || back.df.n != l.df.n || len(l.df.df) == 0 || l.df.n >= 5 {
		t.Fatalf("restored table differs (or was never halved): n %v / %v, %d / %d keys", back.df.n, l.df.n, len(back.df.df), len(l.df.df))
	}
	if !bytes.Equal(back.DFState(), state) {
		t.Error("DFState of the restored table differs")
	}
	foreign := append([]byte{clDFVersion + 1}, state[1:]...)
	for name, bad := range map[string][]byte{"empty": nil, "short": state[:5], "cut in a pair": state[:len(state)-1], "other version": foreign} {
		fresh := NewLinker(cfg)
		if fresh.RestoreDF(bad) || len(fresh.df.df) != 0 || fresh.dfRestored {
			t.Errorf("%s table was taken", name)
		}
	}
}

// Articles restored after RestoreDF are taken to be counted in it: the
// table a restart ends with is the one the last run saved.
func TestRestoreAfterDFCountsNothingTwice(t *testing.T) {
	arts := foldFerry(t)
	l := NewLinker(DefaultConfig())
	for _, a := range arts {
		l.Add(a)
	}
	state := l.DFState()
	back := NewLinker(DefaultConfig())
	back.RestoreDF(state)
	for _, a := range arts {
		back.Restore(a, "s"+a.ID)
	}
	if !bytes.Equal(back.DFState(), state) {
		t.Error("restoring articles after RestoreDF changed the table")
	}
	// Without a saved table the restored articles are what there is.
	plain := NewLinker(DefaultConfig())
	for _, a := range arts {
		plain.Restore(a, "s"+a.ID)
	}
	if plain.df.n != float64(len(arts)) {
		t.Errorf("restored without a table: %v documents counted, want %d", plain.df.n, len(arts))
	}
}
