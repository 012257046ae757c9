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
	l.giveKeys(st, lnNameKeys(art), art.t, art.dated)
}

// giveKeys is giveNames for name keys (lnNameKeys) seen at time t.
func (l *Linker) giveKeys(st *clStory, keys []uint64, t int64, dated bool) {
	if l.cfg.NameWindow <= 0 {
		return
	}
	for _, k := range keys {
		refs := l.names[k]
		i := slices.IndexFunc(refs, func(r lnNameRef) bool { return r.story == st.id })
		switch {
		case i >= 0:
			refs[i].t = max(refs[i].t, t)
		case len(refs) <= l.cfg.NameStories:
			l.names[k] = append(refs, lnNameRef{st.id, t})
		}
		if dated {
			l.nameQ = append(l.nameQ, lnNameTimed{t, k})
		}
	}
}

// nameStory returns the story an article belongs to by a shared incident
// name, or "". With named, it looks the article's incident names up among
// the names stories gave without an age instead. A name given in more
// than NameStories stories (a common name, or one person in several
// incidents) decides nothing. With several stories, the one sharing most
// names wins, then the latest, then the smallest id, so the choice is
// deterministic.
func (l *Linker) nameStory(fd *featDoc, t int64, dated bool, named bool) string {
	if l.cfg.NameWindow <= 0 || len(l.names) == 0 {
		return ""
	}
	limit := t - int64(l.cfg.NameWindow/time.Second)
	type hit struct {
		story string
		n     int
		t     int64
	}
	var hits []hit
	seen := func(k uint64) {
		refs := l.names[k]
		if len(refs) == 0 || len(refs) > l.cfg.NameStories {
			return
		}
		for _, r := range refs {
			if dated && r.t != 0 && r.t < limit {
				continue
			}
			if i := slices.IndexFunc(hits, func(h hit) bool { return h.story == r.story }); i >= 0 {
				hits[i].n++
				hits[i].t = max(hits[i].t, r.t)
			} else {
				hits = append(hits, hit{r.story, 1, r.t})
			}
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
	if len(hits) == 0 {
		return ""
	}
	best := hits[0]
	for _, h := range hits[1:] {
		if h.n > best.n || (h.n == best.n && (h.t > best.t || (h.t == best.t && h.story < best.story))) {
			best = h
		}
	}
	return best.story
}

// expireNames forgets incident names given more than NameWindow ago.
func (l *Linker) expireNames() {
	limit := l.clock - int64(l.cfg.NameWindow/time.Second)
	n := 0
	for n < len(l.nameQ) && l.nameQ[n].t < limit {
		k := l.nameQ[n].key
		refs := l.names[k]
		live := refs[:0]
		for _, r := range refs {
			if r.t >= limit || r.t == 0 {
				live = append(live, r)
			}
		}
		if len(live) == 0 {
			delete(l.names, k)
		} else {
			l.names[k] = live
		}
		n++
	}
	// As lnShift: copy down only once the dead prefix is the larger part.
	if n > len(l.nameQ)/2 {
		l.nameQ = append(l.nameQ[:0], l.nameQ[n:]...)
	} else {
		l.nameQ = l.nameQ[n:]
	}
}

// forgetNames takes an emptied story's last article's names out of the
// index, so that no later article reopens a story that has no members (a
// batch the pipeline failed to commit is removed this way).
func (l *Linker) forgetNames(st *clStory, art *lnArticle) {
	for _, k := range lnNameKeys(art) {
		refs := slices.DeleteFunc(l.names[k], func(r lnNameRef) bool { return r.story == st.id })
		if len(refs) == 0 {
			delete(l.names, k)
		} else {
			l.names[k] = refs
		}
	}
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

// lnNameKeys are the keys an article files its story under in
// Linker.names: its incident names, and every whole name salted.
func lnNameKeys(art *lnArticle) []uint64 {
	keys := make([]uint64, 0, len(art.aged)+len(art.named))
	keys = append(keys, art.aged...)
	for _, k := range art.named {
		keys = append(keys, k^lnNamedSalt)
	}
	return keys
}

// lnNamesVersion opens every encoded name list. Bump it whenever the keys
// change meaning (featNameKey, lnNamedSalt, what counts as a name): lists
// of another version are not read, and their articles are read again.
const lnNamesVersion = 1

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
