package link

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/crosswire-news/crosswire/internal/model"
	"github.com/crosswire-news/crosswire/internal/textnorm"
)

// alignItem is one attributed statement of one article.
type alignItem struct {
	art     int // article position in the story
	pos     int // byte offset of the content
	kind    string
	text    string
	norm    string  // textnorm.Normalize(text)
	stems   []int32 // sorted set of interned stems
	speaker string  // story-wide canonical name, "" when unresolved
	person  bool    // the speaker is a person (a name with "and" is two)
	source  string  // the mention that names the speaker, as written
}

// alignGroup is a quote group with the items behind it.
type alignGroup struct {
	items []*alignItem
	out   model.QuoteGroup
}

// Thresholds of alignScore by what the two speakers say about the pair.
const (
	alignSameSpeaker  = 0.45 // same person: translations that share only their key words
	alignOpenSpeaker  = 0.6  // one side unresolved (a pronoun, an anonymous source)
	alignOtherSpeaker = 0.8  // different people: only the same words make the same quote
	alignNearSame     = 0.9  // repeats of one statement inside one article
)

// alignQuotes groups the attributions of the story's articles that render
// the same statement. skip holds attributions that are citations of a
// report (provenance), not statements.
func alignQuotes(ctx *storyCtx, skip map[*model.Attribution]bool) []*alignGroup {
	var items []*alignItem
	for i, a := range ctx.arts {
		for k := range a.Attributions {
			at := &a.Attributions[k]
			if skip[at] {
				continue
			}
			switch at.Kind {
			case model.KindDirect, model.KindPartial, model.KindIndirect, model.KindReported:
			default:
				continue
			}
			for _, part := range alignContent(at) {
				stems, norm := ctx.stemIDsNorm(part.Text)
				if len(stems) == 0 {
					continue
				}
				it := &alignItem{art: i, pos: part.Start, kind: at.Kind, text: part.Text,
					norm: norm, stems: stems}
				if alignNamedKind(at.SpeakerKind) {
					it.speaker = ctx.names.canon(string(at.Speaker))
					it.person = at.SpeakerKind == model.SpeakerPerson
				}
				if at.Source != nil {
					it.source = strings.TrimSpace(at.Source.Text)
				}
				items = append(items, it)
			}
		}
	}
	sort.SliceStable(items, func(x, y int) bool {
		if items[x].art != items[y].art {
			return items[x].art < items[y].art
		}
		return items[x].pos < items[y].pos
	})

	// Statements with the same words are one statement whoever they are
	// given to: only the first of each wording is paired.
	reps, same := alignSame(len(items), func(i int) string { return items[i].norm })
	var pairs []alignPair
	for _, p := range alignCandidates(ctx, reps, func(i int) []int32 { return items[i].stems }) {
		a, b := items[reps[p[0]]], items[reps[p[1]]]
		sim, shared := alignScore(ctx, a, b)
		if shared < 2 {
			continue
		}
		if sim >= alignThreshold(a, b) {
			pairs = append(pairs, alignPair{reps[p[0]], reps[p[1]], sim})
		}
	}
	clusters := alignCluster(len(items), same, pairs,
		func(i int) int { return items[i].art },
		func(i, j int) bool { return alignDice(ctx, items[i].stems, items[j].stems) >= alignNearSame })

	groups := make([]*alignGroup, 0, len(clusters))
	for _, c := range clusters {
		g := &alignGroup{}
		for _, i := range c {
			g.items = append(g.items, items[i])
		}
		g.out = alignBuild(ctx, g.items)
		groups = append(groups, g)
	}
	sort.SliceStable(groups, func(x, y int) bool {
		nx, ny := alignArticles(groups[x].items), alignArticles(groups[y].items)
		if nx != ny {
			return nx > ny
		}
		fx, fy := groups[x].items[0], groups[y].items[0]
		if fx.art != fy.art {
			return fx.art < fy.art
		}
		return fx.pos < fy.pos
	})
	return groups
}

