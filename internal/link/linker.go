// Package link is the stateful stage of the pipeline: duplicate and
// near-duplicate detection, online story clustering, and (in other files)
// quote and claim alignment, provenance and discrepancies.
package link

import (
	"cmp"
	"math"
	"slices"
	"sort"
	"time"

	"github.com/crosswire-news/crosswire/internal/model"
)

// Config holds the linker's window and thresholds. DefaultConfig gives
// values tuned on the GVA and ECB+ gold sets ("crosswire eval stories")
// and checked against the dense synthetic stream ("crosswire bench link"),
// which punishes a low threshold: in a real firehose many look-alike
// events are open at once. Every field may be overridden.
type Config struct {
	// Window is how far back (from the newest article seen) a story stays
	// open for new articles and an article stays available as a copy
	// source. Articles without a date never age out.
	Window time.Duration

	// Near-duplicates.
	NumHashes        int     // MinHash functions per signature
	Bands            int     // LSH bands; rows per band = NumHashes/Bands
	ShingleWords     int     // words per shingle
	NearDupThreshold float64 // estimated Jaccard for CopyOf
	MinDupWords      int     // shorter texts are never copies (stubs, empty bodies)
	TitleAgree       float64 // title overlap that a shared text needs not to be a template
	TitleInText      float64 // share of a new title's words its shared text must use to be a repost, not a template

	// Clustering.
	JoinThreshold  float64 // score an article needs to join a story
	TitleWeight    float64 // weight of a title occurrence relative to body tf
	EntityWeight   float64 // multiplier of whole-name features (several capitalised words)
	NameWordWeight float64 // multiplier of single capitalised-word features
	QuoteWeight    float64 // multiplier of quote features
	QuoteBonus     float64 // added to the score when a quotation is shared
	TitleShare     float64 // weight of the title-to-titles cosine in the score
	EntityShare    float64 // weight of the share of the article's names the story names
	HeadPenalty    float64 // subtracted when neither side's main names appear on the other
	NameBonus      float64 // added per whole name shared beyond two (at most four)
	AgePenalty     float64 // subtracted per Window of time between article and story
	LifePenalty    float64 // subtracted per Window since the story's first article
	ArticleTerms   int     // features kept per article vector
	CentroidSize   int     // features kept per story centroid
	IndexTerms     int     // an article's heaviest features used to find and index stories
	IndexNames     int     // further whole names (people, places) used the same way
	PostingCap     int     // most recent stories kept per indexed feature
	MaxCandidates  int     // stories scored in full per article
	MaxDF          int     // distinct features tracked for IDF before counts are halved
	MemberLinks    int     // latest members compared one by one; the score uses the geometric mean of centroid and best-member cosine (0: centroid only)
	// FoldSize: a story of at most this many articles gets a second look
	// when it closes (Settle for undated ones) and is folded into the
	// story its articles now join (fold.go). 0 or less: never.
	FoldSize int

	// Incident names: a person named with an age ("Dana Reyes, 23,") is
	// one of the private people an incident is about, seldom an official.
	// A later article naming that person joins the story, even after
	// Window, up to NameWindow: arrests, charges, trials and funerals come
	// weeks or months after the event, sentencings a year or two, and
	// share few of its words. (GVA half A: 365 days 0.9314, 730 0.9333,
	// 1,100 0.9337; the late joins' place check holds precision.)
	NameWindow  time.Duration // how long a story stays reachable by its incident names (0: off)
	NameStories int           // a name given with an age in more stories than this is ambiguous and ignored

	// Incident days: the days an article says things happened on
	// (featDays). On GVA, reports of one incident published within three
	// days name a common day in 90% of pairs, neighbouring reports of
	// other incidents in 44%. Like titles and names, days scale the
	// content evidence rather than add to it, so that a day alone never
	// joins two stories.
	DayShare    float64 // weight of a common day (article and story both name days)
	DayConflict float64 // weight against when both name days and none is common
	// Undated texts (ECB+) give years instead: "in 2008", "the 1967
	// slayings". Look-alike events of one kind are often years apart, so
	// years scale the score like days, more weakly, as background years
	// are common. A conflict (latest years two or more apart,
	// lnYearAgree) weighs DayConflict.
	YearShare float64 // weight of a common year (article and story both undated, both name years)
	// Ages given to people ("a 17-year-old") and streets ("Larch
	// Avenue") mark an incident apart from a neighbour in the same town
	// on the same day, and tie rewrites that share few words. On GVA,
	// reports of one incident within three days that both give ages
	// share one in 93% of pairs, other incidents' in 12%; streets 88%
	// against 0.3%. They scale the score like days (values chosen on
	// half A of GVA).
	AgeShare       float64 // weight of a common age (article and story both give ages)
	AgeConflict    float64 // weight against when both give ages and none is common
	StreetShare    float64 // likewise for streets
	StreetConflict float64
	// Times of day ("at 2:30 a.m.") agree within an hour, as outlets
	// round. Only their conflict counts: on GVA half A it cut merges of
	// neighbouring incidents, while agreement added nothing.
	TimeConflict float64
	// Places an event is said to happen in ("in Korvathen", "near
	// Aceh"): the headline's and the first sentence's. Two events of one
	// kind on one day differ most often by exactly this, and rewrites of
	// one event name the same place, a neighbourhood of it or its
	// region. A conflict (no place on one side can be one on the other,
	// lnPlaceAgree) scales the score like conflicting days; agreement
	// adds nothing, as a town holds many events.
	PlaceConflict float64 // weight against when both name places and none can be one
	PlaceNearKm   float64 // towns closer than this can be one place (a city and its suburbs)
}

