package link

import (
	"encoding/binary"
	"slices"
	"time"
)

// What marks one incident apart from a look-alike: the people it is
// about, found by the age news gives them (featAgedNames), which link
// articles across weeks where the wording has drifted (a shooting, then
// the arrest, then the trial), also to a story that named the person
// without an age; and the days it happened on (featDays), which scale the
// join score (clScore.dayAgree), or for undated texts the years they name
// (featYears, clScore.yearAgree).

// giveNames records the incident names an article brings to its story.
func (l *Linker) giveNames(st *clStory, art *lnArticle) {
	l.giveKeys(st, lnNameKeys(st.id, art), art.t)
}

// giveKeys is giveNames for name keys (lnNameKeys) seen at time t (0:
// undated, never to expire).
func (l *Linker) giveKeys(st *clStory, keys []uint64, t int64) {
	if l.cfg.NameWindow <= 0 {
		return
	}
	limit := l.nameLimit()
	var buf [4]lnNameRef
	for _, k := range keys {
		refs := l.names.get(k, buf[:0])
		// A key with a dated ref is held by the wheel already: giving it
		// again only refreshes the ref.
		_, queued := lnEarliest(refs)
		// Refs past NameWindow count as gone, as if expireNames had run.
		refs = slices.DeleteFunc(refs, func(r lnNameRef) bool { return !r.live(limit) })
		i := slices.IndexFunc(refs, func(r lnNameRef) bool { return r.story == st.id })
		switch {
		case i >= 0:
			refs[i].t = max(refs[i].t, t)
		case len(refs) <= l.cfg.NameStories:
			refs = append(refs, lnNameRef{st.id, t})
		}
		l.names.set(k, refs)
		if e, ok := lnEarliest(refs); ok && !queued {
			l.nameWheel.add(lnDay(e), k)
		}
	}
}

// nameStory returns the story an article belongs to by a shared incident
// name, or "". With named, it looks the article's incident names up among
// the names stories gave without an age instead. A name given in more
// than NameStories stories (a common name, or one person in several
// incidents) decides nothing, and a story that has left the window, or
// with named any story, must also share lnPlaceWords of the article's
// main words. With several stories, the one sharing most
// names wins, then the latest, then the smallest id, so the choice is
// deterministic. Only refs within NameWindow are seen: telling keeps to
// it from the clock, which is never behind the article's time, so no
// window of the article's own is needed.
func (l *Linker) nameStory(fd *featDoc, named bool) string {
	if l.cfg.NameWindow <= 0 || len(l.names.first) == 0 {
		return ""
	}
	var hits lnHits
	var buf [4]lnNameRef
	seen := func(k uint64) {
		for _, r := range l.telling(k, buf[:0]) {
			hits.add(r, false)
		}
	}
	if named {
		for _, k := range fd.aged {
			seen(k ^ lnNamedSalt)
		}
	} else {
		for _, k := range fd.names {
			seen(k)
		}
		for _, k := range fd.aged {
			if _, dup := slices.BinarySearch(fd.names, k); !dup {
				seen(k)
			}
		}
	}
	return hits.best(func(h lnHit) bool {
		if _, live := l.storyByID[h.story]; live && !named {
			return true
		}
		return l.placeWords(h.story, fd.mainWords) >= lnPlaceWords
	})
}

// One person's name and age recur in unrelated incidents: a "Dana Reyes,
// 23," shot in one town in March and another arrested elsewhere in
// October. A join by an incident name to a story that has left the
// window, where no content score checks it, and any join by a name the
// story gave without an age must also share lnPlaceWords of the
// article's most frequent capitalised words (featDoc.mainWords: the
// places and people it is most about) with those of the story's
// articles, kept under word keys (lnWordKey) as long as its names. On
// GVA such joins sharing fewer were wrong in 16 of 18; the check took
// both halves up (0.9306 -> 0.9314, 0.9386 -> 0.9406; 3 words: 0.9310).
const lnPlaceWords = 2

// lnWordSalt keys a story's main words apart from its names and marks.
const lnWordSalt = 0x2545f4914f6cdd1d

// lnWordKey is the name-index key of main word w given in the story
// whose id hashes to story: one story's, so never ambiguous.
func lnWordKey(story, w uint64) uint64 { return mhMix(story^lnWordSalt) ^ w }

