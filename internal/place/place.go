// Package place knows where places are: a gazetteer of the world's towns
// of 1,000 people or more, countries and their regions, and whether two
// named places can be one place (a town and its neighbourhood, a city and
// its state) or cannot (two towns a state apart).
//
// The table is derived from GeoNames (cities1000, CC BY 4.0,
// https://www.geonames.org) and country-region-data (MIT); see NOTICE and
// cmd/gazetteer, which rebuilds it.
package place

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/crosswire-news/crosswire/internal/textnorm"
)

//go:embed gazetteer.tsv.gz
var gazetteerData []byte

// Kind is what a gazetteer entry names.
type Kind byte

const (
	Town    Kind = 't' // a populated place, with coordinates
	Region  Kind = 'r' // a state, province or other first-level division
	Country Kind = 'c'
)

// entry is one place a name can mean. Coordinates are in hundredths of a
// degree (about a kilometre), which is all a town-level test needs.
type entry struct {
	kind     Kind
	country  [2]byte // ISO 3166-1 alpha-2
	admin    uint16  // first-level division code, interned (0: none); for regions known only in the US
	lat, lon int16
}

// Gazetteer maps folded names to the places they can mean.
type Gazetteer struct {
	names []string // sorted, distinct
	first []uint32 // entries of names[i] are ents[first[i]:first[i+1]]
	ents  []entry
}

// Ref is the set of places a name can mean; the zero Ref is a name the
// gazetteer does not know.
type Ref struct{ lo, hi uint32 }

// Known reports whether the name is in the gazetteer.
func (r Ref) Known() bool { return r.hi > r.lo }

var (
	defaultOnce sync.Once
	defaultGaz  *Gazetteer
)

// Default returns the embedded gazetteer, read on first use (0.15 s;
// 131,657 names, about 6 MB of heap).
func Default() *Gazetteer {
	defaultOnce.Do(func() {
		g, err := Read(bytes.NewReader(gazetteerData))
		if err != nil {
			// The table is embedded at build time: failing to read it is a
			// broken build, not bad input.
			panic("place: embedded gazetteer: " + err.Error())
		}
		defaultGaz = g
	})
	return defaultGaz
}

// Key folds a name the way the gazetteer keys it: textnorm words, folded,
// joined by single spaces ("St. Louis" -> "st louis").
func Key(name string) string {
	toks := textnorm.Tokens(name)
	parts := make([]string, len(toks))
	for i, t := range toks {
		parts[i] = textnorm.Fold(t.Text)
	}
	return strings.Join(parts, " ")
}

// directions are words that narrow a place without changing it ("north
// Philadelphia", "suburban Detroit"); a name the gazetteer does not know
// is looked up again without one.
var directions = map[string]bool{
	"north": true, "south": true, "east": true, "west": true,
	"northeast": true, "northwest": true, "southeast": true, "southwest": true,
	"northern": true, "southern": true, "eastern": true, "western": true,
	"central": true, "downtown": true, "suburban": true, "greater": true,
	"upper": true, "lower": true, "rural": true, "ne": true, "nw": true, "se": true, "sw": true,
}

// IsDirection reports whether a folded word only narrows a place.
func IsDirection(w string) bool { return directions[w] }

// Lookup returns what a folded name (Key) can mean.
func (g *Gazetteer) Lookup(key string) Ref {
	if r := g.find(key); r.Known() {
		return r
	}
	if i := strings.IndexByte(key, ' '); i > 0 && directions[key[:i]] {
		return g.find(key[i+1:])
	}
	return Ref{}
}

func (g *Gazetteer) find(key string) Ref {
	i := sort.SearchStrings(g.names, key)
	if i == len(g.names) || g.names[i] != key {
		return Ref{}
	}
	return Ref{g.first[i], g.first[i+1]}
}