// DefaultConfig returns the tuned defaults.
func DefaultConfig() Config {
	return Config{
		Window:           7 * 24 * time.Hour,
		NumHashes:        128,
		Bands:            16,
		ShingleWords:     4,
		NearDupThreshold: 0.8,
		MinDupWords:      25,
		TitleAgree:       0.4,
		TitleInText:      0.5,

		JoinThreshold:  0.25,
		TitleWeight:    2,
		EntityWeight:   1.5,
		NameWordWeight: 1.5,
		QuoteWeight:    1.5,
		QuoteBonus:     0.1,
		TitleShare:     1,
		EntityShare:    0.5,
		HeadPenalty:    0.2,
		NameBonus:      0.05,
		AgePenalty:     0.1,
		LifePenalty:    0.1,
		ArticleTerms:   80,
		CentroidSize:   150,
		IndexTerms:     16,
		IndexNames:     8,
		PostingCap:     256,
		MaxCandidates:  16,
		MaxDF:          4 << 20,
		MemberLinks:    6,
		FoldSize:       2,
		NameWindow:     730 * 24 * time.Hour,
		NameStories:    2,

		DayShare:    2,
		DayConflict: 1,
		YearShare:   0.5,

		AgeShare:       1.5,
		AgeConflict:    1,
		StreetShare:    2,
		StreetConflict: 1,
		TimeConflict:   1,

		PlaceConflict: 1,
		PlaceNearKm:   40,
	}
}

// Assignment is what linking decided for one article.
type Assignment struct {
	ArticleID string
	StoryID   string // "s" + the id of the story's first article
	NewStory  bool
	// DuplicateOf names an earlier article with exactly the same normalised
	// text (syndicated wire copy: one text, two publications).
	DuplicateOf string
	// CopyOf names an earlier article whose text this one reposts with
	// small changes (MinHash Jaccard >= NearDupThreshold).
	CopyOf     string
	Similarity float64 // estimated Jaccard with DuplicateOf/CopyOf
	// Via says which rule placed the article, for error analysis
	// ("crosswire eval stories --dump") and for telling a reader why an
	// article sits in its story; Score is the join score when Via is
	// ViaScore.
	Via   Via
	Score float64
	// Folded are the stories folded into others while the clock moved
	// on to this article (oldest first): callers that keep stories must
	// move those articles.
	Folded []Fold
}

// Via names the rule that placed an article, in the order Add tries them.
type Via string

const (
	ViaDuplicate    Via = "duplicate"     // same normalised text as a held article
	ViaCopy         Via = "copy"          // near-duplicate of a held article
	ViaIncidentName Via = "incident-name" // shares a person given with an age
	ViaScore        Via = "score"         // best join score at or above JoinThreshold
	ViaIncidentDay  Via = "incident-day"  // names the story's day with its places and people
	ViaNamedPerson  Via = "named-person"  // gives an age to a person the story named plainly
	ViaNew          Via = "new"           // nothing fitted: a new story
	ViaFolded       Via = "folded"        // its story was folded into this one when it closed (Fold)
)

