package link

import (
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/crosswire-news/crosswire/internal/model"
	"github.com/crosswire-news/crosswire/internal/textnorm"
)

// Member is an article of a story with what linking found about its text.
type Member struct {
	Article *model.Article
	// DuplicateOf and CopyOf name an earlier article whose text this one
	// repeats exactly or reposts with small changes; Similarity is the
	// similarity of the two texts.
	DuplicateOf, CopyOf string
	Similarity          float64
	// Via and Score are Assignment.Via and Assignment.Score: how the
	// article was placed, shown as StoryArticle.JoinedBy and JoinScore.
	Via   Via
	Score float64
}

// Member is the story member a's assignment makes, as BuildStory takes it.
func (as Assignment) Member(a *model.Article) Member {
	return Member{Article: a, DuplicateOf: as.DuplicateOf, CopyOf: as.CopyOf, Similarity: as.Similarity, Via: as.Via, Score: as.Score}
}

// storyCtx is what the parts of BuildStory share: the members in story
// order and the story-wide name and word statistics.
type storyCtx struct {
	members []Member
	arts    []*model.Article
	index   map[string]int // article id -> position in arts
	// unit[i] is the position of the article whose text article i carries
	// (itself unless it is a copy or duplicate of another member).
	unit []int
	// external[i] is true when article i copies a text outside the story.
	external []bool
	names    *storyNames
	// Stems are interned: stemID maps a stem to its index in stemW, its
	// IDF-like weight over the story's sentences.
	stemID map[string]int32
	stemW  []float64
	// wordID caches the stemID of a folded word, -1 for a stopword;
	// textMemo what stemIDsNorm gave a text (copies repeat sentences).
	wordID   map[string]int32
	textMemo map[string]storyStemNorm
	rare     float64        // weight of a stem no sentence has
	sents    [][]model.Span // claim units (sentences) per article
	sentID   [][][]int32    // their stems, as stemIDsNorm gives them
	sentNm   [][]string     // their textnorm.Normalize forms
	prov     provMemo       // provenance's per-call caches
}

// BuildStory computes the Story contract for the members of one story.
// Members must already be analysed (analyze.Article). It is pure and
// deterministic: members are ordered by publication time, then id, and
// every list in the result has a stable order.
//
// Quote groups line up the attributed statements (direct, partial,
// indirect, and "according to" a person or organisation) that render one
// statement; claims line up sentences; origins are the reports the
// coverage cites ("according to a Reuters report", "citing Reuters",
// "officials told Reuters"), aliases collapsed ("AP", "Associated
// Press"); discrepancies are speaker mismatches and splits, role conflicts
// and changed wording of direct quotes.
//
// IndependentSources is |O| + |R|, where O is the set of distinct origins
// and R the set of the story's own reports. Articles are first collapsed
// into units: a copy or duplicate (Member.CopyOf/DuplicateOf) belongs to
// the unit of the article it reposts, and carries nothing of its own. A
// unit is an own report, and counts once, when none of its articles cites
// any origin (its reporting does not trace back to a cited report), or
// when one of its articles claims first-hand reporting ("told The Harbor
// Ledger" in The Harbor Ledger, "told this newspaper"). A unit whose
// outlet is itself one of the origins is that origin and is not counted
// twice; a copy of a text from outside the story is never an own report.
// Material that only one relaying article carries (an outside expert's
// comment in an article that cites the agency) does not count: it cannot be
// told apart from origin material that the other rewrites dropped; the
// story shows it under unique instead.
func BuildStory(id string, members []Member) model.Story {
	ctx := storyNewCtx(members)
	st := model.Story{
		ID:            id,
		Articles:      make([]model.StoryArticle, 0, len(ctx.arts)),
		Origins:       []model.Origin{},
		QuoteGroups:   []model.QuoteGroup{},
		Claims:        []model.Claim{},
		Unique:        map[string][]string{},
		Discrepancies: []model.Discrepancy{},
	}
	if len(ctx.arts) == 0 {
		return st
	}
	st.Title = storyTitle(ctx)
	st.FirstPublished, st.Articles = storyTimeline(ctx)

	prov := provAnalyze(ctx)
	if prov.origins != nil {
		st.Origins = prov.origins
	}
	st.IndependentSources = prov.independent

	groups := alignQuotes(ctx, prov.skip)
	for _, g := range groups {
		st.QuoteGroups = append(st.QuoteGroups, g.out)
	}
	st.Claims, st.Unique = claimsAlign(ctx)
	st.Discrepancies = discrepFind(ctx, groups)
	return st
}

