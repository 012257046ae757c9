package link

import (
	"cmp"
	"encoding/binary"
	"math"
	"slices"
)

// clByWeight orders features heaviest first, ties by key (deterministic).
func clByWeight(a, b clFeat) int {
	switch {
	case a.w > b.w:
		return -1
	case a.w < b.w:
		return 1
	}
	return cmp.Compare(a.key, b.key)
}

func clByKey(a, b clFeat) int { return cmp.Compare(a.key, b.key) }

// Online story clustering: each article becomes a sparse TF-IDF vector over
// terms, entity words and quotes; stories keep a capped centroid; an
// inverted index from distinctive features to live stories gives the
// candidates; the article joins the best candidate whose score clears the
// threshold, else it starts a story.

// clFeat is one weighted feature of a vector.
type clFeat struct {
	key uint64
	w   float32
}

// clVec is a sparse vector sorted by key (for merge-join dot products).
type clVec []clFeat

func (v clVec) norm() float64 {
	var s float64
	for _, f := range v {
		s += float64(f.w) * float64(f.w)
	}
	return math.Sqrt(s)
}

// clDF keeps document frequencies exactly, but bounded: when the table
// outgrows its limit every count (and the document total) is halved and
// zeros dropped, so the IDF follows the recent stream and memory stays flat.
type clDF struct {
	n     float64
	df    map[uint64]uint32
	limit int
}

func newClDF(limit int) *clDF { return &clDF{df: map[uint64]uint32{}, limit: limit} }

func (d *clDF) add(d0 *featDoc) {
	d.n++
	for _, r := range d0.raw {
		d.df[r.key]++
	}
	if d.limit > 0 && len(d.df) > d.limit {
		for k, c := range d.df {
			if c/2 == 0 {
				delete(d.df, k)
			} else {
				d.df[k] = c / 2
			}
		}
		d.n /= 2
	}
}

// clDFVersion opens an encoded table (clDF.encode). Bump it whenever
// feature keys change meaning (featExtract): a table of another version is
// not read, and the linker counts the articles it restores instead.
const clDFVersion = 1

