package link

import (
	"math"
	"sort"
	"strings"

	"github.com/crosswire-news/crosswire/internal/analyze"
	"github.com/crosswire-news/crosswire/internal/model"
)

// claimMinStems is the fewest content words a sentence needs to be a
// claim; shorter lines ("Safety comes first.") say too little to align.
const claimMinStems = 3

// claimThreshold is the score two sentences need to carry one claim.
const claimThreshold = 0.55

// claimItem is one sentence of one article.
type claimItem struct {
	art, pos int
	text     string
	norm     string
	stems    []int32
}

// claimSentences are an article's claim units: the analyser's sentences
// (or its splitter's, when the article kept none: one splitter, one
// place), with the sentences of one quotation joined ("We will not bow.
// We will negotiate," she said.) so that a claim is never half a quote.
func claimSentences(a *model.Article) []model.Span {
	sents := a.Sentences
	if len(sents) == 0 {
		sents = analyze.Sentences(a.Text)
	}
	out := make([]model.Span, 0, len(sents))
	for _, s := range sents {
		if n := len(out); n > 0 {
			prev := out[n-1]
			if claimQuoteOpen(prev.Text) && prev.End <= s.Start && s.End <= len(a.Text) &&
				!strings.ContainsAny(a.Text[prev.End:s.Start], "\n\r") {
				out[n-1] = model.Span{Start: prev.Start, End: s.End, Text: a.Text[prev.Start:s.End]}
				continue
			}
		}
		out = append(out, s)
	}
	return out
}

// claimQuoteOpen reports whether a quotation opened in s is still open at
// its end.
func claimQuoteOpen(s string) bool {
	straight, open, closed := 0, 0, 0
	for _, r := range s {
		switch r {
		case '"':
			straight++
		case '“', '«', '„':
			open++
		case '”', '»':
			closed++
		}
	}
	return straight%2 == 1 || open > closed
}

// claimsAlign lines the sentences of the story's articles up: a claim is a
// set of sentences, at most one per article, that say the same thing
// (weighted stem overlap as for quotes, with containment for a short
// sentence inside a longer rewrite). unique maps an article id to the
// claims no other article carries. An article and its copy carry the
// same sentences, so a claim they share is not unique to either; a claim
// unique to a copy is something the copy added.
func claimsAlign(ctx *storyCtx) ([]model.Claim, map[string][]string) {
	var items []*claimItem
	for i := range ctx.arts {
		for k, s := range ctx.sents[i] {
			st := ctx.sentID[i][k]
			if len(st) < claimMinStems {
				continue
			}
			items = append(items, &claimItem{art: i, pos: s.Start, text: s.Text, norm: ctx.sentNm[i][k], stems: st})
		}
	}
	// The same sentence (a copy's, a wire text's) is one claim: only the
	// first of each wording is paired.
	reps, same := alignSame(len(items), func(i int) string { return items[i].norm })
	var pairs []alignPair
	for _, p := range alignCandidates(ctx, reps, func(i int) []int32 { return items[i].stems }) {
		a, b := items[reps[p[0]]], items[reps[p[1]]]
		if sim := claimScore(ctx, a, b); sim >= claimThreshold {
			pairs = append(pairs, alignPair{reps[p[0]], reps[p[1]], sim})
		}
	}
	clusters := alignCluster(len(items), same, pairs,
		func(i int) int { return items[i].art },
		func(i, j int) bool { return false })

	type built struct {
		c     model.Claim
		n     int
		first *claimItem
	}
	var all []built
	for _, c := range clusters {
		seen := map[int]bool{}
		var arts []int
		for _, i := range c {
			if !seen[items[i].art] {
				seen[items[i].art] = true
				arts = append(arts, items[i].art)
			}
		}
		sort.Ints(arts)
		first := items[c[0]]
		cl := model.Claim{Text: first.text}
		for _, a := range arts {
			cl.Articles = append(cl.Articles, ctx.arts[a].ID)
		}
		all = append(all, built{c: cl, n: len(arts), first: first})
	}
	sort.SliceStable(all, func(x, y int) bool {
		if all[x].n != all[y].n {
			return all[x].n > all[y].n
		}
		if all[x].first.art != all[y].first.art {
			return all[x].first.art < all[y].first.art
		}
		return all[x].first.pos < all[y].first.pos
	})
	claims := make([]model.Claim, 0, len(all))
	unique := map[string][]string{}
	for _, b := range all {
		claims = append(claims, b.c)
		if b.n == 1 && len(ctx.arts) > 1 {
			id := b.c.Articles[0]
			unique[id] = append(unique[id], b.c.Text)
		}
	}
	// all is sorted by first appearance among claims of one article, so
	// each article's unique claims are in reading order.
	return claims, unique
}

// claimScore is the weighted cosine of two sentences' stems, or the
// discounted containment of a short sentence in a longer one (a rewrite
// that merges two sentences).
func claimScore(ctx *storyCtx, a, b *claimItem) float64 {
	shared, wa, wb, n := alignOverlap(ctx, a.stems, b.stems)
	if n < 2 {
		return 0
	}
	cos := shared / math.Sqrt(wa*wb)
	cont := shared / min(wa, wb)
	return max(cos, 0.8*cont)
}