func storyNewCtx(members []Member) *storyCtx {
	ms := make([]Member, 0, len(members))
	for _, m := range members {
		if m.Article != nil {
			ms = append(ms, m)
		}
	}
	keys := make([]storyTime, len(ms))
	for i := range ms {
		keys[i] = storyParseTime(ms[i].Article.Published)
	}
	order := make([]int, len(ms))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(x, y int) bool {
		a, b := order[x], order[y]
		if c := storyCompareTime(keys[a], keys[b]); c != 0 {
			return c < 0
		}
		return ms[a].Article.ID < ms[b].Article.ID
	})
	ctx := &storyCtx{index: map[string]int{}}
	for _, i := range order {
		if _, dup := ctx.index[ms[i].Article.ID]; dup {
			continue // the same article twice: keep the first
		}
		ctx.index[ms[i].Article.ID] = len(ctx.arts)
		ctx.members = append(ctx.members, ms[i])
		ctx.arts = append(ctx.arts, ms[i].Article)
	}
	ctx.unit = make([]int, len(ctx.arts))
	ctx.external = make([]bool, len(ctx.arts))
	for i := range ctx.arts {
		ctx.unit[i], ctx.external[i] = storyUnit(ctx, i)
	}
	ctx.names = storyNewNames(ctx.arts)
	ctx.prov = provNewMemo(ctx.arts)
	ctx.sents = make([][]model.Span, len(ctx.arts))
	for i, a := range ctx.arts {
		ctx.sents[i] = claimSentences(a)
	}
	storyWeights(ctx)
	return ctx
}

// storyCopySource is the article a member reposts, if any.
func storyCopySource(m Member) string {
	if m.CopyOf != "" {
		return m.CopyOf
	}
	return m.DuplicateOf
}

// storyUnit follows copy links to the article whose text i carries. A copy
// of an article outside the story is its own unit but marked external.
func storyUnit(ctx *storyCtx, i int) (int, bool) {
	seen := map[int]bool{i: true}
	cur := i
	for {
		src := storyCopySource(ctx.members[cur])
		if src == "" {
			return cur, false
		}
		j, ok := ctx.index[src]
		if !ok {
			return cur, true
		}
		if seen[j] {
			return cur, false // a cycle: stop where we are
		}
		seen[j] = true
		cur = j
	}
}

// storyTitle is the title of the earliest article that is not a copy: a
// repost's new headline is not the story's.
func storyTitle(ctx *storyCtx) string {
	for i, a := range ctx.arts {
		if ctx.unit[i] == i && !ctx.external[i] && strings.TrimSpace(a.Title) != "" {
			return strings.TrimSpace(a.Title)
		}
	}
	for _, a := range ctx.arts {
		if t := strings.TrimSpace(a.Title); t != "" {
			return t
		}
	}
	return ""
}