// lnArticle is a held article.
type lnArticle struct {
	id         string
	handle     uint32
	story      uint32
	t          int64 // unix seconds
	dated      bool  // false: arrived before any dated article; never ages out
	textHash   uint64
	titleStems []string
	vec        clVec    // unit vector, kept so Remove can take it out of the centroid
	tvec       clVec    // unit title vector, likewise
	keys       []uint64 // heaviest features: the inverted index entries
	titleOnly  bool     // no usable body (empty, a stub or a template page)
	inLSH      bool
	aged       []uint64  // featDoc.aged: incident names
	named      []uint64  // featDoc.names: every whole name, for incident names given later
	dayMarks   []uint64  // lnDayMarks: what it says about each incident day, for follow-ups
	words      []uint64  // featDoc.mainWords, checked on late joins (lnPlaceWords)
	days       []int32   // featDoc.days: incident days
	years      []int32   // featDoc.years: years an undated text names
	ages       []int32   // featDoc.ages
	streets    []int32   // featDoc.streets
	times      []int32   // featDoc.times
	calDays    []int32   // featDoc.calDays
	places     []lnPlace // featDoc.places
}

// lnNameRef is a story an incident name was given in, and when last.
type lnNameRef struct {
	story string
	t     int64
}

// live reports whether r is within NameWindow of a clock whose limit
// (nameLimit) is given; undated refs never expire.
func (r lnNameRef) live(limit int64) bool { return r.t == 0 || r.t >= limit }

// lnSweepEvery is how many articles pass between posting-list sweeps: the
// sweep costs one pass over the index, so this keeps it a small share.
const lnSweepEvery = 20000

type lnTimed struct {
	t   int64
	idx uint32
}

// Linker assigns articles to stories online. It is the only stateful part
// of the pipeline. It is not safe for concurrent use: callers serialise
// Add, Restore and Remove (the pipeline runs one linker goroutine).
type Linker struct {
	cfg       Config
	mh        MinHash
	lsh       *LSH
	exact     map[uint64]uint32 // text hash -> first held article with it
	templates map[uint64]bool
	df        *clDF

	arts       map[string]*lnArticle
	byHandle   map[uint32]*lnArticle
	nextHandle uint32

	stories   []*clStory // by index; nil once expired or emptied
	storyByID map[string]uint32
	post      map[uint64][]uint32 // feature -> story indexes, oldest first

	clock    int64 // newest article time seen (unix seconds)
	hasClock bool
	artQ     []lnTimed // dated articles in arrival order, for expiry
	storyQ   []lnTimed // (last time, story) each time a story is touched

	// names maps an incident name key to the stories that gave it (at
	// most NameStories+1: one more says "ambiguous"), and every whole
	// name, salted (lnNamedSalt), to the stories that named it. It
	// outlives the stories themselves, so that a late follow-up can
	// reopen one.
	names     lnNameIndex
	nameWheel lnNameWheel // keys with dated refs, for expiry after NameWindow

	adds int // articles added or restored, to schedule index sweeps

	dfRestored bool     // df came from RestoreDF: Restore does not count articles again
	epoch      uint32   // marks the stories touched by one candidate search
	cand       []uint32 // scratch list of candidate stories

	folded []Fold // made since the last Add returned, for its Assignment
}

// NewLinker makes a linker; zero or negative fields of cfg take defaults.
func NewLinker(cfg Config) *Linker {
	d := DefaultConfig()
	if cfg.Window <= 0 {
		cfg.Window = d.Window
	}
	if cfg.NumHashes <= 0 {
		cfg.NumHashes = d.NumHashes
	}
	if cfg.Bands <= 0 || cfg.Bands > cfg.NumHashes {
		cfg.Bands = d.Bands
	}
	if cfg.ShingleWords <= 0 {
		cfg.ShingleWords = d.ShingleWords
	}
	for _, p := range []*int{&cfg.ArticleTerms, &cfg.CentroidSize, &cfg.IndexTerms, &cfg.PostingCap, &cfg.MaxCandidates} {
		if *p <= 0 {
			*p = 1
		}
	}
	rows := cfg.NumHashes / cfg.Bands
	cfg.NumHashes = rows * cfg.Bands
	return &Linker{
		cfg:       cfg,
		mh:        MinHash{K: cfg.NumHashes, Shingle: cfg.ShingleWords},
		lsh:       NewLSH(cfg.Bands, rows),
		exact:     map[uint64]uint32{},
		templates: map[uint64]bool{},
		df:        newClDF(cfg.MaxDF),
		arts:      map[string]*lnArticle{},
		byHandle:  map[uint32]*lnArticle{},
		storyByID: map[string]uint32{},
		post:      map[uint64][]uint32{},
		names:     lnNameIndex{first: map[uint64]lnNameRef{}, more: map[uint64][]lnNameRef{}},
		nameWheel: lnNameWheel{byDay: map[int64][]uint64{}, next: math.MinInt64},
	}
}

