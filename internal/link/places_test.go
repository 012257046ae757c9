package link

import (
	"slices"
	"testing"

	"github.com/crosswire-news/crosswire/internal/place"
	"github.com/crosswire-news/crosswire/internal/textnorm"
)

// All texts below are invented for these tests.

func TestFeatPlaces(t *testing.T) {
	for _, c := range []struct {
		title, text string
		want        []string
	}{
		// The first sentence names the place; later ones do not count.
		{"Water main bursts", "A water main burst in Korvathen on Tuesday. Crews from Brennick Falls helped.", []string{"korvathen"}},
		{"", "Two men were shot near St. Louis late on Friday, police said.", []string{"st louis"}},
		{"", "A teenager was shot in Chicago's Englewood neighborhood on Sunday.", []string{"chicago"}},
		{"", "Flooding in North Memphis closed two schools.", []string{"north memphis"}},
		// Unknown words count in plain prose...
		{"", "The hospital wing in Tessaly Brook was evacuated on Monday.", []string{"tessaly brook"}},
		// ...but not in a headline, where capitals are style.
		{"Teen In Critical Condition After Shooting", "", nil},
		{"Storm damage in Korvathen", "", nil},
		{"Teen In Critical Condition After Shooting In Rocky Mount", "", []string{"rocky mount"}},
		// A middle initial ends no sentence.
		{"", "Police said a man identified as John D. Smith was shot twice in the leg outside a bakery in Korvathen early on Friday. He lives in Brennick.", []string{"korvathen"}},
		// Months, weekdays and initials are no place.
		{"", "Prices rose in March and fell in June.", nil},
		// Headline first, then the lede, each place once.
		{"Quake damages homes in Indonesia", "A strong quake struck Aceh province in Indonesia on Sunday.", []string{"indonesia"}},
	} {
		var got []string
		for _, p := range featPlaces(c.title, textnorm.Tokens(c.title), featFoldWords(c.title), c.text, textnorm.Tokens(c.text), featFoldWords(c.text)) {
			if p.ref != place.Default().Lookup(p.key) {
				t.Errorf("%q: ref %v, the gazetteer says %v", p.key, p.ref, place.Default().Lookup(p.key))
			}
			got = append(got, p.key)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%q / %q: got %q, want %q", c.title, c.text, got, c.want)
		}
	}
}

func featFoldWords(s string) []string {
	var w []string
	for _, t := range textnorm.Tokens(s) {
		w = append(w, textnorm.Fold(t.Text))
	}
	return w
}

func TestLnPlaceAgree(t *testing.T) {
	ps := func(keys ...string) []lnPlace {
		var out []lnPlace
		for _, k := range keys {
			out = append(out, lnPlace{k, place.Default().Lookup(k)})
		}
		return out
	}
	for _, c := range []struct {
		a, b []lnPlace
		want float64
	}{
		{ps("korvathen"), ps("korvathen"), 1},
		{ps("korvathen"), ps("tessaly brook"), -1},      // two towns nobody lists: a template's look-alikes
		{ps("habersham"), ps("habersham county"), 1},    // a shared word
		{ps("west side"), ps("east side"), 1},           // likewise: a city's sides, not two places
		{ps("englewood"), ps("chicago"), 1},             // a neighbourhood GeoNames lists
		{ps("evanston"), ps("chicago"), 1},              // a suburb
		{ps("chicago"), ps("houston"), -1},              // two cities
		{ps("aceh"), ps("indonesia"), 1},                // a region in its country
		{ps("korvathen"), ps("chicago"), 0},             // a venue or neighbourhood unknown: no evidence
		{ps("korvathen", "chicago"), ps("evanston"), 1}, // any pair that can be one place
		{nil, ps("chicago"), 0},
	} {
		if got := lnPlaceAgree(c.a, c.b, DefaultConfig().PlaceNearKm); got != c.want {
			t.Errorf("%v vs %v: %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

// Two events of one kind on one day, reported from one agency's wire,
// differ most in the town: the place keeps them apart, while each event's
// rewrites still join.
func TestPlaceKeepsLookAlikeEventsApart(t *testing.T) {
	const (
		korv = `A water main in Korvathen burst early on Tuesday, flooding three streets and cutting supply to about 2,000 homes, according to a Tidewater News Agency report. ` +
			`Utility spokesperson Mira Olsen said crews were on site and that bottled water was being handed out at the community hall. ` +
			`"We expect to restore supply by Wednesday evening," Olsen said. ` +
			`Traffic was diverted through the town centre for most of the afternoon.`
		korv2 = `Three streets in Korvathen were under water on Tuesday after a water main burst, Tidewater News Agency reported, and about 2,000 homes lost supply. ` +
			`Mira Olsen, speaking for the utility, said bottled water was available at the community hall and that supply should return by Wednesday evening.`
		tess = `A water pipe in Tessaly Brook broke on Tuesday, turning the market square into a lake and leaving some 850 households dry for the night, Tidewater News Agency reported. ` +
			`Jon Adeyemi, a spokesman for the water board, said repair teams were working through the day. ` +
			`"Nobody should have been put in this position," Adeyemi said. ` +
			`Several schools in the area adjusted their timetables, and the town council opened the sports hall as a shelter.`
		tess2 = `Some 850 households in Tessaly Brook were without water on Tuesday night after a pipe broke under the market square, Tidewater News Agency reported. ` +
			`Water board spokesman Jon Adeyemi said repair teams were working through the day and the sports hall was open as a shelter.`
	)
	run := func(cfg Config) map[string]string {
		l := NewLinker(cfg)
		got := map[string]string{}
		for _, a := range []struct{ id, at, title, text string }{
			{"k1", "08", "Water main bursts, flooding streets", korv},
			{"t1", "09", "Burst pipe floods market square", tess},
			{"k2", "10", "Korvathen streets flooded after main bursts", korv2},
			{"t2", "11", "Tessaly Brook households without water", tess2},
		} {
			got[a.id] = l.Add(lnArt(a.id, "2026-05-12T"+a.at+":00:00Z", a.title, a.text)).StoryID
		}
		return got
	}
	got := run(DefaultConfig())
	if got["k1"] != got["k2"] || got["t1"] != got["t2"] {
		t.Errorf("rewrites of one event split: %v", got)
	}
	if got["k1"] == got["t1"] {
		t.Errorf("two towns' look-alike events merged: %v", got)
	}
	// Without the place the first report of the second event joins the
	// first: the test above is about places, not wording.
	cfg := DefaultConfig()
	cfg.PlaceConflict = 0
	if got := run(cfg); got["k1"] != got["t1"] {
		t.Errorf("with PlaceConflict 0 the look-alikes stayed apart (%v): the fixture no longer tests places", got)
	}
}
