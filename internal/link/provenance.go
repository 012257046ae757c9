package link

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crosswire-news/crosswire/internal/model"
	"github.com/crosswire-news/crosswire/internal/textnorm"
)

// provResult is what provenance found in a story.
type provResult struct {
	origins     []model.Origin
	independent int
	// skip holds the attributions that cite a report; they are provenance,
	// not statements, and stay out of the quote groups.
	skip map[*model.Attribution]bool
}

// provCite is one article citing one report by one name.
type provCite struct {
	art  int
	name string // cleaned name as written ("Tidewater", "Tidewater News Agency")
}

// provAnalyze finds the story's origins and counts its independent sources.
//
// Origins are the reports the coverage cites: attributions of kind
// "reported" or any speech attributed to a publication or document
// ("according to a Reuters report", "Reuters reported", "a Reuters report
// said", "citing Reuters"), and the recipient of "told" when it is such a
// report ("officials told Reuters"). Names are cleaned ("a Tidewater
// report" -> "Tidewater") and collapsed: known agency aliases (AP and
// Associated Press, AFP and Agence France-Presse, Reuters and Thomson
// Reuters, NYT and The New York Times), and a name whose words are all in
// exactly one longer name ("Tidewater", "the Times") becomes that name.
//
// IndependentSources is counted as BuildStory's comment defines.
func provAnalyze(ctx *storyCtx) provResult {
	res := provResult{skip: map[*model.Attribution]bool{}}
	var cites []provCite
	var recips []provCite
	selfCite := make([]bool, len(ctx.arts))
	for i, a := range ctx.arts {
		for k := range a.Attributions {
			at := &a.Attributions[k]
			if name, ok := provOriginName(ctx, at); ok {
				res.skip[at] = true
				cites = append(cites, provCite{art: i, name: name})
				continue
			}
			if name, self := provRecipient(a, at); self {
				selfCite[i] = true
			} else if name != "" {
				recips = append(recips, provCite{art: i, name: name})
			}
		}
	}

	// A recipient is a report only when it is recognisably one: a known
	// agency, a newsroom word in its name, an outlet of the story, or a
	// name the coverage cites as a report elsewhere. "told lawmakers" and
	// "told Ruiz" are not.
	var pool []string
	for _, c := range cites {
		pool = append(pool, c.name)
	}
	for _, r := range recips {
		if provLooksPublication(ctx, r.name) || provMatchesAny(ctx, r.name, pool) {
			cites = append(cites, r)
		}
	}

	canon := provCanonical(ctx, cites)
	type agg struct {
		name  string
		arts  map[int]bool
		first int
	}
	byName := map[string]*agg{}
	var order []*agg
	citesOrigin := make([]bool, len(ctx.arts))
	for n, c := range cites {
		name := canon[c.name]
		if name == "" {
			continue
		}
		if ctx.prov.sameOutlet(ctx.arts[c.art].Outlet, name) {
			selfCite[c.art] = true // "told the Ledger" in the Ledger: its own reporting
			continue
		}
		g := byName[name]
		if g == nil {
			g = &agg{name: name, arts: map[int]bool{}, first: n}
			byName[name] = g
			order = append(order, g)
		}
		g.arts[c.art] = true
		citesOrigin[c.art] = true
	}
	sort.SliceStable(order, func(x, y int) bool {
		if len(order[x].arts) != len(order[y].arts) {
			return len(order[x].arts) > len(order[y].arts)
		}
		return order[x].first < order[y].first
	})
	for _, g := range order {
		o := model.Origin{Source: g.name}
		for i := range ctx.arts {
			if g.arts[i] {
				o.CitedBy = append(o.CitedBy, ctx.arts[i].ID)
			}
		}
		res.origins = append(res.origins, o)
	}

	// Units: copies fold into the article they repost.
	unitCites := map[int]bool{}
	unitSelf := map[int]bool{}
	unitExternal := map[int]bool{}
	var units []int
	for i := range ctx.arts {
		u := ctx.unit[i]
		if _, seen := unitCites[u]; !seen {
			units = append(units, u)
			unitCites[u] = false
		}
		unitCites[u] = unitCites[u] || citesOrigin[i]
		unitSelf[u] = unitSelf[u] || selfCite[i]
		if ctx.external[u] {
			unitExternal[u] = true
		}
	}
	res.independent = len(res.origins)
	for _, u := range units {
		if unitExternal[u] {
			continue
		}
		isOrigin := false
		for _, g := range order {
			if ctx.prov.sameOutlet(ctx.arts[u].Outlet, g.name) {
				isOrigin = true
			}
		}
		if isOrigin {
			continue
		}
		if !unitCites[u] || unitSelf[u] {
			res.independent++
		}
	}
	return res
}

