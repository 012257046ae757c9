package web

import (
	"fmt"
	"net/url"
	"strconv"

	"github.com/crosswire-news/crosswire/internal/model"
)

// The provenance graph and the timeline are laid out here and drawn as
// inline SVG by the story template, so html/template escapes every label
// and the page needs no script to show them.

type graphSVG struct {
	Width, Height int
	Layers        []graphLayer
	Nodes         []graphNode
	Edges         []graphEdge
}

type graphLayer struct {
	X     int
	Label string
}

type graphNode struct {
	X, Y, W, H   int
	TextX, TextY int
	Label, Sub   string
	Title        string
	Href         string // "" for origins
	Class        string // origin | article | copy
}

type graphEdge struct {
	D     string
	Class string // cite | copy
}

const (
	nodeW   = 196
	nodeH   = 36
	colGap  = 84
	rowStep = 46
	graphT  = 28 // room for the layer headings
)

func buildGraph(s *model.Story, arts []model.StoryArticle, outletOf func(string) string) graphSVG {
	inStory := map[string]int{}
	for i, a := range arts {
		inStory[a.ID] = i
	}
	// depth: 1 for an article that copies nothing in the story, one more
	// than its original for a copy. Bounded so a cycle cannot loop.
	depth := make([]int, len(arts))
	var depthOf func(i, guard int) int
	depthOf = func(i, guard int) int {
		if depth[i] > 0 {
			return depth[i]
		}
		d := 1
		if j, ok := inStory[arts[i].CopyOf]; ok && arts[i].CopyOf != "" && j != i && guard < len(arts) {
			d = depthOf(j, guard+1) + 1
		}
		depth[i] = d
		return d
	}
	maxDepth := 1
	for i := range arts {
		if d := depthOf(i, 0); d > maxDepth {
			maxDepth = d
		}
	}
	first := 1 // column of depth-1 articles
	if len(s.Origins) == 0 {
		first = 0
	}
	cols := make([][]int, maxDepth+first) // node indexes per column
	var g graphSVG
	colX := func(c int) int { return 8 + c*(nodeW+colGap) }
	pos := map[string]int{} // node key -> node index

	for _, o := range s.Origins {
		n := graphNode{Label: truncate(24, o.Source), Title: o.Source, Class: "origin",
			Sub: fmt.Sprintf("cited by %s", plural(len(o.CitedBy), "article"))}
		pos["o:"+o.Source] = len(g.Nodes)
		cols[0] = append(cols[0], len(g.Nodes))
		g.Nodes = append(g.Nodes, n)
	}
	for d := 1; d <= maxDepth; d++ {
		for i, a := range arts {
			if depth[i] != d {
				continue
			}
			cls := "article"
			if d > 1 {
				cls = "copy"
			}
			n := graphNode{Label: truncate(24, outletOf(a.ID)), Title: a.Title, Class: cls,
				Href: "/article/" + url.PathEscape(a.ID), Sub: delayOf(a)}
			pos["a:"+a.ID] = len(g.Nodes)
			c := d - 1 + first
			cols[c] = append(cols[c], len(g.Nodes))
			g.Nodes = append(g.Nodes, n)
		}
	}
	rows := 0
	for _, col := range cols {
		rows = max(rows, len(col))
	}
	// Big stories get one-line nodes so the graph stays a screen or two.
	step, h := rowStep, nodeH
	if rows > 16 {
		step, h = 26, 22
	}
	for c, col := range cols {
		for r, ni := range col {
			n := &g.Nodes[ni]
			n.X, n.Y, n.W, n.H = colX(c), graphT+r*step, nodeW, h
			n.TextX, n.TextY = n.X+10, n.Y+15
			if h < nodeH {
				n.Sub = ""
			}
		}
	}
	for c := range cols {
		l := "Copies of copies"
		switch d := c - first + 1; {
		case d == 0:
			l = "Origins"
		case d == 1:
			l = "Reports"
		case d == 2:
			l = "Copies"
		}
		g.Layers = append(g.Layers, graphLayer{X: colX(c), Label: l})
	}
	edge := func(from, to int, cls string) {
		a, b := g.Nodes[from], g.Nodes[to]
		x1, y1 := a.X+a.W, a.Y+a.H/2
		x2, y2 := b.X, b.Y+b.H/2
		dx := (x2 - x1) / 2
		g.Edges = append(g.Edges, graphEdge{Class: cls, D: "M" + itoa(x1) + "," + itoa(y1) +
			" C" + itoa(x1+dx) + "," + itoa(y1) + " " + itoa(x2-dx) + "," + itoa(y2) + " " + itoa(x2-6) + "," + itoa(y2)})
	}
	for _, o := range s.Origins {
		for _, id := range o.CitedBy {
			if to, ok := pos["a:"+id]; ok {
				edge(pos["o:"+o.Source], to, "cite")
			}
		}
	}
	for _, a := range arts {
		if a.CopyOf == "" {
			continue
		}
		from, ok1 := pos["a:"+a.CopyOf]
		to, ok2 := pos["a:"+a.ID]
		if ok1 && ok2 && from != to {
			edge(from, to, "copy")
		}
	}
	g.Width = colX(len(cols)) - colGap + 8
	g.Height = graphT + max(rows, 1)*step
	return g
}

