package link

import (
	"fmt"
	"sort"
	"strings"

	"github.com/crosswire-news/crosswire/internal/model"
	"github.com/crosswire-news/crosswire/internal/textnorm"
)

// discrepDetailText is how much of a quote a detail line shows.
const discrepDetailText = 120

// discrepFind lists what the outlets disagree on: per quote group the
// speakers (mismatch or split) and the wording of direct quotes, then the
// roles of people.
func discrepFind(ctx *storyCtx, groups []*alignGroup) []model.Discrepancy {
	out := []model.Discrepancy{}
	for _, g := range groups {
		out = append(out, discrepSpeakers(ctx, g)...)
		if d, ok := discrepWording(ctx, g); ok {
			out = append(out, d)
		}
	}
	out = append(out, discrepRoles(ctx)...)
	return out
}

// discrepNames splits a speaker that names two people ("Dan Pike and Tomás
// Herrera") into its names; an organisation ("Procter and Gamble") stays
// whole.
func discrepNames(ctx *storyCtx, it *alignItem) []string {
	speaker := it.speaker
	if !it.person {
		return []string{speaker}
	}
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(speaker, " & ", " and "), " and ") {
		if p = ctx.names.canon(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// discrepSpeakers compares who each article gives a statement to. Articles
// whose speaker sets are disjoint disagree on the speaker; an article that
// gives it to two people beside one that gives it to only one of them
// splits it. Unresolved speakers ("she" left open, anonymous sources) take
// no part.
func discrepSpeakers(ctx *storyCtx, g *alignGroup) []model.Discrepancy {
	sets := map[int]map[string]bool{}
	var arts []int
	for _, it := range g.items {
		if it.speaker == "" {
			continue
		}
		if sets[it.art] == nil {
			sets[it.art] = map[string]bool{}
			arts = append(arts, it.art)
		}
		for _, n := range discrepNames(ctx, it) {
			sets[it.art][n] = true
		}
	}
	sort.Ints(arts)
	if len(arts) < 2 {
		return nil
	}
	text := storyShorten(discrepText(g), discrepDetailText)
	var out []model.Discrepancy

	// Splits: S_b strictly inside S_a.
	var splitArts []int
	detail := ""
	for _, a := range arts {
		sa := sets[a]
		if len(sa) < 2 {
			continue
		}
		for _, b := range arts {
			if sb := sets[b]; len(sb) < len(sa) && discrepSubset(sb, sa) {
				if detail == "" {
					detail = fmt.Sprintf("'%s' is given to %s in %s but only to %s in %s", text,
						storyJoin(discrepSorted(sets[a])), ctx.outlet(a), storyJoin(discrepSorted(sets[b])), ctx.outlet(b))
				}
				splitArts = append(splitArts, a, b)
			}
		}
	}
	if detail != "" {
		out = append(out, model.Discrepancy{Kind: model.DiscrepancySplit, Detail: detail, Articles: discrepIDs(ctx, splitArts)})
	}

	// Mismatch: two articles with no speaker in common.
	disjoint := false
pairs:
	for x, a := range arts {
		for _, b := range arts[x+1:] {
			if discrepDisjoint(sets[a], sets[b]) {
				disjoint = true
				break pairs
			}
		}
	}
	if !disjoint {
		return out
	}
	type who struct {
		name string
		arts []int
	}
	var ws []*who
	byName := map[string]*who{}
	for _, a := range arts {
		for _, n := range discrepSorted(sets[a]) {
			w := byName[n]
			if w == nil {
				w = &who{name: n}
				byName[n] = w
				ws = append(ws, w)
			}
			w.arts = append(w.arts, a)
		}
	}
	sort.SliceStable(ws, func(x, y int) bool { return len(ws[x].arts) > len(ws[y].arts) })
	var parts []string
	for _, w := range ws {
		outs := make([]string, 0, len(w.arts))
		for _, a := range w.arts {
			outs = append(outs, ctx.outlet(a))
		}
		parts = append(parts, fmt.Sprintf("%s's in %s", w.name, strings.Join(outs, ", ")))
	}
	d := fmt.Sprintf("'%s' is %s but %s", text, parts[0], storyJoin(parts[1:]))
	out = append(out, model.Discrepancy{Kind: model.DiscrepancySpeaker, Detail: d, Articles: discrepIDs(ctx, arts)})
	return out
}

// discrepText is the wording a detail quotes: the first direct quote of the
// group's speaker, else its first variant.
func discrepText(g *alignGroup) string {
	for _, it := range g.items {
		if it.kind == model.KindDirect && it.speaker == g.out.Speaker {
			return it.text
		}
	}
	for _, it := range g.items {
		if it.kind == model.KindDirect {
			return it.text
		}
	}
	return g.items[0].text
}

// discrepWording flags a group whose direct quotes differ in their words
// (not only punctuation or case). A quote that is a stretch of a longer
// one is a shortened quote, not a changed one; paraphrases and partial
// quotes are not compared, only full quotations.
func discrepWording(ctx *storyCtx, g *alignGroup) (model.Discrepancy, bool) {
	type form struct {
		norm, text string
		arts       []int
	}
	var forms []*form
	byNorm := map[string]*form{}
	var arts []int
	for _, it := range g.items {
		if it.kind != model.KindDirect || it.norm == "" {
			continue
		}
		f := byNorm[it.norm]
		if f == nil {
			f = &form{norm: it.norm, text: it.text}
			byNorm[it.norm] = f
			forms = append(forms, f)
		}
		f.arts = append(f.arts, it.art)
		arts = append(arts, it.art)
	}
	var kept []*form
	for _, f := range forms {
		inside := false
		for _, o := range forms {
			if o != f && len(o.norm) > len(f.norm) && strings.Contains(" "+o.norm+" ", " "+f.norm+" ") {
				inside = true
			}
		}
		if !inside {
			kept = append(kept, f)
		}
	}
	if len(kept) < 2 {
		return model.Discrepancy{}, false
	}
	sort.SliceStable(kept, func(x, y int) bool { return len(kept[x].arts) > len(kept[y].arts) })
	var parts []string
	for _, f := range kept {
		outs := make([]string, 0, len(f.arts))
		for _, a := range f.arts {
			outs = append(outs, ctx.outlet(a))
		}
		parts = append(parts, fmt.Sprintf("'%s' in %s", storyShorten(f.text, discrepDetailText), strings.Join(outs, ", ")))
	}
	who := "A quote"
	if g.out.Speaker != "" {
		who = g.out.Speaker + "'s quote"
	}
	return model.Discrepancy{
		Kind:     model.DiscrepancyWording,
		Detail:   fmt.Sprintf("%s reads %s", who, strings.Join(parts, "; ")),
		Articles: discrepIDs(ctx, arts),
	}, true
}

// discrepRoleSeen is one role given to a person in one article.
type discrepRoleSeen struct {
	role   string // as written
	base   string // folded words without "former"
	former bool
	art    int
}

// discrepRoles finds a person called by a title in one place and by the
// same title with "former" (or "ex-") in another, within an article or
// across the story: "Governor Elias Brandt" beside "Former Governor Elias
// Brandt". Roles come from the analysed people and the speaker roles of
// attributions; names are matched story-wide.
func discrepRoles(ctx *storyCtx) []model.Discrepancy {
	seen := map[string][]discrepRoleSeen{}
	addRole := func(name, role string, art int) {
		name = ctx.names.canon(name)
		if name == "" || strings.TrimSpace(role) == "" {
			return
		}
		base, former := discrepRoleBase(role)
		if base == "" {
			return
		}
		for _, s := range seen[name] {
			if s.art == art && s.base == base && s.former == former {
				return
			}
		}
		seen[name] = append(seen[name], discrepRoleSeen{role: strings.TrimSpace(role), base: base, former: former, art: art})
	}
	for i, a := range ctx.arts {
		for _, p := range a.People {
			for _, r := range p.Roles {
				addRole(p.Name, r, i)
			}
		}
		for _, at := range a.Attributions {
			if at.Speaker != "" && at.SpeakerRole != "" && at.SpeakerKind == model.SpeakerPerson {
				addRole(string(at.Speaker), at.SpeakerRole, i)
			}
		}
	}
	names := make([]string, 0, len(seen))
	for n := range seen {
		names = append(names, n)
	}
	sort.Strings(names)
	var out []model.Discrepancy
	for _, n := range names {
		obs := seen[n]
		var cur, past []discrepRoleSeen
		for _, a := range obs {
			for _, b := range obs {
				if a.former || !b.former || !discrepSameTitle(a.base, b.base) {
					continue
				}
				cur = discrepAddSeen(cur, a)
				past = discrepAddSeen(past, b)
			}
		}
		if len(cur) == 0 {
			continue
		}
		sort.SliceStable(cur, func(x, y int) bool { return cur[x].art < cur[y].art })
		sort.SliceStable(past, func(x, y int) bool { return past[x].art < past[y].art })
		var arts []int
		for _, s := range append(append([]discrepRoleSeen{}, cur...), past...) {
			arts = append(arts, s.art)
		}
		out = append(out, model.Discrepancy{
			Kind: model.DiscrepancyRole,
			Detail: fmt.Sprintf("%s is %s but %s", n,
				discrepRoleList(ctx, cur), discrepRoleList(ctx, past)),
			Articles: discrepIDs(ctx, arts),
		})
	}
	return out
}

func discrepAddSeen(list []discrepRoleSeen, s discrepRoleSeen) []discrepRoleSeen {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// discrepRoleList writes `"Governor" in Northern Courier` for each role
// wording, with the outlets that use it.
func discrepRoleList(ctx *storyCtx, list []discrepRoleSeen) string {
	var order []string
	outs := map[string][]string{}
	for _, s := range list {
		if _, ok := outs[s.role]; !ok {
			order = append(order, s.role)
		}
		outs[s.role] = append(outs[s.role], ctx.outlet(s.art))
	}
	parts := make([]string, 0, len(order))
	for _, r := range order {
		parts = append(parts, fmt.Sprintf("'%s' in %s", r, strings.Join(outs[r], ", ")))
	}
	return storyJoin(parts)
}

// discrepRoleBase folds a role and takes "former"/"ex-" off it.
func discrepRoleBase(role string) (string, bool) {
	former := false
	var words []string
	for _, w := range textnorm.Words(role) {
		switch {
		case w == "former" || w == "ex":
			former = true
			continue
		case strings.HasPrefix(w, "ex-") && len(w) > 3:
			former = true
			w = w[3:]
		case w == "the" || w == "a" || w == "an":
			continue
		}
		words = append(words, w)
	}
	return strings.Join(words, " "), former
}

// discrepSameTitle reports whether two role bases name one title: equal,
// or the words of one all in the other ("governor", "governor of halden").
func discrepSameTitle(a, b string) bool {
	return a == b || provSubset(a, b) || provSubset(b, a)
}

func discrepSubset(a, b map[string]bool) bool {
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

func discrepDisjoint(a, b map[string]bool) bool {
	for k := range a {
		if b[k] {
			return false
		}
	}
	return true
}

func discrepSorted(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// discrepIDs turns article positions into ids, in story order, once each.
func discrepIDs(ctx *storyCtx, arts []int) []string {
	sort.Ints(arts)
	var out []string
	for k, a := range arts {
		if k > 0 && arts[k-1] == a {
			continue
		}
		out = append(out, ctx.arts[a].ID)
	}
	return out
}
