package link

import (
	"cmp"
	"slices"
)

// Duplicate and near-duplicate detection over the articles the linker
// holds: exact copies by the hash of textnorm.Normalize(text), reposts by
// MinHash + LSH.
//
// One trap from real crawls: consent walls, paywalls and sign-up pages give
// many unrelated articles the very same "text". A text shared by two
// articles whose titles have nothing in common, and which does not itself
// speak of what the new title says, is treated as a template: no copy
// link, and clustering uses the article's title alone. A repost under a
// new headline differs: its headline's words are in the text it carries.

// ddTitleAgree reports whether two articles that share a text plausibly
// carry the same report: an empty title proves nothing either way, else
// the titles must share enough of their content stems.
func ddTitleAgree(a, b []string, min float64) bool {
	if len(a) == 0 || len(b) == 0 {
		return true
	}
	set := make(map[string]bool, len(a))
	for _, s := range a {
		set[s] = true
	}
	inter := 0
	for _, s := range b {
		if set[s] {
			inter++
		}
	}
	small := len(a)
	if len(b) < small {
		small = len(b)
	}
	// Overlap coefficient: a rewritten headline may add words; what
	// matters is how much of the shorter one the longer repeats.
	return float64(inter)/float64(small) >= min
}

// ddSameReport reports whether a new article (fd) that shares its text
// with a held one carries the same report rather than a template page.
func (l *Linker) ddSameReport(fd *featDoc, held *lnArticle) bool {
	return ddTitleAgree(fd.titleStems, held.titleStems, l.cfg.TitleAgree) ||
		ddTitleInText(fd) >= l.cfg.TitleInText
}

// ddTitleInText is the share of the title's content stems that the body
// also uses.
func ddTitleInText(fd *featDoc) float64 {
	if len(fd.titleStems) == 0 {
		return 0
	}
	in := 0
	for _, st := range fd.titleStems {
		k := featKey(featTerm, st)
		i, ok := slices.BinarySearchFunc(fd.raw, k, func(r featRaw, k uint64) int { return cmp.Compare(r.key, k) })
		if ok && fd.raw[i].body > 0 {
			in++
		}
	}
	return float64(in) / float64(len(fd.titleStems))
}

// ddResult is what the duplicate check found for a new article.
type ddResult struct {
	dupOf, copyOf *lnArticle
	sim           float64
	template      bool // the text is a template: ignore it
	sig           Signature
}

// ddCheck looks the article's text up among the held articles.
func (l *Linker) ddCheck(fd *featDoc) ddResult {
	var r ddResult
	if fd.nWords < l.cfg.MinDupWords || fd.textHash == 0 {
		return r
	}
	if l.templates[fd.textHash] {
		r.template = true
		return r
	}
	if h, ok := l.exact[fd.textHash]; ok {
		if d := l.byHandle[h]; d != nil {
			if l.ddSameReport(fd, d) {
				r.dupOf, r.sim = d, 1
			} else {
				r.template = true
				l.templates[fd.textHash] = true
			}
			return r
		}
	}
	r.sig = l.mh.SignHashes(fd.wordHashes)
	for _, m := range l.lsh.Query(r.sig, l.cfg.NearDupThreshold) {
		d := l.byHandle[m.Handle]
		if d == nil {
			continue
		}
		if l.ddSameReport(fd, d) {
			r.copyOf, r.sim = d, m.Similarity
		} else {
			r.template = true
		}
		break
	}
	return r
}

// ddIndex records a held article's text for later look-ups.
func (l *Linker) ddIndex(art *lnArticle, r ddResult) {
	if art.textHash == 0 {
		return
	}
	if _, ok := l.exact[art.textHash]; !ok {
		l.exact[art.textHash] = art.handle
	}
	// An exact copy adds nothing to the LSH index that the original lacks.
	if r.dupOf == nil && r.sig != nil {
		l.lsh.Insert(art.handle, r.sig)
		art.inLSH = true
	}
}

// ddForget drops a held article from the duplicate indexes.
func (l *Linker) ddForget(art *lnArticle) {
	if art.inLSH {
		l.lsh.Remove(art.handle)
	}
	if h, ok := l.exact[art.textHash]; ok && h == art.handle {
		delete(l.exact, art.textHash)
	}
}