// placeWords counts how many of words the story with that id gave
// within NameWindow.
func (l *Linker) placeWords(id string, words []uint64) int {
	h, limit, n := mhHashString(id), l.nameLimit(), 0
	var buf [4]lnNameRef
	for _, w := range words {
		if slices.ContainsFunc(l.names.get(lnWordKey(h, w), buf[:0]), func(r lnNameRef) bool { return r.story == id && r.live(limit) }) {
			n++
		}
	}
	return n
}

// telling is the stories name-index key k was given in within
// NameWindow, appended to buf, or nil when it was given in none or in
// more than NameStories (a common name, a big city's day mark): such a
// key decides nothing.
func (l *Linker) telling(k uint64, buf []lnNameRef) []lnNameRef {
	limit := l.nameLimit()
	refs := slices.DeleteFunc(l.names.get(k, buf), func(r lnNameRef) bool { return !r.live(limit) })
	if len(refs) <= l.cfg.NameStories {
		return refs
	}
	return nil
}

// lnHit is how many name-index keys of an article point at one story
// (places of them day marks of lnMarkPlace), and when the latest was
// given.
type lnHit struct {
	story     string
	n, places int
	t         int64
}

// lnHits tallies lnHit by story; an article's keys reach few stories.
type lnHits []lnHit

func (hs *lnHits) add(r lnNameRef, place bool) {
	i := slices.IndexFunc(*hs, func(h lnHit) bool { return h.story == r.story })
	if i < 0 {
		*hs = append(*hs, lnHit{story: r.story, t: r.t})
		i = len(*hs) - 1
	}
	h := &(*hs)[i]
	h.n++
	if place {
		h.places++
	}
	h.t = max(h.t, r.t)
}

// best is the story of the hit that ok accepts with most keys, then the
// latest, then the smallest id, so the choice is deterministic; "" for
// none.
func (hs lnHits) best(ok func(lnHit) bool) string {
	best := -1
	for i, h := range hs {
		if !ok(h) {
			continue
		}
		if best < 0 {
			best = i
			continue
		}
		b := hs[best]
		if h.n > b.n || (h.n == b.n && (h.t > b.t || (h.t == b.t && h.story < b.story))) {
			best = i
		}
	}
	if best < 0 {
		return ""
	}
	return hs[best].story
}

// nameLimit is the time before which a dated ref has expired.
func (l *Linker) nameLimit() int64 {
	return l.clock - int64(l.cfg.NameWindow/time.Second)
}

// expireNames forgets incident names given more than NameWindow ago: it
// looks at the keys the wheel holds for the days wholly past, and holds
// again those with a ref left, for the day of their earliest. A ref
// past the limit but not yet dropped (the rest of its day) is skipped by
// telling and giveKeys, so it expires exactly when the limit passes it.
func (l *Linker) expireNames() {
	limit := l.nameLimit()
	keys := l.nameWheel.take(lnDay(limit))
	// A key forgotten and given again can be held twice: look once.
	slices.Sort(keys)
	var buf [4]lnNameRef
	for _, k := range slices.Compact(keys) {
		refs := slices.DeleteFunc(l.names.get(k, buf[:0]), func(r lnNameRef) bool { return !r.live(limit) })
		l.names.set(k, refs)
		if e, ok := lnEarliest(refs); ok {
			l.nameWheel.add(lnDay(e), k)
		}
	}
}

// forgetNames takes an emptied story's last article's names out of the
// index, so that no later article reopens a story that has no members (a
// batch the pipeline failed to commit is removed this way).
func (l *Linker) forgetNames(st *clStory, art *lnArticle) {
	var buf [4]lnNameRef
	for _, k := range lnNameKeys(st.id, art) {
		l.names.set(k, slices.DeleteFunc(l.names.get(k, buf[:0]), func(r lnNameRef) bool { return r.story == st.id }))
	}
}

// lnNameIndex is Linker.names: the refs of each key, in the order
// given. Most keys (day marks) are given in one story, so a key's first
// ref sits in the map itself, and only the others in a slice of their
// own (at 100,000 synthetic articles 84% of the keys have one ref).
type lnNameIndex struct {
	first map[uint64]lnNameRef
	more  map[uint64][]lnNameRef
}

// get appends k's refs to buf.
func (x *lnNameIndex) get(k uint64, buf []lnNameRef) []lnNameRef {
	r, ok := x.first[k]
	if !ok {
		return buf
	}
	return append(append(buf, r), x.more[k]...)
}