// Len is the number of articles the linker holds: those within Window of
// the newest article, plus undated ones, less those removed.
func (l *Linker) Len() int { return len(l.arts) }

// Stories is the number of live stories.
func (l *Linker) Stories() int { return len(l.storyByID) }

// Config is the configuration in force, defaults filled in.
func (l *Linker) Config() Config { return l.cfg }

// Add decides where an article goes. Articles are expected in time order;
// one with no date is taken to be as new as the newest seen. Adding an id
// that is already held replaces the held article.
func (l *Linker) Add(a *model.Article) Assignment {
	if _, ok := l.arts[a.ID]; ok {
		l.Remove(a.ID)
	}
	t, dated := l.tick(a)
	fd := featExtract(a, true)
	dd := l.ddCheck(fd)
	if dd.template {
		text := fd.textHash
		fd = featExtract(a, false)
		fd.textHash = text
	}
	l.df.add(fd)
	vec := l.weigh(fd)
	art := l.newArticle(a.ID, t, dated, fd, vec)
	art.tvec = l.weighTitle(fd)
	art.titleOnly = fd.nWords < l.cfg.MinDupWords
	as := Assignment{ArticleID: a.ID}

	var st *clStory
	if src := dd.dupOf; src != nil {
		as.DuplicateOf, as.Similarity, as.Via = src.id, 1, ViaDuplicate
		st = l.stories[src.story]
	} else if src := dd.copyOf; src != nil {
		as.CopyOf, as.Similarity, as.Via = src.id, dd.sim, ViaCopy
		st = l.stories[src.story]
	}
	if st == nil {
		// A shared incident name outweighs any resemblance: look-alike
		// events differ by exactly these people.
		st, as.Via = l.nameJoin(fd, t, dated, false), ViaIncidentName
	}
	if st == nil {
		if best, score := l.bestStory(art, nil); best != nil && score >= l.cfg.JoinThreshold {
			st, as.Via, as.Score = best, ViaScore, score
		}
	}
	if st == nil {
		// A report weeks later that names the incident's day ("the Aug.
		// 14 shooting") and, for that day, the story's places and people.
		st, as.Via = l.dayJoin(fd, t, dated), ViaIncidentDay
	}
	if st == nil {
		// Weaker, so only when nothing else fits: the person given an age
		// was named, without one, in an earlier story (the arrest, then
		// the plea months later).
		st, as.Via = l.nameJoin(fd, t, dated, true), ViaNamedPerson
	}
	if st == nil {
		st = l.newStory("s"+a.ID, t, dated)
		st.whole = true
		as.NewStory, as.Via = true, ViaNew
	}
	as.StoryID = st.id
	l.join(st, art)
	l.ddIndex(art, dd)
	as.Folded, l.folded = l.folded, nil
	return as
}

// NameState returns a held article's incident names in the form
// RestoreNameState reads: what a store keeps so that a restart gives
// them back without reading the article again. Nil for an article not
// held.
func (l *Linker) NameState(articleID string) []byte {
	art, ok := l.arts[articleID]
	if !ok {
		return nil
	}
	return lnEncodeNames(lnNameKeys(l.stories[art.story].id, art))
}

// nameJoin is the story nameStory finds, reopened under its id if it
// has closed, or nil.
func (l *Linker) nameJoin(fd *featDoc, t int64, dated bool, named bool) *clStory {
	id := l.nameStory(fd, named)
	if id == "" {
		return nil
	}
	if idx, ok := l.storyByID[id]; ok {
		return l.stories[idx]
	}
	return l.newStory(id, t, dated) // reopened: the store still holds its members
}

