package web

import (
	"fmt"
	"html/template"
	"sort"
	"strings"

	"github.com/crosswire-news/crosswire/internal/link"
	"github.com/crosswire-news/crosswire/internal/model"
)

// storyView is everything the story page shows, computed once per request
// from the stored story alone (one store read keeps the page fast).
type storyView struct {
	Story         *model.Story
	Articles      []articleCard
	Outlets       []string // column order of the quote and claim tables
	Quotes        []quoteRow
	Claims        []claimRow
	UniqueClaims  int
	Discrepancies []discView
	Misattributed int
	Graph         graphSVG
	Timeline      timelineSVG
}

type articleCard struct {
	model.StoryArticle
	CopyOfOutlet string
	CopyOfTitle  string
	Relays       []string // origins this article cites
	// Joined says in words how the article came into the story; when
	// JoinedCopy, the link to the article it repeats (CopyOf) follows.
	Joined     string
	JoinedCopy bool
}

type quoteRow struct {
	Speaker       string
	Identical     bool
	Cells         [][]variantView // one list per outlet column
	Outlets       int
	Misattributed bool
	// Wordings are the distinct renderings (text and speaker) with the
	// outlets that carry each: the compact view for stories with too many
	// outlets for one column each.
	Wordings []wording
}

type wording struct {
	variantView
	Articles []articleRef
}

type variantView struct {
	model.Variant
	First         bool
	Diff          []diffPiece
	Changed       bool // wording differs from the group's first variant
	Misattributed bool
}

type claimRow struct {
	Text    string
	Cells   []bool
	Outlets int
	Unique  bool
	// CellsHTML is the row's cells, built from constant markup only (no
	// article data): a big story has thousands of cells, and one action per
	// row instead of per cell keeps the page fast.
	CellsHTML template.HTML
}

type discView struct {
	Kind     string
	Label    string
	Detail   string
	Articles []articleRef
}

type articleRef struct {
	ID, Outlet string
}

// joinLabels put the linker's rule for placing an article (link.Via,
// StoryArticle.JoinedBy) in a reader's words. duplicate and copy are
// followed by the article they repeat, score by the score.
var joinLabels = map[link.Via]string{
	link.ViaNew:          "started the story",
	link.ViaDuplicate:    "same text as",
	link.ViaCopy:         "copy of",
	link.ViaIncidentName: "named the same incident person",
	link.ViaScore:        "similar coverage",
	link.ViaIncidentDay:  "same incident day",
	link.ViaNamedPerson:  "named the same person",
	link.ViaFolded:       "moved in from a smaller story",
}

// joinNote is the "how it joined" line of an article card.
func joinNote(a model.StoryArticle) (text string, withCopy bool) {
	via := link.Via(a.JoinedBy)
	switch {
	case via == "" && a.CopyOf != "":
		// Stored before joins were kept, but a copy is always placed by
		// the text it repeats.
		return joinLabels[link.ViaCopy], true
	case via == "":
		return "how it joined: unknown", false
	case via == link.ViaScore || via == link.ViaFolded:
		return fmt.Sprintf("%s (score %.2f)", joinLabels[via], a.JoinScore), false
	case via == link.ViaDuplicate || via == link.ViaCopy:
		if a.CopyOf == "" {
			return joinLabels[via] + " an earlier article", false
		}
		return joinLabels[via], true
	}
	if l, ok := joinLabels[via]; ok {
		return l, false
	}
	return a.JoinedBy, false // a rule newer than this page
}

var discLabels = map[string]string{
	model.DiscrepancySpeaker: "Speaker mismatch",
	model.DiscrepancySplit:   "Speaker split",
	model.DiscrepancyRole:    "Role conflict",
	model.DiscrepancyWording: "Wording changed",
}