// set makes refs (not sharing memory with the index) k's refs; none
// deletes k.
func (x *lnNameIndex) set(k uint64, refs []lnNameRef) {
	switch len(refs) {
	case 0:
		delete(x.first, k)
		delete(x.more, k)
	case 1:
		x.first[k] = refs[0]
		delete(x.more, k)
	default:
		x.first[k] = refs[0]
		x.more[k] = append(x.more[k][:0], refs[1:]...)
	}
}

// lnNameWheel holds for expiry each name-index key with a dated ref
// once, under a day no later than its earliest dated ref's (lnDay), so
// that a key given again and again costs no more than once.
type lnNameWheel struct {
	byDay map[int64][]uint64
	next  int64 // days before this are taken; a later add goes here
}

func (w *lnNameWheel) add(day int64, k uint64) {
	day = max(day, w.next)
	w.byDay[day] = append(w.byDay[day], k)
}

// take removes and returns the keys held under days before end.
func (w *lnNameWheel) take(end int64) []uint64 {
	if end <= w.next {
		return nil
	}
	w.next = end
	var keys []uint64
	for d, ks := range w.byDay {
		if d < end {
			keys = append(keys, ks...)
			delete(w.byDay, d)
		}
	}
	return keys
}

// lnDay is the wheel's day of a time. Any order-keeping map of times
// would do: a ref whose day is before the limit's is before the limit.
func lnDay(t int64) int64 { return t / 86400 }

// lnEarliest is the earliest time among dated refs.
func lnEarliest(refs []lnNameRef) (int64, bool) {
	var e int64
	ok := false
	for _, r := range refs {
		if r.t != 0 && (!ok || r.t < e) {
			e, ok = r.t, true
		}
	}
	return e, ok
}

// lnStoryDays caps the incident days a story keeps: the latest ones, where
// follow-ups refer back to.
const lnStoryDays = 8

// lnAddDays merges an article's days into a story's.
func lnAddDays(st, art []int32) []int32 {
	if len(art) == 0 {
		return st
	}
	st = featSortedSet(append(st, art...))
	if len(st) > lnStoryDays {
		st = append(st[:0], st[len(st)-lnStoryDays:]...)
	}
	return st
}

// lnWithin reports whether two sorted sets hold elements at most d
// apart (d 0: a common element).
func lnWithin(a, b []int32, d int32) bool {
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]-d:
			i++
		case a[i] > b[j]+d:
			j++
		default:
			return true
		}
	}
	return false
}

// lnAgree is +1 when two sets share an element, -1 when both are
// non-empty and share none, 0 when either is empty (no evidence).
func lnAgree(a, b []int32) float64 { return lnAgreeWithin(a, b, 0) }

// lnAgreeWithin is lnAgree counting elements at most d apart as common.
func lnAgreeWithin(a, b []int32, d int32) float64 {
	switch {
	case len(a) == 0 || len(b) == 0:
		return 0
	case lnWithin(a, b, d):
		return 1
	}
	return -1
}

// lnYearAgree compares the years two undated texts name (sorted, both
// non-empty): +1 for a common year; -1 when the latest years differ by
// two or more; else 0. A text is written no earlier than the latest year
// it names, and that year is most often its event's; older years are
// background, which two reports of one event need not share. Latest
// years a year apart prove nothing: a January report of a December event
// names both. (ECB+ half A 0.884 -> 0.887; any two different years as a
// conflict had cut reports of one event that named other background
// years.)
func lnYearAgree(a, b []int32) float64 {
	switch la, lb := a[len(a)-1], b[len(b)-1]; {
	case lnWithin(a, b, 0):
		return 1
	case la-lb >= 2 || lb-la >= 2:
		return -1
	}
	return 0
}

// lnSameYear reports whether two sets of unix days share a calendar year.
func lnSameYear(a, b []int32) bool {
	for _, x := range a {
		ya := time.Unix(int64(x)*86400, 0).UTC().Year()
		for _, y := range b {
			if time.Unix(int64(y)*86400, 0).UTC().Year() == ya {
				return true
			}
		}
	}
	return false
}

// lnNamedSalt keys "named in the story" apart from "given an age in the
// story" in Linker.names; it flips the kind bits, so no name key (kind
// featPhrase) equals a salted one.
const lnNamedSalt = 0x5bd1e9955bd1e995