// RestoreNames gives a stored article's incident names back to its story
// without holding the article itself: for articles older than the window
// Restore covers but within NameWindow, so that a follow-up months later
// reopens the story after a restart as it would have without one. Call it
// in time order, before Restore for the newer articles.
func (l *Linker) RestoreNames(a *model.Article, storyID string) {
	if l.cfg.NameWindow <= 0 {
		return
	}
	t, dated := l.tick(a)
	fd := featExtract(a, true)
	l.giveNames(&clStory{id: storyID}, &lnArticle{t: t, dated: dated, aged: fd.aged, named: fd.names, dayMarks: lnArticleMarks(fd, t, dated), words: fd.mainWords})
}

// RestoreNameState is RestoreNames from what NameState gave for the
// article (a is needed for its date only). It reports false, doing
// nothing, for state this version cannot read: then call RestoreNames.
func (l *Linker) RestoreNameState(state []byte, a *model.Article, storyID string) bool {
	keys, ok := lnDecodeNames(state)
	if !ok {
		return false
	}
	if l.cfg.NameWindow <= 0 {
		return true
	}
	t, _ := l.tick(a)
	l.giveKeys(&clStory{id: storyID}, keys, t)
	return true
}

// DFState returns the document frequencies features are weighed by, for
// a store to keep: at a restart the linker otherwise knows only the
// articles it restores (two windows' worth), and weighs features unlike a
// run that went on.
func (l *Linker) DFState() []byte { return l.df.encode() }

// RestoreDF puts back what DFState gave. Call it before Restore: the
// articles restored after it are taken to be counted in state already.
// It reports false, changing nothing, for state this version cannot read.
func (l *Linker) RestoreDF(state []byte) bool {
	if !l.df.decode(state) {
		return false
	}
	l.dfRestored = true
	return true
}

// Restore puts a stored article back into a known story without deciding
// anything (rebuilding state at start-up). Restore in time order.
func (l *Linker) Restore(a *model.Article, storyID string) {
	if _, ok := l.arts[a.ID]; ok {
		l.Remove(a.ID)
	}
	t, dated := l.tick(a)
	fd := featExtract(a, true)
	if !l.dfRestored {
		l.df.add(fd)
	}
	vec := l.weigh(fd)
	art := l.newArticle(a.ID, t, dated, fd, vec)
	art.tvec = l.weighTitle(fd)
	var st *clStory
	if idx, ok := l.storyByID[storyID]; ok {
		st = l.stories[idx]
	} else {
		st = l.newStory(storyID, t, dated)
	}
	l.join(st, art)
	var dd ddResult
	if fd.nWords >= l.cfg.MinDupWords {
		dd.sig = l.mh.SignHashes(fd.wordHashes)
	}
	l.ddIndex(art, dd)
}

// Remove forgets an article: out of the copy indexes, out of its story's
// centroid; a story left empty is closed. Unknown ids are ignored.
func (l *Linker) Remove(articleID string) {
	art, ok := l.arts[articleID]
	if !ok {
		return
	}
	l.drop(art)
	if st := l.stories[art.story]; st != nil {
		st.n--
		if st.n <= 0 {
			l.forgetNames(st, art)
			l.closeStory(st)
		} else {
			st.centroid = clAddToCentroid(st.centroid, art.vec, -1, l.cfg.CentroidSize)
			st.titles = clAddToCentroid(st.titles, art.tvec, -1, l.cfg.CentroidSize)
			st.refresh()
		}
	}
}

func (l *Linker) drop(art *lnArticle) {
	l.ddForget(art)
	delete(l.arts, art.id)
	delete(l.byHandle, art.handle)
}

// tick advances the stream clock and ages out old articles and stories.
func (l *Linker) tick(a *model.Article) (int64, bool) {
	// OrderTime, the order callers sort by: a bare date counts as the end
	// of its day, so it never moves the clock back behind same-day
	// articles whose time is known.
	pt, ok := a.OrderTime()
	if !ok {
		return l.clock, l.hasClock
	}
	t := pt.Unix()
	if !l.hasClock || t > l.clock {
		l.clock, l.hasClock = t, true
		l.expire()
	}
	return t, true
}

// sweep drops closed stories from every posting list. Lists are also
// compacted when a search reads them, but a rare feature may never be
// searched again; without the sweep its list would pin memory forever.
func (l *Linker) sweep() {
	for k, list := range l.post {
		live := list[:0]
		for _, idx := range list {
			if l.stories[idx] != nil {
				live = append(live, idx)
			}
		}
		if len(live) == 0 {
			delete(l.post, k)
		} else {
			l.post[k] = live
		}
	}
}

