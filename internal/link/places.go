package link

import (
	"slices"
	"strings"

	"github.com/crosswire-news/crosswire/internal/place"
	"github.com/crosswire-news/crosswire/internal/textnorm"
)

// featMaxPlaces is the most places kept from one article, lnStoryPlaces
// from one story (the latest).
const (
	featMaxPlaces = 4
	lnStoryPlaces = 8
)

// featPlacePreps introduce the place an event happened in.
var featPlacePreps = map[string]bool{"in": true, "near": true, "outside": true}

// featPlaces returns where the headline and the first sentence of the
// body say the event happened: the capitalised words after "in", "near"
// or "outside" ("in Korvathen", "near St. Louis", "in Chicago's
// Englewood"), as place.Key forms. Other sentences name places in
// passing (where a suspect lives, the last such event). Headlines
// capitalise freely ("Teen In Critical Condition"; ECB+'s "Iran Kills"),
// so from a headline, and from a first sentence in title case, only a
// name the gazetteer knows counts.
func featPlaces(title string, ttoks []textnorm.Token, twords []string, text string, toks []textnorm.Token, words []string) []lnPlace {
	var out []lnPlace
	emit := func(p lnPlace) {
		if len(out) < featMaxPlaces && !slices.ContainsFunc(out, func(q lnPlace) bool { return q.key == p.key }) {
			out = append(out, p)
		}
	}
	featPlacesIn(title, ttoks, twords, true, emit)
	end := len(toks)
	for i := 1; i < len(toks); i++ {
		if featSentenceStart(text, toks, i, words[i-1]) {
			end = i
			break
		}
	}
	if end > 0 {
		lede := toks[:end]
		featPlacesIn(text, lede, words, featTitleCase(text[:lede[end-1].End], lede), emit)
	}
	return out
}

// featPlacesIn emits the places after a preposition in one stretch of
// text (folded: its tokens folded): up to three capitalised words, joined
// by spaces or the period of an abbreviation ("St. Louis"), ended by a
// possessive. Of those words the longest first run the gazetteer knows is
// the place; failing that, all of them, unless knownOnly. Each place comes
// with what the gazetteer says it can mean.
func featPlacesIn(s string, toks []textnorm.Token, folded []string, knownOnly bool, emit func(lnPlace)) {
	g := place.Default()
	for i := 0; i+1 < len(toks); i++ {
		if !featPlacePreps[folded[i]] {
			continue
		}
		var parts []string
		for j := i + 1; j < len(toks) && j <= i+3; j++ {
			w := toks[j].Text
			if j > i+1 {
				gap := strings.TrimSpace(s[toks[j-1].End:toks[j].Start])
				if gap != "" && (gap != "." || !featAbbrev[parts[len(parts)-1]]) {
					break
				}
			}
			if w[0] < 'A' || w[0] > 'Z' {
				break
			}
			f, possessive := strings.CutSuffix(folded[j], "'s")
			if len(f) < 2 || (featEntityStop[f] && f != "st") {
				break // an initial, a month, a weekday, an honorific
			}
			parts = append(parts, f)
			if possessive {
				break
			}
		}
		var found lnPlace
		for k := len(parts); k >= 1; k-- {
			n := strings.Join(parts[:k], " ")
			if ref := g.Lookup(n); ref.Known() {
				found = lnPlace{n, ref}
				break
			}
		}
		if found.key == "" && !knownOnly && len(parts) > 0 {
			found.key = strings.Join(parts, " ") // unknown: the zero Ref
		}
		if found.key != "" {
			emit(found)
		}
	}
}

// lnPlace is a place an article names, with what it can mean.
type lnPlace struct {
	key string
	ref place.Ref
}

// lnAddPlaces adds an article's places to a story's, keeping the latest
// lnStoryPlaces.
func lnAddPlaces(st, art []lnPlace) []lnPlace {
	for _, p := range art {
		if !slices.ContainsFunc(st, func(q lnPlace) bool { return q.key == p.key }) {
			st = append(st, p)
		}
	}
	if len(st) > lnStoryPlaces {
		st = append(st[:0], st[len(st)-lnStoryPlaces:]...)
	}
	return st
}

// lnPlaceAgree is +1 when some place of a can be one of b, -1 when none
// can, 0 when there is nothing to tell (a side names none, or only one
// side's places are known: a neighbourhood or venue the gazetteer lacks
// against a town). Two places can be one when they are the same name,
// share a word other than a direction ("Habersham" and "Habersham
// County", "west side" and "east side"), or the gazetteer finds them
// near or one inside the other; two names it does not know cannot (the
// invented towns of a template's look-alike events).
func lnPlaceAgree(a, b []lnPlace, km float64) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	conflict := false
	for _, p := range a {
		for _, q := range b {
			switch lnPlacePair(p, q, km) {
			case 1:
				return 1
			case -1:
				conflict = true
			}
		}
	}
	if conflict {
		return -1
	}
	return 0
}

func lnPlacePair(p, q lnPlace, km float64) int {
	if p.key == q.key || lnShareWord(p.key, q.key) {
		return 1
	}
	switch pk, qk := p.ref.Known(), q.ref.Known(); {
	case !pk && !qk:
		return -1
	case !pk || !qk:
		return 0
	case place.Default().Compatible(p.ref, q.ref, km):
		return 1
	}
	return -1
}

// lnShareWord reports whether two place keys share a word that is not a
// direction.
func lnShareWord(a, b string) bool {
	for _, x := range strings.Fields(a) {
		if place.IsDirection(x) {
			continue
		}
		for _, y := range strings.Fields(b) {
			if x == y {
				return true
			}
		}
	}
	return false
}