// lnNameKeys are the keys an article files its story (with that id)
// under in Linker.names: its incident names, every whole name salted,
// its day marks (lnDayMarks) and its main words (lnWordKey).
func lnNameKeys(story string, art *lnArticle) []uint64 {
	keys := make([]uint64, 0, len(art.aged)+len(art.named)+len(art.dayMarks)+len(art.words))
	keys = append(keys, art.aged...)
	for _, k := range art.named {
		keys = append(keys, k^lnNamedSalt)
	}
	keys = append(keys, art.dayMarks...)
	h := mhHashString(story)
	for _, w := range art.words {
		keys = append(keys, lnWordKey(h, w))
	}
	return keys
}

// Day marks tie what an article says to the incident days it names: one
// key per day and capitalised word ("Eastmoor") or age, and per day and
// whole name or street. A follow-up weeks later ("charged in the Aug. 14
// shooting at Larkspur Market on Quill Street") shares few words with the
// first reports and often no incident name, but names the day, and for
// that day the same places and people; a mark common on that day (a big
// city's name) is in more than NameStories stories and decides nothing.
// An article gives marks for its most frequent words and names only
// (featMainWords, featMainNames), for lnGivenDays, so that they stay few.
// The two top bits say which kind a mark is (lnMarkPlace: a capitalised
// word or an age, weak, as small ages recur; lnMarkDetail: a whole name
// or a street); neither is featPhrase's, which incident names have, nor
// the salted names'.
const (
	lnMarkPlace  = 0
	lnMarkDetail = 1
)

// lnDayMarks are the marks of fd's features for each of days, sorted and
// distinct.
func lnDayMarks(fd *featDoc, days []int32) []uint64 {
	if len(days) == 0 {
		return nil
	}
	var marks []uint64
	mark := func(kind int, day int32, x uint64) {
		marks = append(marks, uint64(kind)<<featKindSh|(mhMix(x^mhMix(uint64(uint32(day))+uint64(kind)<<32))&featMask))
	}
	for _, d := range days {
		for _, k := range fd.mainWords {
			mark(lnMarkPlace, d, k)
		}
		for _, k := range fd.mainNames {
			mark(lnMarkDetail, d, k)
		}
		for _, k := range fd.aged {
			mark(lnMarkDetail, d, k)
		}
		for _, a := range fd.ages {
			mark(lnMarkPlace, d, uint64(uint32(a))|1<<40)
		}
		for _, s := range fd.streets {
			mark(lnMarkDetail, d, uint64(uint32(s))|2<<40)
		}
	}
	return featSortedSet(marks)
}

// lnGivenDays are the days an article gives day marks for: those up to
// a week before its publication, the days of what it reports (a
// vigil announced for Sunday, an anniversary, a trial date are not),
// at most lnMarkDays, the latest. Undated texts name dated days only,
// all kept up to lnMarkDays.
func lnGivenDays(days []int32, t int64, dated bool) []int32 {
	if dated {
		pd := int32(t / 86400)
		var in []int32
		for _, d := range days {
			if d >= pd-7 && d <= pd {
				in = append(in, d)
			}
		}
		days = in
	}
	if len(days) > lnMarkDays {
		return days[len(days)-lnMarkDays:]
	}
	return days
}

// lnArticleMarks are the day marks an article published at t files its
// story under: those of lnGivenDays.
func lnArticleMarks(fd *featDoc, t int64, dated bool) []uint64 {
	return lnDayMarks(fd, lnGivenDays(fd.days, t, dated))
}

// lnMarkDays is the most days an article gives day marks for.
const lnMarkDays = 3

// dayJoin is the story dayStory finds, reopened under its id if it has
// closed, or nil.
func (l *Linker) dayJoin(fd *featDoc, t int64, dated bool) *clStory {
	id := l.dayStory(fd, t, dated)
	if id == "" {
		return nil
	}
	if idx, ok := l.storyByID[id]; ok {
		return l.stories[idx]
	}
	return l.newStory(id, t, dated)
}