func (l *Linker) expire() {
	limit := l.clock - int64(l.cfg.Window/time.Second)
	// Stories first: a small one's second look (fold) needs its
	// articles, which leave with it.
	n := 0
	for n < len(l.storyQ) && l.storyQ[n].t < limit {
		if st := l.stories[l.storyQ[n].idx]; st != nil && st.last < limit {
			if f, ok := l.fold(st); ok {
				l.folded = append(l.folded, f)
			} else {
				l.closeStory(st)
			}
		}
		n++
	}
	l.storyQ = lnShift(l.storyQ, n)
	n = 0
	for n < len(l.artQ) && l.artQ[n].t < limit {
		if art := l.byHandle[l.artQ[n].idx]; art != nil {
			l.drop(art)
		}
		n++
	}
	l.artQ = lnShift(l.artQ, n)
	l.expireNames()
}

// lnShift drops the first n entries, reusing the backing array once the
// dead prefix is large so queues do not grow without bound.
func lnShift(q []lnTimed, n int) []lnTimed {
	if n == 0 {
		return q
	}
	if n > len(q)/2 {
		return append(q[:0], q[n:]...)
	}
	return q[n:]
}

func (l *Linker) closeStory(st *clStory) {
	l.stories[st.idx] = nil
	delete(l.storyByID, st.id)
}

func (l *Linker) newArticle(id string, t int64, dated bool, fd *featDoc, vec clVec) *lnArticle {
	art := &lnArticle{id: id, handle: l.nextHandle, t: t, dated: dated, textHash: fd.textHash, titleStems: fd.titleStems, vec: vec,
		aged: fd.aged, named: fd.names, dayMarks: lnArticleMarks(fd, t, dated), words: fd.mainWords, days: fd.days, years: fd.years, ages: fd.ages, streets: fd.streets, times: fd.times, calDays: fd.calDays, places: fd.places}
	art.keys = l.topKeys(vec)
	l.nextHandle++
	if l.adds++; l.adds%lnSweepEvery == 0 {
		l.sweep()
	}
	l.arts[id] = art
	l.byHandle[art.handle] = art
	if dated {
		l.artQ = append(l.artQ, lnTimed{t, art.handle})
	}
	return art
}

func (l *Linker) newStory(id string, t int64, dated bool) *clStory {
	if old, ok := l.storyByID[id]; ok && l.stories[old] != nil {
		// An id can only be reused after its story closed; a live clash
		// (the same first-article id added twice) gets a suffix.
		for i := 2; ; i++ {
			alt := id + "." + itoa(i)
			if _, ok := l.storyByID[alt]; !ok {
				id = alt
				break
			}
		}
	}
	st := &clStory{id: id, idx: uint32(len(l.stories))}
	if dated {
		st.first, st.last = t, t
	}
	l.stories = append(l.stories, st)
	l.storyByID[id] = st.idx
	return st
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b [20]byte
	n := len(b)
	for i > 0 {
		n--
		b[n] = byte('0' + i%10)
		i /= 10
	}
	return string(b[n:])
}

// join adds an article to a story: centroid, inverted index, clock.
func (l *Linker) join(st *clStory, art *lnArticle) {
	l.giveNames(st, art)
	st.days = lnAddDays(st.days, art.days)
	st.years = lnAddDays(st.years, art.years)
	st.ages = lnAddDays(st.ages, art.ages)
	st.streets = lnAddDays(st.streets, art.streets)
	st.times = lnAddDays(st.times, art.times)
	st.calDays = lnAddDays(st.calDays, art.calDays)
	st.places = lnAddPlaces(st.places, art.places)
	art.story = st.idx
	st.n++
	st.members = append(st.members, art.handle)
	if n := l.cfg.MemberLinks; len(st.members) > 2*n {
		st.members = append(st.members[:0], st.members[len(st.members)-n:]...)
	}
	st.centroid = clAddToCentroid(st.centroid, art.vec, 1, l.cfg.CentroidSize)
	st.titles = clAddToCentroid(st.titles, art.tvec, 1, l.cfg.CentroidSize)
	st.refresh()
	if art.dated {
		if st.first == 0 || art.t < st.first {
			st.first = art.t
		}
		if art.t > st.last {
			st.last = art.t
		}
		l.storyQ = append(l.storyQ, lnTimed{st.last, st.idx})
	}
	for _, k := range art.keys {
		if lnContains(st.indexed, k) {
			continue
		}
		st.indexed = append(st.indexed, k)
		list := append(l.post[k], st.idx)
		if len(list) > l.cfg.PostingCap {
			list = append(list[:0], list[len(list)-l.cfg.PostingCap:]...)
		}
		l.post[k] = list
	}
}