// storyTimeline fills the article list with the delay of each article
// after the story's first publication.
func storyTimeline(ctx *storyCtx) (string, []model.StoryArticle) {
	first := storyTime{}
	firstStr := ""
	for _, a := range ctx.arts {
		if k := storyParseTime(a.Published); k.ok {
			first, firstStr = k, strings.TrimSpace(a.Published)
			break
		}
	}
	out := make([]model.StoryArticle, 0, len(ctx.arts))
	for i, a := range ctx.arts {
		m := ctx.members[i]
		sa := model.StoryArticle{
			ID: a.ID, Outlet: a.Outlet, Title: a.Title, Published: a.Published,
			Byline: a.Byline, DelaySeconds: -1,
			CopyOf: storyCopySource(m), Similarity: m.Similarity, JoinedBy: string(m.Via),
		}
		if sa.CopyOf == "" {
			sa.Similarity = 0
		} else {
			sa.Similarity = storyRound3(sa.Similarity)
		}
		if m.Via == ViaScore {
			sa.JoinScore = storyRound3(m.Score)
		}
		if k := storyParseTime(a.Published); k.ok && first.ok {
			// A date without a time is "some time that day": never before
			// the first publication.
			d := int64(k.t.Sub(first.t) / time.Second)
			if d < 0 {
				d = 0
			}
			sa.DelaySeconds = d
		}
		out = append(out, sa)
	}
	return firstStr, out
}

// storyRound3 rounds a similarity or score for the contract: three
// decimals say all a reader can use, and keep the JSON stable.
func storyRound3(x float64) float64 { return math.Round(x*1000) / 1000 }

// storyTime is a publication time; dateOnly marks a bare date, whose time
// of day is unknown; order is model.Article.OrderTime (a bare date at the
// end of its day).
type storyTime struct {
	t, order     time.Time
	ok, dateOnly bool
}

func storyParseTime(s string) storyTime {
	a := model.Article{Published: s}
	t, ok := a.PublishedTime()
	if !ok {
		return storyTime{}
	}
	order, _ := a.OrderTime()
	_, err := time.Parse("2006-01-02", strings.TrimSpace(s))
	return storyTime{t: t.UTC(), order: order, ok: true, dateOnly: err == nil}
}

// storyCompareTime puts articles in publication order (model OrderTime:
// a bare date after the timed articles of its day); undated last.
func storyCompareTime(a, b storyTime) int {
	switch {
	case !a.ok && !b.ok:
		return 0
	case !a.ok:
		return 1
	case !b.ok:
		return -1
	}
	return a.order.Compare(b.order)
}

// storyWeights gives each stem an IDF-like weight over the sentences of
// the story: words every sentence uses ("ferry" in a ferry story) count
// little when statements are compared, rare words count much.
func storyWeights(ctx *storyCtx) {
	ctx.stemID = map[string]int32{}
	ctx.wordID = map[string]int32{}
	ctx.textMemo = map[string]storyStemNorm{}
	var df []int
	n := 0
	ctx.sentID = make([][][]int32, len(ctx.arts))
	ctx.sentNm = make([][]string, len(ctx.arts))
	for i := range ctx.arts {
		ctx.sentID[i] = make([][]int32, len(ctx.sents[i]))
		ctx.sentNm[i] = make([]string, len(ctx.sents[i]))
		for k, s := range ctx.sents[i] {
			n++
			ids, norm := ctx.stemIDsNorm(s.Text)
			ctx.sentID[i][k] = ids
			ctx.sentNm[i][k] = norm
			for len(df) < len(ctx.stemW) {
				df = append(df, 0) // stemIDsNorm added stems
			}
			for _, id := range ids {
				df[id]++
			}
		}
	}
	ctx.rare = 1 + math.Log(float64(n+1))
	for id := range ctx.stemW {
		if df[id] > 0 {
			ctx.stemW[id] = 1 + math.Log(float64(n+1)/float64(df[id]))
		}
	}
}

// stemIDsNorm is the sorted set of interned content stems of s (those of
// textnorm.Stems: the words of textnorm.Words that are not stopwords,
// stemmed) and textnorm.Normalize(s), from one tokenisation; each word's
// stem is looked up once per story. Stems not seen before are added with
// the weight of a rare word.
func (ctx *storyCtx) stemIDsNorm(s string) ([]int32, string) {
	if m, ok := ctx.textMemo[s]; ok {
		return m.ids, m.norm
	}
	ids, norm := ctx.stemIDsNormUncached(s)
	ctx.textMemo[s] = storyStemNorm{ids, norm}
	return ids, norm
}