func buildStoryView(s *model.Story) *storyView {
	v := &storyView{Story: s}
	byID := make(map[string]*model.StoryArticle, len(s.Articles))
	for i := range s.Articles {
		byID[s.Articles[i].ID] = &s.Articles[i]
	}
	outletOf := func(id string) string {
		if a := byID[id]; a != nil && a.Outlet != "" {
			return a.Outlet
		}
		return id
	}

	cites := map[string][]string{}
	for _, o := range s.Origins {
		for _, id := range o.CitedBy {
			cites[id] = append(cites[id], o.Source)
		}
	}
	arts := append([]model.StoryArticle(nil), s.Articles...)
	sort.SliceStable(arts, func(i, j int) bool { return delayKey(arts[i]) < delayKey(arts[j]) })
	col := map[string]int{}
	for _, a := range arts {
		c := articleCard{StoryArticle: a, Relays: cites[a.ID]}
		c.Joined, c.JoinedCopy = joinNote(a)
		if a.CopyOf != "" {
			c.CopyOfOutlet = outletOf(a.CopyOf)
			if o := byID[a.CopyOf]; o != nil {
				c.CopyOfTitle = o.Title
			}
		}
		v.Articles = append(v.Articles, c)
		o := outletOf(a.ID)
		if _, ok := col[o]; !ok {
			col[o] = len(v.Outlets)
			v.Outlets = append(v.Outlets, o)
		}
	}
	colOf := func(articleID, outlet string) int {
		o := outlet
		if o == "" {
			o = outletOf(articleID)
		}
		c, ok := col[o]
		if !ok { // a variant from an article not listed in the story
			c = len(v.Outlets)
			col[o] = c
			v.Outlets = append(v.Outlets, o)
		}
		return c
	}

	var pending []map[int][]variantView
	for _, g := range s.QuoteGroups {
		row := quoteRow{Speaker: g.Speaker, Identical: g.Identical}
		cells := map[int][]variantView{}
		wordingOf := map[string]int{}
		diffs := map[string][]diffPiece{}
		for i, vr := range g.Variants {
			vv := variantView{Variant: vr, First: i == 0}
			if vv.Outlet == "" {
				vv.Outlet = outletOf(vr.Article)
			}
			if i > 0 {
				// Outlets often share a wording: diff each distinct text once.
				d, ok := diffs[vr.Text]
				if !ok {
					d = wordDiff(g.Variants[0].Text, vr.Text)
					diffs[vr.Text] = d
				}
				vv.Diff = d
				for _, p := range vv.Diff {
					if p.Op != "=" {
						vv.Changed = true
						break
					}
				}
			}
			if vr.Speaker != "" && g.Speaker != "" && vr.Speaker != g.Speaker {
				vv.Misattributed = true
				row.Misattributed = true
			}
			c := colOf(vr.Article, vv.Outlet)
			cells[c] = append(cells[c], vv)
			key := norm(vr.Text) + "\x00" + vr.Speaker
			wi, ok := wordingOf[key]
			if !ok {
				wi = len(row.Wordings)
				wordingOf[key] = wi
				row.Wordings = append(row.Wordings, wording{variantView: vv})
			}
			row.Wordings[wi].Articles = append(row.Wordings[wi].Articles, articleRef{ID: vr.Article, Outlet: vv.Outlet})
		}
		row.Outlets = len(cells)
		if row.Misattributed {
			v.Misattributed++
		}
		v.Quotes = append(v.Quotes, row)
		// Cells are laid out below, once every column is known.
		pending = append(pending, cells)
	}
	for i, cells := range pending {
		row := make([][]variantView, len(v.Outlets))
		for c, vs := range cells {
			row[c] = vs
		}
		v.Quotes[i].Cells = row
	}

	for _, c := range s.Claims {
		row := claimRow{Text: c.Text, Cells: make([]bool, len(v.Outlets))}
		for _, id := range c.Articles {
			ci := colOf(id, "")
			if ci >= len(row.Cells) {
				row.Cells = append(row.Cells, make([]bool, ci+1-len(row.Cells))...)
			}
			if !row.Cells[ci] {
				row.Cells[ci] = true
				row.Outlets++
			}
		}
		row.Unique = row.Outlets == 1 && len(v.Outlets) > 1
		if row.Unique {
			v.UniqueClaims++
		}
		v.Claims = append(v.Claims, row)
	}
	// A claim may have added a column; keep every row the same width.
	for i := range v.Claims {
		for len(v.Claims[i].Cells) < len(v.Outlets) {
			v.Claims[i].Cells = append(v.Claims[i].Cells, false)
		}
		var b strings.Builder
		for _, yes := range v.Claims[i].Cells {
			if yes {
				b.WriteString(`<td class="cell yes">●</td>`)
			} else {
				b.WriteString(`<td class="cell no">·</td>`)
			}
		}
		v.Claims[i].CellsHTML = template.HTML(b.String())
	}
	for i := range v.Quotes {
		for len(v.Quotes[i].Cells) < len(v.Outlets) {
			v.Quotes[i].Cells = append(v.Quotes[i].Cells, nil)
		}
	}

	for _, d := range s.Discrepancies {
		dv := discView{Kind: d.Kind, Label: discLabels[d.Kind], Detail: d.Detail}
		if dv.Label == "" {
			dv.Label = d.Kind
		}
		for _, id := range d.Articles {
			dv.Articles = append(dv.Articles, articleRef{ID: id, Outlet: outletOf(id)})
		}
		v.Discrepancies = append(v.Discrepancies, dv)
	}
	v.Graph = buildGraph(s, arts, outletOf)
	v.Timeline = buildTimeline(arts)
	return v
}

// delayKey orders articles by time after the first report, undated last.
func delayKey(a model.StoryArticle) int64 {
	if a.DelaySeconds < 0 {
		return 1 << 62
	}
	return a.DelaySeconds
}
