package link

import (
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
	att     *model.Attribution
	kind    string
	text    string
	norm    string   // textnorm.Normalize(text)
	stems   []string // sorted set
	speaker string   // story-wide canonical name, "" when unresolved
	source  string   // the mention that names the speaker, as written
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
			text := alignContent(at)
			stems := storyStemSet(text)
			if len(stems) == 0 {
				continue
			}
			it := &alignItem{art: i, pos: at.Content.Start, att: at, kind: at.Kind, text: alignDisplay(text),
				norm: textnorm.Normalize(text), stems: stems}
			if alignNamedKind(at.SpeakerKind) {
				it.speaker = ctx.names.canon(string(at.Speaker))
			}
			if at.Source != nil {
				it.source = strings.TrimSpace(at.Source.Text)
			}
			items = append(items, it)
		}
	}
	sort.SliceStable(items, func(x, y int) bool {
		if items[x].art != items[y].art {
			return items[x].art < items[y].art
		}
		return items[x].pos < items[y].pos
	})

	var pairs []alignPair
	for _, p := range alignCandidates(ctx, items, func(it *alignItem) []string { return it.stems }) {
		a, b := items[p[0]], items[p[1]]
		sim, shared := alignScore(ctx, a, b)
		if shared < 2 && a.norm != b.norm {
			continue
		}
		if sim >= alignThreshold(a, b) {
			pairs = append(pairs, alignPair{p[0], p[1], sim})
		}
	}
	clusters := alignCluster(len(items), pairs,
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

// alignContent is the text of what was said; a split quote is its parts.
func alignContent(at *model.Attribution) string {
	if len(at.ContentParts) > 0 {
		parts := make([]string, 0, len(at.ContentParts))
		for _, p := range at.ContentParts {
			parts = append(parts, p.Text)
		}
		return strings.Join(parts, " ")
	}
	return at.Content.Text
}

// alignDisplay takes off the quote marks around a whole quotation and
// the comma that belonged to the attribution sentence ("\"We will
// negotiate,\"" -> "We will negotiate"): the variant shows the words.
func alignDisplay(s string) string {
	s = strings.TrimSpace(s)
	open, n := utf8.DecodeRuneInString(s)
	if n > 0 && alignQuoteMark(open) {
		body := s[n:]
		if close, m := utf8.DecodeLastRuneInString(body); m > 0 && alignQuoteMark(close) {
			inner := body[:len(body)-m]
			if !strings.ContainsAny(inner, "\"“”") {
				s = strings.TrimSpace(inner)
			}
		}
	}
	return strings.TrimRight(s, ",;: ")
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
func alignOverlap(ctx *storyCtx, a, b []string) (shared, wa, wb float64, n int) {
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j >= len(b) || (i < len(a) && a[i] < b[j]):
			wa += ctx.weight(a[i])
			i++
		case i >= len(a) || b[j] < a[i]:
			wb += ctx.weight(b[j])
			j++
		default:
			w := ctx.weight(a[i])
			shared += w
			wa += w
			wb += w
			n++
			i++
			j++
		}
	}
	return
}

func alignDice(ctx *storyCtx, a, b []string) float64 {
	shared, wa, wb, _ := alignOverlap(ctx, a, b)
	if wa+wb == 0 {
		return 0
	}
	return 2 * shared / (wa + wb)
}

// alignKeys is how many of an item's rarest stems are looked up to find
// the items it may match.
const alignKeys = 4

// alignCandidates lists the pairs (i < j) worth scoring: those where one
// item's rarest stems (its alignKeys heaviest) occur in the other. Two
// renderings of one statement share their rare words, while words every
// sentence of the story uses ("ferry") would pair everything with
// everything; looking up only rare words keeps big stories near linear.
func alignCandidates[T any](ctx *storyCtx, items []T, stems func(T) []string) [][2]int {
	post := map[string][]int{}
	for i, it := range items {
		for _, s := range stems(it) {
			post[s] = append(post[s], i)
		}
	}
	seen := map[[2]int]bool{}
	var out [][2]int
	keys := make([]string, 0, 16)
	for i, it := range items {
		keys = append(keys[:0], stems(it)...)
		sort.SliceStable(keys, func(x, y int) bool { return ctx.weight(keys[x]) > ctx.weight(keys[y]) })
		if len(keys) > alignKeys {
			keys = keys[:alignKeys]
		}
		for _, s := range keys {
			for _, j := range post[s] {
				if j == i {
					continue
				}
				k := [2]int{min(i, j), max(i, j)}
				if !seen[k] {
					seen[k] = true
					out = append(out, k)
				}
			}
		}
	}
	sort.Slice(out, func(x, y int) bool {
		if out[x][0] != out[y][0] {
			return out[x][0] < out[y][0]
		}
		return out[x][1] < out[y][1]
	})
	return out
}

// alignPair is an edge between two items that passed their threshold.
type alignPair struct {
	i, j int
	sim  float64
}

// alignCluster joins items along the edges, strongest first (single link),
// refusing a join that would put two items of one article in one cluster
// unless those items are repeats of each other (sameOK): an article renders
// a statement once, and the refusal keeps a minister's two different
// sentences apart. Clusters come back with their members in index order,
// ordered by their first member.
func alignCluster(n int, pairs []alignPair, art func(int) int, sameOK func(i, j int) bool) [][]int {
	sort.SliceStable(pairs, func(x, y int) bool {
		if pairs[x].sim != pairs[y].sim {
			return pairs[x].sim > pairs[y].sim
		}
		if pairs[x].i != pairs[y].i {
			return pairs[x].i < pairs[y].i
		}
		return pairs[x].j < pairs[y].j
	})
	parent := make([]int, n)
	members := make([][]int, n)
	for i := range parent {
		parent[i] = i
		members[i] = []int{i}
	}
	var find func(int) int
	find = func(i int) int {
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
		ok := true
		for _, x := range members[ra] {
			for _, y := range members[rb] {
				if art(x) == art(y) && !sameOK(x, y) {
					ok = false
					break
				}
			}
			if !ok {
				break
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
			return it.source
		}
	}
	return ""
}

func alignPronoun(s string) bool {
	switch textnorm.Normalize(s) {
	case "he", "she", "they", "it", "i", "we", "him", "her", "them", "you":
		return true
	}
	return false
}