// storyStemNorm is what stemIDsNorm gives a text; callers do not modify
// ids.
type storyStemNorm struct {
	ids  []int32
	norm string
}

func (ctx *storyCtx) stemIDsNormUncached(s string) ([]int32, string) {
	words := textnorm.Words(s)
	norm := strings.Join(words, " ")
	out := make([]int32, 0, len(words))
	for _, w := range words {
		id, ok := ctx.wordID[w]
		if !ok {
			id = -1
			if x, content := textnorm.ContentStem(w); content {
				if id, ok = ctx.stemID[x]; !ok {
					id = int32(len(ctx.stemW))
					ctx.stemID[x] = id
					ctx.stemW = append(ctx.stemW, ctx.rare)
				}
			}
			ctx.wordID[w] = id
		}
		if id >= 0 {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return slices.Compact(out), norm
}

// storyOutlet is an article's outlet for display, falling back to its id.
func (ctx *storyCtx) outlet(i int) string {
	if o := strings.TrimSpace(ctx.arts[i].Outlet); o != "" {
		return o
	}
	return ctx.arts[i].ID
}

// storyNames maps the names of people as the articles write them to one
// story-wide form: a bare surname ("Ruiz") becomes the one full name that
// ends with it ("Ana Ruiz"), when only one does.
type storyNames struct {
	full  map[string]string // folded full name -> display
	short map[string]string // folded single token -> display of the unique full name
	memo  map[string]string // canon's answers
}

func storyNewNames(arts []*model.Article) *storyNames {
	n := &storyNames{full: map[string]string{}, short: map[string]string{}, memo: map[string]string{}}
	var all []string
	for _, a := range arts {
		for _, p := range a.People {
			all = append(all, p.Name)
		}
		for _, at := range a.Attributions {
			if at.Speaker != "" {
				all = append(all, string(at.Speaker))
			}
		}
	}
	tokCount := map[string]map[string]bool{}
	for _, name := range all {
		key := textnorm.Normalize(name)
		words := strings.Fields(key)
		if len(words) < 2 {
			continue
		}
		if _, ok := n.full[key]; !ok {
			n.full[key] = strings.TrimSpace(name)
		}
		for _, w := range []string{words[0], words[len(words)-1]} {
			if tokCount[w] == nil {
				tokCount[w] = map[string]bool{}
			}
			tokCount[w][key] = true
		}
	}
	for w, keys := range tokCount {
		if len(keys) == 1 {
			for k := range keys {
				n.short[w] = n.full[k]
			}
		}
	}
	return n
}

// canon is the story-wide form of a name ("" stays "").
func (n *storyNames) canon(name string) string {
	if c, ok := n.memo[name]; ok {
		return c
	}
	c := n.canonUncached(name)
	n.memo[name] = c
	return c
}

func (n *storyNames) canonUncached(name string) string {
	name = strings.TrimSpace(name)
	if name == "" {
		return ""
	}
	key := textnorm.Normalize(name)
	if d, ok := n.full[key]; ok {
		return d
	}
	if !strings.Contains(key, " ") {
		if d, ok := n.short[key]; ok {
			return d
		}
	}
	return name
}

// storyJoin writes "A", "A and B", "A, B and C".
func storyJoin(xs []string) string {
	switch len(xs) {
	case 0:
		return ""
	case 1:
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

// storyShorten cuts a long text for a one-line detail.
func storyShorten(s string, max int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= max {
		return s
	}
	cut := strings.LastIndexByte(s[:max], ' ')
	if cut < max/2 {
		cut = max
	}
	return s[:cut] + "…"
}