// provOriginName reports whether an attribution cites a report, and by
// what name.
func provOriginName(ctx *storyCtx, at *model.Attribution) (string, bool) {
	name := string(at.Speaker)
	src := ""
	if at.Source != nil {
		src = at.Source.Text
	}
	if strings.TrimSpace(name) == "" {
		name = src
	}
	raw := name
	name = ctx.prov.clean(name)
	if name == "" {
		return "", false
	}
	switch at.SpeakerKind {
	case model.SpeakerPublication:
		return name, true
	case model.SpeakerDocument:
		// A document keeps its noun: "a police report" is "police report",
		// not the police.
		if at.Kind != model.KindReported && at.Kind != model.KindIndirect {
			return "", false
		}
		if doc := provDocName(raw); doc != "" {
			return doc, true
		}
		return name, true
	case model.SpeakerPerson, model.SpeakerOfficials, model.SpeakerAnonymous:
		return "", false
	}
	// An organisation or unknown speaker is a report when it is written as
	// one ("a Tidewater report said") or is a newsroom.
	if provReportWord(src) || provLooksPublication(ctx, name) {
		return name, true
	}
	return "", false
}

// provDocName is a document's name without its leading article: "the
// ministry's internal audit" -> "ministry's internal audit".
func provDocName(s string) string {
	words := strings.Fields(strings.TrimFunc(s, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) }))
	for len(words) > 0 {
		switch strings.ToLower(words[0]) {
		case "a", "an", "the", "this", "that":
			words = words[1:]
			continue
		}
		break
	}
	return provDisplay(strings.Join(words, " "))
}

// provReportNouns are the words that make a name a report.
var provReportNouns = map[string]bool{
	"report": true, "reports": true, "reporting": true, "story": true, "article": true,
	"dispatch": true, "investigation": true, "analysis": true, "broadcast": true,
	"bulletin": true, "exclusive": true,
}

func provReportWord(s string) bool {
	for _, w := range textnorm.Words(s) {
		if provReportNouns[w] {
			return true
		}
	}
	return false
}

// provClean turns a mention into a name: "a Tidewater News Agency report"
// -> "Tidewater News Agency", "a report by the AP" -> "AP", "Reuters'"
// -> "Reuters".
func provClean(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = strings.TrimFunc(s, func(r rune) bool { return unicode.IsPunct(r) && r != '.' || unicode.IsSpace(r) })
	s = strings.TrimRight(s, ".")
	// "a report by X", "reports from X", "an investigation in X".
	lw := strings.ToLower(s)
	for _, sep := range []string{" by ", " from ", " in "} {
		if k := strings.Index(lw, sep); k >= 0 && provReportWord(s[:k]) {
			s = s[k+len(sep):]
			break
		}
	}
	words := strings.Fields(s)
	for len(words) > 0 {
		f := strings.ToLower(words[0])
		if f == "a" || f == "an" || f == "the" || f == "this" || f == "that" || f == "its" {
			words = words[1:]
			continue
		}
		break
	}
	for len(words) > 0 {
		l := textnorm.Fold(words[len(words)-1])
		if provReportNouns[l] || l == "said" || l == "says" || l == "reported" {
			words = words[:len(words)-1]
			continue
		}
		break
	}
	for k, w := range words {
		w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
		if strings.HasSuffix(w, "s'") || strings.HasSuffix(w, "s’") {
			w = strings.TrimRight(w, "'’")
		}
		words[k] = w
	}
	out := strings.Join(words, " ")
	if provGenericOnly(out) {
		return ""
	}
	return out
}

// provGeneric are words that name no outlet on their own ("the agency").
var provGeneric = map[string]bool{
	"news": true, "agency": true, "wire": true, "service": true, "press": true,
	"media": true, "newspaper": true, "paper": true, "outlet": true, "agencies": true,
	"reports": true, "report": true, "local": true, "state": true,
}

func provGenericOnly(s string) bool {
	words := textnorm.Words(s)
	if len(words) == 0 {
		return true
	}
	for _, w := range words {
		if !provGeneric[w] {
			return false
		}
	}
	return true
}

// provAliases maps the folded forms of well-known agencies to one name.
var provAliases = map[string]string{
	"ap": "Associated Press", "associated press": "Associated Press",
	"reuters": "Reuters", "thomson reuters": "Reuters", "reuters news agency": "Reuters",
	"afp": "Agence France-Presse", "agence france-presse": "Agence France-Presse",
	"agence france presse": "Agence France-Presse", "france-presse": "Agence France-Presse",
	"nyt": "The New York Times", "new york times": "The New York Times",
	"ny times": "The New York Times",
}