// dayStories counts the stories among cand that name one of the days
// art names. On GVA a candidate list seldom holds more than one or two
// stories of the article's day; on a stream of a million articles a year
// it holds dozens of events of the same kind that day, whose common day
// then doubled the content evidence of every look-alike (bench link with
// days named: precision 0.853 against 0.962 without).
func (l *Linker) dayStories(art *lnArticle, cand []uint32) int {
	if len(art.days) == 0 {
		return 0
	}
	n := 0
	for _, c := range cand {
		if lnWithin(art.days, l.stories[c].days, 0) {
			n++
		}
	}
	return n
}

// lnDayPlaces and lnDayDetails are the day marks a follow-up must share
// with a story (chosen on half A of GVA: 2 and 2 gave 0.9290, against
// 0.9277 for 2 and 1, where a year-old look-alike in the same town that
// shared only a few small ages came in, and 0.9285 for 4 and 2).
const (
	lnDayPlaces  = 2
	lnDayDetails = 2
)

// dayStory returns the story a dated article belongs to by the days it
// names from before Window (a follow-up: the closed story is out of the
// candidate search) and the marks it shares with that story for those
// days, or "". Ties as in nameStory.
func (l *Linker) dayStory(fd *featDoc, t int64, dated bool) string {
	if l.cfg.NameWindow <= 0 || !dated || len(fd.days) == 0 {
		return ""
	}
	recent := int32((t - int64(l.cfg.Window/time.Second)) / 86400)
	var back []int32
	for _, d := range fd.days {
		if d < recent {
			back = append(back, d)
		}
	}
	if len(back) == 0 {
		return ""
	}
	var hits lnHits
	var buf [4]lnNameRef
	for _, k := range lnDayMarks(fd, back) {
		for _, r := range l.telling(k, buf[:0]) {
			hits.add(r, featKind(k) == lnMarkPlace)
		}
	}
	return hits.best(func(h lnHit) bool { return h.places >= lnDayPlaces && h.n-h.places >= lnDayDetails })
}

// lnNamesVersion opens every encoded name list. Bump it whenever the keys
// change meaning (featNameKey, lnNamedSalt, what counts as a name): lists
// of another version are not read, and their articles are read again.
const lnNamesVersion = 4

// lnEncodeNames encodes name keys for a store: the version byte, then the
// keys, 8 bytes each, little-endian. Never nil, so a store can tell "no
// names" from "not recorded".
func lnEncodeNames(keys []uint64) []byte {
	b := make([]byte, 1, 1+8*len(keys))
	b[0] = lnNamesVersion
	for _, k := range keys {
		b = binary.LittleEndian.AppendUint64(b, k)
	}
	return b
}

// lnDecodeNames reads lnEncodeNames; ok is false for another version or
// a damaged list.
func lnDecodeNames(b []byte) (keys []uint64, ok bool) {
	if len(b) == 0 || b[0] != lnNamesVersion || (len(b)-1)%8 != 0 {
		return nil, false
	}
	keys = make([]uint64, 0, (len(b)-1)/8)
	for i := 1; i < len(b); i += 8 {
		keys = append(keys, binary.LittleEndian.Uint64(b[i:]))
	}
	return keys, true
}

// markCandidates adds to cand the live stories, last touched since limit,
// that share lnMarkCandidates day marks with art: a report of the same
// day, street and people whose wording shares none of the heaviest
// features the index is keyed by (on GVA half A, 9 of 67 such reports
// within the window). They are scored like any candidate.
func (l *Linker) markCandidates(art *lnArticle, cand []uint32, limit int64) []uint32 {
	if len(art.dayMarks) == 0 {
		return cand
	}
	type hit struct {
		idx uint32
		n   int
	}
	var hits []hit
	var buf [4]lnNameRef
	for _, k := range art.dayMarks {
		for _, r := range l.telling(k, buf[:0]) {
			idx, ok := l.storyByID[r.story]
			if !ok {
				continue
			}
			if st := l.stories[idx]; art.dated && st.last != 0 && st.last < limit {
				continue
			}
			if i := slices.IndexFunc(hits, func(h hit) bool { return h.idx == idx }); i >= 0 {
				hits[i].n++
			} else {
				hits = append(hits, hit{idx, 1})
			}
		}
	}
	for _, h := range hits {
		if h.n >= lnMarkCandidates && !slices.Contains(cand, h.idx) {
			cand = append(cand, h.idx)
		}
	}
	return cand
}

// lnMarkCandidates is how many day marks make a story a candidate (1
// and 2 gave the same on GVA half A; one mark is a single word).
const lnMarkCandidates = 2