// alignNamedKind reports whether a speaker of this kind has a name that can
// be compared across articles (not "officials" or an anonymous source).
func alignNamedKind(kind string) bool {
	switch kind {
	case model.SpeakerOfficials, model.SpeakerAnonymous, model.SpeakerUnknown:
		return false
	}
	return true
}

// alignMinPart is the fewest content stems each piece of a split quote
// needs to stand as a statement of its own.
const alignMinPart = 3

// alignContent is what was said, as display text with its offset. A split
// quote ("A," said X. "B.") whose pieces are each a statement gives one
// piece per statement, so that an outlet that quotes only A still lines
// up with A; pieces of one sentence ("The valves," he said, "leak.") are
// joined.
func alignContent(at *model.Attribution) []model.Span {
	if len(at.ContentParts) < 2 {
		return []model.Span{{Start: at.Content.Start, End: at.Content.End, Text: alignDisplay(at.Content.Text)}}
	}
	whole := true
	for _, p := range at.ContentParts {
		if len(textnorm.Stems(p.Text)) < alignMinPart {
			whole = false
		}
	}
	if whole {
		out := make([]model.Span, 0, len(at.ContentParts))
		for _, p := range at.ContentParts {
			out = append(out, model.Span{Start: p.Start, End: p.End, Text: alignDisplay(p.Text)})
		}
		return out
	}
	texts := make([]string, 0, len(at.ContentParts))
	for _, p := range at.ContentParts {
		texts = append(texts, alignDisplay(p.Text))
	}
	first := at.ContentParts[0]
	return []model.Span{{Start: first.Start, End: at.ContentParts[len(at.ContentParts)-1].End, Text: strings.Join(texts, " … ")}}
}

// alignDisplay takes off the quote marks around a whole quotation and
// the comma that belonged to the attribution sentence ("\"We will
// negotiate,\"" -> "We will negotiate"): the variant shows the words.
func alignDisplay(s string) string {
	s = strings.TrimSpace(s)
	if open, n := utf8.DecodeRuneInString(s); n > 0 && alignQuoteMark(open) && !alignHasMark(s[n:], true) {
		s = s[n:] // an opening mark whose only partner, if any, ends the text
	}
	s = strings.TrimSpace(s)
	if close, n := utf8.DecodeLastRuneInString(s); n > 0 && alignQuoteMark(close) && !alignHasMark(s[:len(s)-n], false) {
		s = s[:len(s)-n]
	}
	return strings.TrimRight(s, ",;: ")
}

// alignHasMark reports whether s holds a quote mark (not counting a last
// one when skipLast is set).
func alignHasMark(s string, skipLast bool) bool {
	if skipLast {
		if r, n := utf8.DecodeLastRuneInString(s); n > 0 && alignQuoteMark(r) {
			s = s[:len(s)-n]
		}
	}
	return strings.ContainsFunc(s, alignQuoteMark)
}

func alignQuoteMark(r rune) bool {
	switch r {
	case '"', '“', '”', '„', '«', '»':
		return true
	}
	return false
}

// alignThreshold is the score two statements need to be one: agreeing
// speakers lower the bar, disagreeing ones raise it (a speaker mismatch is
// a signal, not a veto: the same words given to two people are one quote).
func alignThreshold(a, b *alignItem) float64 {
	switch {
	case a.speaker == "" || b.speaker == "":
		return alignOpenSpeaker
	case a.speaker == b.speaker:
		return alignSameSpeaker
	}
	return alignOtherSpeaker
}

// alignScore compares two statements by their weighted content stems. It
// is the larger of the weighted Dice coefficient and the containment of
// the smaller bag in the larger: a partial quote ("does not bow to
// pressure") is all inside the full statement, so Dice alone undersells
// it. Containment is discounted, more so for long statements, where one
// sentence inside another is less likely to be the same statement.
func alignScore(ctx *storyCtx, a, b *alignItem) (float64, int) {
	shared, wa, wb, n := alignOverlap(ctx, a.stems, b.stems)
	if n == 0 {
		return 0, 0
	}
	dice := 2 * shared / (wa + wb)
	cont := shared / min(wa, wb)
	small := min(len(a.stems), len(b.stems))
	f := 0.75
	if small <= 6 || a.kind == model.KindPartial || b.kind == model.KindPartial {
		f = 0.9
	}
	return max(dice, f*cont), n
}