// provNewsWords make a name a newsroom when they end it or are it.
var provNewsWords = map[string]bool{
	"news": true, "agency": true, "press": true, "times": true, "post": true,
	"herald": true, "gazette": true, "journal": true, "tribune": true, "daily": true,
	"ledger": true, "courier": true, "telegraph": true, "guardian": true,
	"chronicle": true, "observer": true, "examiner": true, "wire": true,
	"newspaper": true, "magazine": true, "radio": true, "television": true,
	"tv": true, "broadcasting": true, "bbc": true, "cnn": true, "bloomberg": true,
	"reuters": true, "afp": true, "ap": true, "star": true, "mail": true,
	"express": true, "standard": true, "independent": true, "globe": true,
	"dispatch": true, "bulletin": true, "sun": true, "mirror": true,
}

// provLooksPublication reports whether a name is recognisably a news
// outlet: a known agency, a newsroom word at its end, or a story outlet.
func provLooksPublication(ctx *storyCtx, name string) bool {
	m := &ctx.prov
	if v, ok := m.looksPub[name]; ok {
		return v
	}
	v := provLooksPublicationUncached(ctx, name)
	m.looksPub[name] = v
	return v
}

func provLooksPublicationUncached(ctx *storyCtx, name string) bool {
	m := &ctx.prov
	key := m.key(name)
	if key == "" {
		return false
	}
	if _, ok := provAliases[key]; ok {
		return true
	}
	words := strings.Fields(key)
	if provNewsWords[words[len(words)-1]] && (len(words) > 1 || !provGeneric[words[0]]) {
		return true
	}
	for _, o := range m.outlets {
		if m.sameOutlet(o, name) {
			return true
		}
	}
	return false
}

// provKey is the folded name without a leading "the".
func provKey(name string) string {
	words := textnorm.Words(name)
	if len(words) > 0 && words[0] == "the" {
		words = words[1:]
	}
	return strings.Join(words, " ")
}

// provSameOutletKeys reports whether a name names an outlet, given the
// provKeys of both (alias or equal key, or the name's words all in the
// outlet's: "the Ledger" for "The Harbor Ledger").
func provSameOutletKeys(ok, nk string) bool {
	if ok == "" || nk == "" {
		return false
	}
	if ok == nk || (provAliases[ok] != "" && provAliases[ok] == provAliases[nk]) {
		return true
	}
	return provSubset(nk, ok) && !provGenericOnly(nk)
}

// provMemo caches, for one BuildStory call, the name keys and outlet
// tests that provenance asks again for every attribution and outlet pair.
// The functions are pure, so the answers are those of the uncached calls.
type provMemo struct {
	keys     map[string]string
	cleaned  map[string]string
	same     map[[2]string]bool
	looksPub map[string]bool
	outlets  []string // the story's distinct outlet strings, in article order
}

func provNewMemo(arts []*model.Article) provMemo {
	m := provMemo{keys: map[string]string{}, cleaned: map[string]string{}, same: map[[2]string]bool{}, looksPub: map[string]bool{}}
	seen := map[string]bool{}
	for _, a := range arts {
		if !seen[a.Outlet] {
			seen[a.Outlet] = true
			m.outlets = append(m.outlets, a.Outlet)
		}
	}
	return m
}

// key is provKey(name), cached.
func (m *provMemo) key(name string) string {
	k, ok := m.keys[name]
	if !ok {
		k = provKey(name)
		m.keys[name] = k
	}
	return k
}

// clean is provClean(s), cached.
func (m *provMemo) clean(s string) string {
	c, ok := m.cleaned[s]
	if !ok {
		c = provClean(s)
		m.cleaned[s] = c
	}
	return c
}

// sameOutlet reports whether name names the outlet (provSameOutletKeys),
// cached.
func (m *provMemo) sameOutlet(outlet, name string) bool {
	pair := [2]string{outlet, name}
	v, ok := m.same[pair]
	if !ok {
		v = provSameOutletKeys(m.key(outlet), m.key(name))
		m.same[pair] = v
	}
	return v
}

// provSubset reports whether every word of a is a word of b.
func provSubset(a, b string) bool {
	bw := map[string]bool{}
	for _, w := range strings.Fields(b) {
		bw[w] = true
	}
	for _, w := range strings.Fields(a) {
		if !bw[w] {
			return false
		}
	}
	return true
}

func provMatchesAny(ctx *storyCtx, name string, pool []string) bool {
	k := ctx.prov.key(name)
	for _, p := range pool {
		pk := ctx.prov.key(p)
		if k != "" && pk != "" && (k == pk || provSubset(k, pk) || provSubset(pk, k)) {
			return true
		}
	}
	return false
}