// Compatible reports whether some place a can mean and some place b can
// mean may be one place: towns within km of each other or in the same
// first-level division, a region and a town or region in it, a country
// and anything in it. Both must be known.
func (g *Gazetteer) Compatible(a, b Ref, km float64) bool {
	for _, x := range g.ents[a.lo:a.hi] {
		for _, y := range g.ents[b.lo:b.hi] {
			if compatible(x, y, km) {
				return true
			}
		}
	}
	return false
}

func compatible(x, y entry, km float64) bool {
	if x.country != y.country {
		return false
	}
	if x.kind == Country || y.kind == Country {
		return true
	}
	if x.kind == Region && y.kind == Region {
		// Two regions differ (one name would have matched already) unless
		// their codes say they are one.
		return x.admin != 0 && x.admin == y.admin
	}
	if x.kind == Region || y.kind == Region {
		// Region codes are known only in the US; elsewhere the country
		// has to do.
		return x.admin == 0 || y.admin == 0 || x.admin == y.admin
	}
	// Two towns: one division (a neighbourhood filed as its own place, a
	// county seat), or near enough to be one city's suburbs.
	return (x.admin != 0 && x.admin == y.admin) || distance(x, y) <= km
}

// distance is the great-circle distance in kilometres.
func distance(x, y entry) float64 {
	const earth = 6371.0
	rad := math.Pi / 180 / 100
	la1, la2 := float64(x.lat)*rad, float64(y.lat)*rad
	dla, dlo := la2-la1, float64(y.lon-x.lon)*rad
	h := math.Sin(dla/2)*math.Sin(dla/2) + math.Cos(la1)*math.Cos(la2)*math.Sin(dlo/2)*math.Sin(dlo/2)
	return 2 * earth * math.Asin(math.Sqrt(min(1, h)))
}

// Read parses a gazetteer table: gzip'd lines "key TAB kind TAB country
// TAB admin TAB lat TAB lon", lat and lon in hundredths of a degree,
// sorted by key.
func Read(r *bytes.Reader) (*Gazetteer, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	g := &Gazetteer{}
	// Division codes repeat thousands of times ("IL", "02"): each is a
	// small number, 0 for none.
	codes := map[string]uint16{"": 0}
	intern := func(c string) (uint16, bool) {
		if v, ok := codes[c]; ok {
			return v, true
		}
		if len(codes) > math.MaxUint16 {
			return 0, false
		}
		codes[strings.Clone(c)] = uint16(len(codes))
		return codes[c], true
	}
	sc := bufio.NewScanner(zr)
	line := 0
	for sc.Scan() {
		line++
		f := strings.Split(sc.Text(), "\t")
		if len(f) != 6 || f[1] == "" || len(f[2]) != 2 {
			return nil, &FormatError{Line: line, Reason: "want 6 tab-separated fields, a kind and a two-letter country"}
		}
		lat, err1 := strconv.ParseInt(f[4], 10, 16)
		lon, err2 := strconv.ParseInt(f[5], 10, 16)
		if err1 != nil || err2 != nil {
			return nil, &FormatError{Line: line, Reason: "bad coordinates"}
		}
		if n := len(g.names); n == 0 || g.names[n-1] != f[0] {
			if n > 0 && g.names[n-1] > f[0] {
				return nil, &FormatError{Line: line, Reason: "keys out of order"}
			}
			g.names = append(g.names, strings.Clone(f[0]))
			g.first = append(g.first, uint32(len(g.ents)))
		}
		admin, ok := intern(f[3])
		if !ok {
			return nil, &FormatError{Line: line, Reason: "too many division codes"}
		}
		g.ents = append(g.ents, entry{Kind(f[1][0]), [2]byte{f[2][0], f[2][1]}, admin, int16(lat), int16(lon)})
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	g.first = append(g.first, uint32(len(g.ents)))
	return g, nil
}

// FormatError is a malformed gazetteer line.
type FormatError struct {
	Line   int
	Reason string
}

func (e *FormatError) Error() string {
	return "gazetteer line " + strconv.Itoa(e.Line) + ": " + e.Reason
}