func lnContains(s []uint64, k uint64) bool {
	for _, x := range s {
		if x == k {
			return true
		}
	}
	return false
}

// topKeys returns the keys an article is indexed and looked up under: its
// IndexTerms heaviest features plus up to IndexNames whole names. The names
// matter most on small or cold inputs, where IDF has not yet learnt which
// terms are rare and two rewrites' heaviest terms need not meet, but a
// rewrite still names the same people and places.
func (l *Linker) topKeys(v clVec) []uint64 {
	idx := make([]int, len(v))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int { return clByWeight(v[a], v[b]) })
	n := min(l.cfg.IndexTerms, len(idx))
	keys := make([]uint64, 0, n+l.cfg.IndexNames)
	for _, i := range idx[:n] {
		keys = append(keys, v[i].key)
	}
	names := 0
	for _, i := range idx[n:] {
		if names >= l.cfg.IndexNames {
			break
		}
		if featKind(v[i].key) == featPhrase {
			keys = append(keys, v[i].key)
			names++
		}
	}
	return keys
}

// weigh turns raw counts into a unit TF-IDF vector of the heaviest
// features, sorted by key.
func (l *Linker) weigh(fd *featDoc) clVec {
	v := make(clVec, 0, len(fd.raw))
	for _, r := range fd.raw {
		var tf float64
		if r.body > 0 {
			tf = 1 + math.Log(float64(r.body))
		}
		if r.title > 0 {
			tf += l.cfg.TitleWeight
		}
		switch featKind(r.key) {
		case featPhrase:
			tf *= l.cfg.EntityWeight
		case featEntity:
			tf *= l.cfg.NameWordWeight
		case featQuote:
			tf *= l.cfg.QuoteWeight
		}
		w := tf * l.df.idf(r.key)
		if w > 0 {
			v = append(v, clFeat{r.key, float32(w)})
		}
	}
	if len(v) > l.cfg.ArticleTerms {
		slices.SortFunc(v, clByWeight)
		v = v[:l.cfg.ArticleTerms]
		slices.SortFunc(v, clByKey)
	}
	if n := v.norm(); n > 0 {
		for i := range v {
			v[i].w = float32(float64(v[i].w) / n)
		}
	}
	return v
}

// weighTitle is the unit IDF vector of the title's distinct stems.
func (l *Linker) weighTitle(fd *featDoc) clVec {
	v := make(clVec, 0, len(fd.titleStems))
	for _, s := range fd.titleStems {
		k := featKey(featTerm, s)
		if w := l.df.idf(k); w > 0 {
			v = append(v, clFeat{k, float32(w)})
		}
	}
	slices.SortFunc(v, clByKey)
	v = clDedup(v)
	if n := v.norm(); n > 0 {
		for i := range v {
			v[i].w = float32(float64(v[i].w) / n)
		}
	}
	return v
}

// clDedup merges equal keys of a key-sorted vector (two stems may hash
// alike only by collision, but a vector must have unique keys).
func clDedup(v clVec) clVec {
	out := v[:0]
	for _, f := range v {
		if len(out) > 0 && out[len(out)-1].key == f.key {
			continue
		}
		out = append(out, f)
	}
	return out
}