// alignOverlap sums the weights of the shared stems and of each side.
func alignOverlap(ctx *storyCtx, a, b []int32) (shared, wa, wb float64, n int) {
	w := ctx.stemW
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			wa += w[a[i]]
			i++
		case b[j] < a[i]:
			wb += w[b[j]]
			j++
		default:
			shared += w[a[i]]
			n++
			i++
			j++
		}
	}
	for ; i < len(a); i++ {
		wa += w[a[i]]
	}
	for ; j < len(b); j++ {
		wb += w[b[j]]
	}
	wa += shared
	wb += shared
	return
}

func alignDice(ctx *storyCtx, a, b []int32) float64 {
	shared, wa, wb, _ := alignOverlap(ctx, a, b)
	if wa+wb == 0 {
		return 0
	}
	return 2 * shared / (wa + wb)
}

// alignKeys is how many of an item's rarest stems are looked up to find
// the items it may match; a candidate must hold two of them.
const alignKeys = 6

// alignCandidates lists the pairs (i < j) worth scoring: those where one
// item holds two of the other's rarest stems (its alignKeys heaviest), or
// one when that item has fewer than two. Two renderings of one statement
// share their rare words, while words every sentence of the story uses
// ("ferry") would pair everything with everything: a stem in more items
// than three per article is a topic word and is not looked up. This keeps
// big stories near linear.
func alignCandidates[T any](ctx *storyCtx, items []T, stems func(T) []int32) [][2]int {
	post := make([][]int32, len(ctx.stemW))
	for i, it := range items {
		for _, s := range stems(it) {
			post[s] = append(post[s], int32(i))
		}
	}
	limit := max(32, 3*len(ctx.arts))
	count := make([]int32, len(items))
	var touched []int32
	// later[i] holds the j > i paired with i, found from either end.
	later := make([][]int32, len(items))
	found := 0
	keys := make([]int32, 0, 16)
	for i, it := range items {
		keys = keys[:0]
		for _, s := range stems(it) {
			if len(post[s]) <= limit {
				keys = append(keys, s)
			}
		}
		slices.SortStableFunc(keys, func(x, y int32) int { return cmp.Compare(ctx.stemW[y], ctx.stemW[x]) })
		if len(keys) > alignKeys {
			keys = keys[:alignKeys]
		}
		need := int32(2)
		if len(keys) < 2 {
			need = 1
		}
		touched = touched[:0]
		for _, s := range keys {
			for _, j := range post[s] {
				if int(j) == i {
					continue
				}
				if count[j] == 0 {
					touched = append(touched, j)
				}
				count[j]++
			}
		}
		for _, j := range touched {
			if count[j] >= need {
				if int(j) > i {
					later[i] = append(later[i], j)
				} else {
					later[j] = append(later[j], int32(i))
				}
				found++
			}
			count[j] = 0
		}
	}
	// A pair can be found from both ends: in order, once each.
	out := make([][2]int, 0, found)
	for i, js := range later {
		slices.Sort(js)
		for _, j := range slices.Compact(js) {
			out = append(out, [2]int{i, int(j)})
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// alignSame finds items with equal keys: reps lists the first item of each
// key in order, same[i] is the first item with i's key.
func alignSame(n int, key func(int) string) (reps, same []int) {
	first := map[string]int{}
	same = make([]int, n)
	for i := 0; i < n; i++ {
		k := key(i)
		if f, ok := first[k]; ok {
			same[i] = f
			continue
		}
		first[k] = i
		same[i] = i
		reps = append(reps, i)
	}
	return reps, same
}

// alignPair is an edge between two items that passed their threshold.
type alignPair struct {
	i, j int
	sim  float64
}

// alignCluster starts from the clusters of same (see alignSame) and joins
// them along the edges, strongest first (single link),
// refusing a join that would put two items of one article in one cluster
// unless those items are repeats of each other (sameOK): an article renders
// a statement once, and the refusal keeps a minister's two different
// sentences apart. Clusters come back with their members in index order,
// ordered by their first member.
func alignCluster(n int, same []int, pairs []alignPair, art func(int) int, sameOK func(i, j int) bool) [][]int {
	slices.SortFunc(pairs, func(x, y alignPair) int {
		if c := cmp.Compare(y.sim, x.sim); c != 0 {
			return c
		}
		if c := cmp.Compare(x.i, y.i); c != 0 {
			return c
		}
		return cmp.Compare(x.j, y.j)
	})
	parent := make([]int, n)
	members := make([][]int, n)
	byArt := make([]map[int][]int, n) // root -> article -> members
	for i := range parent {
		parent[i] = i
		members[i] = []int{i}
		byArt[i] = map[int][]int{art(i): {i}}
	}
	// Items with the same words start as one cluster.
	for i, r := range same {
		if r == i {
			continue
		}
		parent[i] = r
		members[r] = append(members[r], i)
		members[i] = nil
		byArt[r][art(i)] = append(byArt[r][art(i)], i)
		byArt[i] = nil
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for _, p := range pairs {
		ra, rb := find(p.i), find(p.j)
		if ra == rb {
			continue
		}
		small, large := byArt[ra], byArt[rb]
		if len(small) > len(large) {
			small, large = large, small
		}
		ok := true
		for a, xs := range small {
			ys, shared := large[a]
			if !shared {
				continue
			}
			for _, x := range xs {
				for _, y := range ys {
					if !sameOK(x, y) {
						ok = false
					}
				}
			}
		}
		if !ok {
			continue
		}
		if ra > rb {
			ra, rb = rb, ra
		}
		parent[rb] = ra
		members[ra] = append(members[ra], members[rb]...)
		members[rb] = nil
		for a, ys := range byArt[rb] {
			byArt[ra][a] = append(byArt[ra][a], ys...)
		}
		byArt[rb] = nil
	}
	var out [][]int
	for i := 0; i < n; i++ {
		if find(i) == i {
			m := members[i]
			sort.Ints(m)
			out = append(out, m)
		}
	}
	return out
}

// alignArticles counts the distinct articles of a group.
func alignArticles(items []*alignItem) int {
	seen := map[int]bool{}
	for _, it := range items {
		seen[it.art] = true
	}
	return len(seen)
}

// alignBuild makes the contract's QuoteGroup: the majority speaker, one
// variant per item in story order, identical when every variant has the
// same words.
func alignBuild(ctx *storyCtx, items []*alignItem) model.QuoteGroup {
	g := model.QuoteGroup{Speaker: alignMajority(items), Identical: true}
	for _, it := range items {
		g.Variants = append(g.Variants, model.Variant{
			Article: ctx.arts[it.art].ID, Outlet: ctx.arts[it.art].Outlet,
			Text: it.text, Speaker: it.speaker, Kind: it.kind,
		})
		if it.norm != items[0].norm {
			g.Identical = false
		}
	}
	return g
}

// alignMajority is the speaker most variants name (ties: the earliest);
// without any resolved name, the first mention that is not a pronoun
// ("one senior engineer at the port").
func alignMajority(items []*alignItem) string {
	count := map[string]int{}
	best, bestN := "", 0
	for _, it := range items {
		if it.speaker == "" {
			continue
		}
		count[it.speaker]++
		if count[it.speaker] > bestN {
			best, bestN = it.speaker, count[it.speaker]
		}
	}
	if best != "" {
		// Ties go to the earliest: recount in order.
		for _, it := range items {
			if it.speaker != "" && count[it.speaker] == bestN {
				return it.speaker
			}
		}
	}
	for _, it := range items {
		if it.source != "" && !alignPronoun(it.source) {
			// "One senior engineer at the port, who asked not to be
			// named ..." is shown up to its first comma.
			src, _, _ := strings.Cut(it.source, ",")
			return strings.TrimSpace(src)
		}
	}
	return ""
}

func alignPronoun(s string) bool {
	switch textnorm.Normalize(s) {
	case "he", "she", "they", "it", "i", "we", "him", "her", "them", "you", "who", "which", "that", "whom":
		return true
	}
	return false
}