type timelineSVG struct {
	Width, Height  int
	X0, X1, AxisY  int
	LabelX         int
	Rows           []timelineRow
	Ticks          []timelineTick
	Undated        []model.StoryArticle
	FirstPublished string
	Dense          bool
}

type timelineRow struct {
	Y, X           int
	LineY          int
	Outlet, Delay  string
	Title, Href    string
	DelayX         int
	DelayAnchor    string
	Copy           bool
	FirstOfOutlet  bool
	LabelY         int
	DelaySeconds   int64
	PublishedLabel string
}

type timelineTick struct {
	X     int
	Label string
}

// Tick steps the axis may use, in seconds: the first one giving at most six
// ticks wins.
var tickSteps = []int64{60, 300, 900, 1800, 3600, 2 * 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86400, 2 * 86400, 7 * 86400, 30 * 86400, 365 * 86400}

func buildTimeline(arts []model.StoryArticle) timelineSVG {
	t := timelineSVG{Width: 920, LabelX: 176, X0: 188, X1: 860}
	var span int64
	var dated []model.StoryArticle
	for _, a := range arts {
		if a.DelaySeconds < 0 {
			t.Undated = append(t.Undated, a)
			continue
		}
		dated = append(dated, a)
		if a.DelaySeconds > span {
			span = a.DelaySeconds
		}
	}
	step := tickSteps[len(tickSteps)-1]
	for _, s := range tickSteps {
		if span/s <= 6 {
			step = s
			break
		}
	}
	// The axis ends on a whole step so the last tick sits at the edge.
	end := ((span + step - 1) / step) * step
	if end == 0 {
		end = step
	}
	x := func(sec int64) int { return t.X0 + int(float64(t.X1-t.X0)*float64(sec)/float64(end)) }
	// Dozens of articles get tighter rows so the chart stays readable.
	rowH := 24
	if len(dated) > 30 {
		rowH, t.Dense = 15, true
	}
	for i, a := range dated {
		r := timelineRow{Y: 24 + i*rowH, Outlet: truncate(26, a.Outlet), Title: a.Title, Href: "/article/" + url.PathEscape(a.ID),
			Delay: delayOf(a), Copy: a.CopyOf != "", DelaySeconds: a.DelaySeconds}
		r.X = x(a.DelaySeconds)
		r.LineY = r.Y
		r.LabelY = r.Y + 4
		r.DelayX, r.DelayAnchor = r.X+9, "start"
		if r.X > t.X1-90 {
			r.DelayX, r.DelayAnchor = r.X-9, "end"
		}
		t.Rows = append(t.Rows, r)
	}
	t.AxisY = 24 + len(dated)*rowH
	for s := int64(0); s <= end; s += step {
		l := tickLabel(s)
		t.Ticks = append(t.Ticks, timelineTick{X: x(s), Label: l})
	}
	t.Height = t.AxisY + 30
	return t
}

func itoa(i int) string { return strconv.Itoa(i) }

// tickLabel is a short axis label: "+2h", "+1h 30m", "+3d".
func tickLabel(sec int64) string {
	switch {
	case sec == 0:
		return "0"
	case sec%86400 == 0:
		return "+" + itoa(int(sec/86400)) + "d"
	case sec%3600 == 0:
		return "+" + itoa(int(sec/3600)) + "h"
	case sec < 3600:
		return "+" + itoa(int(sec/60)) + "m"
	}
	return formatDelay(sec)
}