// bestStory finds the highest-scoring live story for an article, other
// than skip.
func (l *Linker) bestStory(art *lnArticle, skip *clStory) (*clStory, float64) {
	v, tv, t, dated := art.vec, art.tvec, art.t, art.dated
	l.epoch++
	cand := l.cand[:0]
	limit := t - int64(l.cfg.Window/time.Second)
	for _, k := range art.keys {
		list := l.post[k]
		w := float64(v[sort.Search(len(v), func(i int) bool { return v[i].key >= k })].w)
		live := list[:0]
		for _, idx := range list {
			st := l.stories[idx]
			if st == nil {
				continue // expired: compact it away
			}
			live = append(live, idx)
			if st == skip {
				continue
			}
			if dated && st.last != 0 && st.last < limit {
				continue
			}
			if st.epoch != l.epoch {
				st.epoch, st.acc = l.epoch, 0
				cand = append(cand, idx)
			}
			st.acc += w
		}
		if len(live) == 0 {
			delete(l.post, k)
		} else if len(live) < len(list) {
			l.post[k] = live
		}
	}
	l.cand = cand
	slices.SortFunc(cand, func(a, b uint32) int {
		wa, wb := l.stories[a].acc, l.stories[b].acc
		switch {
		case wa > wb:
			return -1
		case wa < wb:
			return 1
		}
		return cmp.Compare(a, b)
	})
	// Count, over every candidate the index found, those naming one of
	// the article's days, before the list is cut.
	dayStories := l.dayStories(art, cand)
	if len(cand) > l.cfg.MaxCandidates {
		cand = cand[:l.cfg.MaxCandidates]
	}
	n := len(cand)
	cand = l.markCandidates(art, cand, limit)
	for _, c := range cand[n:] {
		if l.stories[c].epoch != l.epoch { // found by day marks alone
			dayStories += l.dayStories(art, []uint32{c})
		}
	}
	if len(cand) == 0 {
		return nil, 0
	}
	ah, an := clHeads(v)
	var best *clStory
	bestScore := math.Inf(-1)
	for _, c := range cand {
		st := l.stories[c]
		if st == skip {
			continue // a story's second look (fold) is against the others
		}
		sc := clCompare(v, st, ah, an)
		// The centroid says "same topic"; resembling an actual member says
		// "same event": a story that has absorbed look-alikes has a broad
		// centroid, and the member check keeps it from matching every new
		// event of its kind.
		if l.cfg.MemberLinks > 0 {
			var bm float64
			for i := len(st.members) - 1; i >= 0 && i >= len(st.members)-l.cfg.MemberLinks; i-- {
				if m := l.byHandle[st.members[i]]; m != nil {
					bm = max(bm, clCos(v, m.vec, 1))
				}
			}
			sc.cos = math.Sqrt(sc.cos * bm)
		}
		sc.titleCos = clCos(tv, st.titles, st.tnorm)
		if art.titleOnly {
			// Only a title to go on: judge it by the story's titles.
			sc.cos = sc.titleCos
		}
		if dated && st.last != 0 && t > st.last {
			sc.age = float64(t-st.last) / l.cfg.Window.Seconds()
		}
		if dated && st.first != 0 && t > st.first {
			sc.life = float64(t-st.first) / l.cfg.Window.Seconds()
		}
		if len(art.days) > 0 && len(st.days) > 0 {
			switch {
			case lnWithin(art.days, st.days, 0):
				// A day that more than NameStories candidates name is
				// no evidence, like an incident name or day mark given
				// in more stories: on a dense stream it is what every
				// event of one kind that day shares.
				if dayStories <= l.cfg.NameStories {
					sc.dayAgree = 1
				}
			case dated && !lnWithin(art.days, st.days, 1):
				// A day apart is no conflict: "late Saturday" is "early
				// Sunday" to another outlet, and dates are often UTC.
				sc.dayAgree = -1
			case !dated && !lnSameYear(art.days, st.days):
				// Undated texts give only dates with a year, as often a
				// later update's dateline or background as the event's
				// day: only another year counts against (ECB+ pairs
				// events of one kind years apart).
				sc.dayAgree = -1
			}
		}
		if len(art.years) > 0 && len(st.years) > 0 {
			sc.yearAgree = lnYearAgree(art.years, st.years)
		}
		if !dated && sc.dayAgree == 0 && lnAgree(art.calDays, st.calDays) > 0 {
			// An undated text's date without a year ("on Dec. 14") met
			// in the story counts as a common day, over a conflict of
			// years too (latest years are a weaker clue; ECB+ half A
			// 0.8921 when the years could veto, 0.8950 when not); as
			// background dates are many, no common one is no conflict.
			sc.dayAgree = 1
		}
		sc.ageAgree = lnAgree(art.ages, st.ages)
		sc.streetAgree = lnAgree(art.streets, st.streets)
		sc.timeAgree = lnAgreeWithin(art.times, st.times, 60)
		sc.placeAgree = lnPlaceAgree(art.places, st.places, l.cfg.PlaceNearKm)
		s := sc.value(&l.cfg)
		if s > bestScore || (s == bestScore && best != nil && st.idx < best.idx) {
			best, bestScore = st, s
		}
	}
	return best, bestScore
}