// encode writes the table for a store: the version byte, the document
// total (float64 bits, 8 bytes little-endian), then each key in order as
// a uvarint delta from the one before, with its count as a uvarint.
func (d *clDF) encode() []byte {
	keys := make([]uint64, 0, len(d.df))
	for k := range d.df {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b := make([]byte, 9, 9+6*len(keys))
	b[0] = clDFVersion
	binary.LittleEndian.PutUint64(b[1:], math.Float64bits(d.n))
	var prev uint64
	for _, k := range keys {
		b = binary.AppendUvarint(b, k-prev)
		b = binary.AppendUvarint(b, uint64(d.df[k]))
		prev = k
	}
	return b
}

// decode replaces the table with what encode wrote; false, changing
// nothing, for another version or a damaged table.
func (d *clDF) decode(b []byte) bool {
	if len(b) < 9 || b[0] != clDFVersion {
		return false
	}
	n := math.Float64frombits(binary.LittleEndian.Uint64(b[1:]))
	if math.IsNaN(n) || n < 0 {
		return false
	}
	df := map[uint64]uint32{}
	var k uint64
	for i := 9; i < len(b); {
		dk, w := binary.Uvarint(b[i:])
		if w <= 0 {
			return false
		}
		i += w
		c, w := binary.Uvarint(b[i:])
		if w <= 0 || c == 0 || c > math.MaxUint32 || (dk == 0 && len(df) > 0) {
			return false
		}
		i += w
		k += dk
		df[k] = uint32(c)
	}
	d.n, d.df = n, df
	return true
}

func (d *clDF) idf(k uint64) float64 {
	return math.Log((d.n + 1) / (float64(d.df[k]) + 0.5))
}

// clStory is one live story.
type clStory struct {
	id       string
	idx      uint32
	centroid clVec   // sum of member unit vectors, capped to the heaviest features
	titles   clVec   // sum of member title vectors, likewise
	norm     float64 // of centroid and titles, kept current
	tnorm    float64
	heads    [2]uint64 // clHeads of the centroid, kept current
	nheads   int
	nEnt     int   // entity features in the centroid
	n        int   // live member count
	first    int64 // unix seconds of first and last member; 0 = undated
	last     int64
	indexed  []uint64  // features under which this story is in the inverted index
	members  []uint32  // latest article handles (some may be gone)
	days     []int32   // incident days its members name (sorted, the latest lnStoryDays)
	years    []int32   // years its undated members name (likewise)
	ages     []int32   // ages its members give people (likewise)
	streets  []int32   // streets its members name (featStreetKey, likewise)
	times    []int32   // times of day its members give (likewise)
	calDays  []int32   // dates without a year its undated members give (likewise)
	places   []lnPlace // places its members say events happen in (the latest lnStoryPlaces)
	whole    bool      // every member is held (started by Add, or MarkWhole): it may be folded (fold.go)
	looked   int       // Linker.adds when Settle last gave it a second look (0: never; a story implies adds > 0)
	epoch    uint32    // candidate search that last touched acc
	acc      float64   // index weight accumulated in that search
}

// clAddToCentroid merges v into c and keeps the top max features by weight.
func clAddToCentroid(c, v clVec, sign float32, max int) clVec {
	out := make(clVec, 0, len(c)+len(v))
	i, j := 0, 0
	for i < len(c) || j < len(v) {
		switch {
		case j >= len(v) || (i < len(c) && c[i].key < v[j].key):
			out = append(out, c[i])
			i++
		case i >= len(c) || v[j].key < c[i].key:
			if sign > 0 {
				out = append(out, clFeat{v[j].key, v[j].w})
			}
			j++
		default:
			w := c[i].w + sign*v[j].w
			if w > 1e-6 {
				out = append(out, clFeat{c[i].key, w})
			}
			i++
			j++
		}
	}
	if len(out) > max {
		// Keep the heaviest; ties by key so the result is deterministic.
		slices.SortFunc(out, clByWeight)
		out = out[:max]
		slices.SortFunc(out, clByKey)
	}
	return out
}

// clScore compares an article vector (unit length) with a story centroid.
type clScore struct {
	cos          float64
	artEntities  int     // entity features in the article
	storyEnt     int     // entity features in the centroid
	sharedEnt    int     // entity features in both
	sharedEntW   float64 // article entity weight shared
	sharedNames  int     // whole names (several words) in both
	artEntW      float64 // article entity weight in total
	sharedQuotes int
	headShared   bool    // the article's or the story's main name is on the other side
	heads        bool    // both sides have a main name
	titleCos     float64 // article title against the story's titles
	dayAgree     float64 // +1 a common incident day, -1 days on both sides but none common, 0 no days
	yearAgree    float64 // likewise for the years undated texts name (featYears, lnYearAgree)
	ageAgree     float64 // likewise for the ages given to people (lnAgree)
	streetAgree  float64 // likewise for streets
	timeAgree    float64 // likewise for times of day, within an hour
	placeAgree   float64 // likewise for places, lnPlaceAgree
	age          float64 // time since the story's last article, in windows
	life         float64 // time since the story's first article, in windows
}

// clCos is the cosine of a unit vector with a (non-unit) centroid.
func clCos(a, c clVec, cnorm float64) float64 {
	var dot float64
	i, j := 0, 0
	for i < len(a) && j < len(c) {
		switch {
		case a[i].key < c[j].key:
			i++
		case a[i].key > c[j].key:
			j++
		default:
			dot += float64(a[i].w) * float64(c[j].w)
			i++
			j++
		}
	}
	if cnorm > 0 {
		return dot / cnorm
	}
	return 0
}

// refresh recomputes what is cached about the centroid.
func (st *clStory) refresh() {
	st.norm, st.tnorm = st.centroid.norm(), st.titles.norm()
	st.heads, st.nheads = clHeads(st.centroid)
	st.nEnt = 0
	for _, f := range st.centroid {
		if clIsName(f.key) {
			st.nEnt++
		}
	}
}

// clIsName reports whether a feature is a name (a word or a whole name).
func clIsName(k uint64) bool {
	kind := featKind(k)
	return kind == featEntity || kind == featPhrase
}

// clHeads returns the keys of the two heaviest whole names (several
// words: people, most often). Single capitalised words are left out: the
// heaviest of them is usually the town, which look-alike events share.
func clHeads(v clVec) (h [2]uint64, n int) {
	var w [2]float32
	for _, f := range v {
		if featKind(f.key) != featPhrase {
			continue
		}
		switch {
		case n == 0 || f.w > w[0]:
			h[1], w[1] = h[0], w[0]
			h[0], w[0] = f.key, f.w
		case n == 1 || f.w > w[1]:
			h[1], w[1] = f.key, f.w
		}
		if n < 2 {
			n++
		}
	}
	return h, n
}

// clCompare scores article vector a against centroid c; ah/an are a's
// heads (clHeads), computed once per article by the caller.
func clCompare(a clVec, st *clStory, ah [2]uint64, an int) clScore {
	var s clScore
	var dot float64
	c, cnorm, ch, cn := st.centroid, st.norm, st.heads, st.nheads
	s.heads = an > 0 && cn > 0
	i, j := 0, 0
	for _, f := range a {
		if clIsName(f.key) {
			s.artEntities++
			s.artEntW += float64(f.w)
		}
	}
	s.storyEnt = st.nEnt
	for i < len(a) && j < len(c) {
		switch {
		case a[i].key < c[j].key:
			i++
		case a[i].key > c[j].key:
			j++
		default:
			dot += float64(a[i].w) * float64(c[j].w)
			switch featKind(a[i].key) {
			case featEntity, featPhrase:
				if featKind(a[i].key) == featPhrase {
					s.sharedNames++
				}
				s.sharedEnt++
				s.sharedEntW += float64(a[i].w)
				k := a[i].key
				if (an > 0 && k == ah[0]) || (an > 1 && k == ah[1]) || (cn > 0 && k == ch[0]) || (cn > 1 && k == ch[1]) {
					s.headShared = true
				}
			case featQuote:
				s.sharedQuotes++
			}
			i++
			j++
		}
	}
	if cnorm > 0 {
		s.cos = dot / cnorm
	}
	return s
}

// value turns the comparison into the join score:
//
//	cos * (1 + TitleShare*titleCos + EntityShare*(nameShare-0.5)
//	         + DayShare or -DayConflict (a common incident day, or none;
//	           else YearShare or -DayConflict by the years of undated texts)
//	         + AgeShare or -AgeConflict, StreetShare or -StreetConflict
//	           (a common age or street, or none; agreement only without
//	           a conflict of days or years), -TimeConflict (times of day
//	           more than an hour apart), -PlaceConflict (no place named
//	           on one side can be one named on the other))
//	  - HeadPenalty (neither side's main names appear on the other,
//	    and at most two whole names are shared; half with a common day,
//	    none with a common day and a common age or street)
//	  + NameBonus * (whole names shared beyond two, at most four)
//	  - AgePenalty * windows since the story's last article
//	  - LifePenalty * windows since the story's first article
//	  + QuoteBonus (a quotation is shared)
//
// cos is the content cosine (geometric mean of centroid and best member),
// titleCos the article's title against the story's titles, nameShare the
// share of the article's name weight the story also names. HeadPenalty is
// for two events of one kind: another town, another suspect. LifePenalty
// stops a story from absorbing look-alikes for ever: without it, on a dense
// stream, a story about a busy town stayed open for weeks and grew to
// hundreds of unrelated articles.
func (s clScore) value(cfg *Config) float64 {
	share := 0.5 // no names on one side: no evidence either way
	if s.artEntW > 0 && s.storyEnt > 0 {
		share = s.sharedEntW / s.artEntW
	}
	// Title and names scale the content evidence rather than add to it:
	// in a dense stream many stories share a town and a headline word, and
	// those alone must not be enough.
	// Years count only where days say nothing (undated texts).
	day := agreeWeight(s.dayAgree, cfg.DayShare, cfg.DayConflict)
	if s.dayAgree == 0 {
		day = agreeWeight(s.yearAgree, cfg.YearShare, cfg.DayConflict)
	}
	// The same street or age at another time is a look-alike (one
	// corner, two shootings): agreement counts only without a conflict
	// of days or years; disagreement always. (Cancelling it also on a
	// conflict of times of day lost more joins than merges on GVA.)
	ageShare, streetShare := cfg.AgeShare, cfg.StreetShare
	if day < 0 {
		ageShare, streetShare = 0, 0
	}
	day += agreeWeight(s.ageAgree, ageShare, cfg.AgeConflict) + agreeWeight(s.streetAgree, streetShare, cfg.StreetConflict) +
		agreeWeight(s.timeAgree, 0, cfg.TimeConflict) + agreeWeight(s.placeAgree, 0, cfg.PlaceConflict)
	v := s.cos * (1 + cfg.TitleShare*s.titleCos + cfg.EntityShare*(share-0.5) + day)
	// Several shared whole names (people, agencies, places) are strong
	// evidence on their own: a paraphrasing rewrite shares few words but
	// names the same people. Two events of one kind share one or two (the
	// town, the police force), so only names beyond those count.
	extra := max(0, s.sharedNames-2)
	if s.heads && !s.headShared && extra == 0 {
		hp := cfg.HeadPenalty
		switch {
		case s.dayAgree > 0 && (s.ageAgree > 0 || s.streetAgree > 0):
			// The day and the victim's age or the street agree: the
			// incident is the same, whoever each report quotes. (GVA
			// half A 0.9299 -> 0.9306, half B 0.9382 -> 0.9386.)
			hp = 0
		case s.dayAgree > 0:
			// A common incident day is evidence of its own: outlets name
			// different people (a victim, a spokesman) for one event.
			hp /= 2
		}
		v -= hp
	}
	v += cfg.NameBonus * float64(min(extra, 4))
	v -= cfg.AgePenalty * s.age
	v -= cfg.LifePenalty * s.life
	if s.sharedQuotes > 0 {
		v += cfg.QuoteBonus
	}
	return v
}

// agreeWeight is share for agreement (+1), -conflict for disagreement (-1).
func agreeWeight(agree, share, conflict float64) float64 {
	switch {
	case agree > 0:
		return share
	case agree < 0:
		return -conflict
	}
	return 0
}