// provCanonical maps every cited name to its display name. Aliases of a
// known agency take the agency's name. Other names form roots (those whose
// words are in no longer name); a shorter name joins the root whose words
// contain it when there is exactly one such root ("Tidewater" -> "Tidewater
// News Agency"; "Times" stays itself beside two different Times). The
// story's outlet names are roots too, so a cited outlet is shown as it
// calls itself.
func provCanonical(ctx *storyCtx, cites []provCite) map[string]string {
	type cand struct {
		name, key string
		n         int
		outlet    bool
	}
	var cands []cand
	seen := map[string]bool{}
	m := &ctx.prov
	add := func(name string, outlet bool) {
		k := m.key(name)
		if k == "" || seen[k] {
			return
		}
		seen[k] = true
		cands = append(cands, cand{name: strings.TrimSpace(name), key: k, n: len(strings.Fields(k)), outlet: outlet})
	}
	for _, c := range cites {
		add(c.name, false)
	}
	for _, a := range ctx.arts {
		if m.key(a.Outlet) != "" {
			add(a.Outlet, true)
		}
	}
	// Prefer outlet spellings: when a cited name and an outlet have the
	// same key the outlet is added later and skipped, so fix it here.
	byKey := map[string]string{}
	for _, a := range ctx.arts {
		if k := m.key(a.Outlet); k != "" {
			if _, ok := byKey[k]; !ok {
				byKey[k] = strings.TrimSpace(a.Outlet)
			}
		}
	}
	// Longest first, so that roots exist before the names they absorb.
	idx := make([]int, len(cands))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(x, y int) bool { return cands[idx[x]].n > cands[idx[y]].n })
	root := map[string]string{} // key -> display
	for _, i := range idx {
		c := cands[i]
		if a, ok := provAliases[c.key]; ok {
			root[c.key] = a
			continue
		}
		roots := map[string]bool{}
		for _, j := range idx {
			d := cands[j]
			if d.n > c.n && provSubset(c.key, d.key) {
				roots[root[d.key]] = true
			}
		}
		if len(roots) == 1 {
			for r := range roots {
				root[c.key] = r
			}
			continue
		}
		if o, ok := byKey[c.key]; ok {
			root[c.key] = o
		} else {
			root[c.key] = provDisplay(c.name)
		}
	}
	out := map[string]string{}
	for _, c := range cites {
		out[c.name] = root[m.key(c.name)]
	}
	return out
}

// provDisplay capitalises a name's first letter ("the Times" is cleaned to
// "Times" already; a lower-case agency name keeps its case otherwise).
func provDisplay(name string) string {
	r, n := utf8.DecodeRuneInString(name)
	if r == utf8.RuneError {
		return name
	}
	return string(unicode.ToUpper(r)) + name[n:]
}

// provRecipient reads who was told: "officials told Tidewater that ..."
// gives "Tidewater". self is true for first-hand reporting of the article
// itself ("told this newspaper", "told us").
func provRecipient(a *model.Article, at *model.Attribution) (name string, self bool) {
	cue := textnorm.Normalize(at.Cue.Text)
	if !strings.HasSuffix(cue, "told") && !strings.HasSuffix(cue, "tells") && !strings.HasSuffix(cue, "telling") &&
		cue != "told" && cue != "tell" {
		return "", false
	}
	end := at.Cue.End
	if end <= 0 || end > len(a.Text) || at.Cue.Start < 0 || at.Cue.Start >= end {
		return "", false
	}
	rest := a.Text[end:]
	if len(rest) > 120 {
		rest = rest[:120]
	}
	lr := strings.ToLower(strings.TrimLeft(rest, " \t"))
	for _, p := range []string{"this newspaper", "this paper", "this publication", "this reporter", "this website", "this site", "this outlet", "us ", "us,", "us."} {
		if strings.HasPrefix(lr, p) {
			return "", true
		}
	}
	toks := textnorm.Tokens(rest)
	var words []string
	prev := 0
	for k, t := range toks {
		if strings.TrimSpace(rest[prev:t.Start]) != "" {
			break // punctuation ends the name
		}
		prev = t.End
		r, _ := utf8.DecodeRuneInString(t.Text)
		lower := strings.ToLower(t.Text)
		if len(words) == 0 && lower == "the" {
			continue
		}
		if unicode.IsUpper(r) {
			words = append(words, t.Text)
			continue
		}
		// Joiners inside a name ("Agence France-Presse", "Voice of America").
		if len(words) > 0 && (lower == "of" || lower == "and") && k+1 < len(toks) {
			if nr, _ := utf8.DecodeRuneInString(toks[k+1].Text); unicode.IsUpper(nr) {
				words = append(words, t.Text)
				continue
			}
		}
		break
	}
	if len(words) == 0 {
		return "", false
	}
	return provClean(strings.Join(words, " ")), false
}
