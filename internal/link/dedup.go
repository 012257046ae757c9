package link

// Duplicate and near-duplicate detection over the articles the linker
// holds: exact copies by the hash of textnorm.Normalize(text), reposts by
// MinHash + LSH.
//
// One trap from real crawls: consent walls, paywalls and sign-up pages give
// many unrelated articles the very same "text". A text shared by two
// articles whose titles have nothing in common is treated as a template:
// no copy link, and clustering uses the article's title alone.

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
			if ddTitleAgree(fd.titleStems, d.titleStems, l.cfg.TitleAgree) {
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
		if ddTitleAgree(fd.titleStems, d.titleStems, l.cfg.TitleAgree) {
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
