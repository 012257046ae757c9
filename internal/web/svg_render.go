package web

import (
	"html/template"
	"strconv"
	"strings"
)

// The charts are written here rather than in the template: a big story
// has hundreds of nodes and rows, and a template action per attribute
// made them most of the page's cost. Every piece of article data goes
// through esc (the escaper html/template uses for text and quoted
// attributes); everything else is our own numbers and class names.

var esc = template.HTMLEscapeString

type svgWriter struct{ strings.Builder }

func (w *svgWriter) s(parts ...string) {
	for _, p := range parts {
		w.WriteString(p)
	}
}

// a writes the numeric attribute ` name="v"`.
func (w *svgWriter) a(name string, v int) {
	w.s(" ", name, `="`, strconv.Itoa(v), `"`)
}

// HTML is the provenance graph as inline SVG.
func (g graphSVG) HTML() template.HTML {
	var w svgWriter
	w.s(`<svg class="graph" role="img" aria-label="Provenance graph" xmlns="http://www.w3.org/2000/svg"`)
	w.a("width", g.Width)
	w.a("height", g.Height)
	w.s(` viewBox="0 0 `, strconv.Itoa(g.Width), " ", strconv.Itoa(g.Height), `">`)
	w.s(`<defs><marker id="arrow" viewBox="0 0 10 10" refX="2" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrowhead"/></marker></defs>`)
	for _, l := range g.Layers {
		w.s(`<text class="layer"`)
		w.a("x", l.X)
		w.s(` y="14">`, esc(l.Label), `</text>`)
	}
	for _, e := range g.Edges {
		w.s(`<path class="edge `, esc(e.Class), `" d="`, esc(e.D), `" marker-end="url(#arrow)"/>`)
	}
	for _, n := range g.Nodes {
		if n.Href != "" {
			w.s(`<a href="`, esc(n.Href), `">`)
		}
		w.s(`<g class="node `, esc(n.Class), `"><title>`, esc(n.Title), `</title><rect`)
		w.a("x", n.X)
		w.a("y", n.Y)
		w.a("width", n.W)
		w.a("height", n.H)
		w.s(` rx="5"/><text class="label"`)
		w.a("x", n.TextX)
		w.a("y", n.TextY)
		w.s(`>`, esc(n.Label), `</text>`)
		if n.Sub != "" {
			w.s(`<text class="sub"`)
			w.a("x", n.TextX)
			w.a("y", n.TextY+14)
			w.s(`>`, esc(n.Sub), `</text>`)
		}
		w.s(`</g>`)
		if n.Href != "" {
			w.s(`</a>`)
		}
	}
	w.s(`</svg>`)
	return template.HTML(w.String())
}

// HTML is the timeline as inline SVG.
func (t timelineSVG) HTML() template.HTML {
	var w svgWriter
	cls := "timeline"
	if t.Dense {
		cls += " dense"
	}
	w.s(`<svg class="`, cls, `" role="img" aria-label="Publication timeline" xmlns="http://www.w3.org/2000/svg"`)
	w.a("width", t.Width)
	w.a("height", t.Height)
	w.s(` viewBox="0 0 `, strconv.Itoa(t.Width), " ", strconv.Itoa(t.Height), `">`)
	for _, k := range t.Ticks {
		w.s(`<line class="tick"`)
		w.a("x1", k.X)
		w.a("x2", k.X)
		w.s(` y1="8"`)
		w.a("y2", t.AxisY)
		w.s(`/><text class="ticklabel"`)
		w.a("x", k.X)
		w.a("y", t.AxisY+18)
		w.s(`>`, esc(k.Label), `</text>`)
	}
	w.s(`<line class="axis"`)
	w.a("x1", t.X0)
	w.a("x2", t.X1)
	w.a("y1", t.AxisY)
	w.a("y2", t.AxisY)
	w.s(`/>`)
	for _, r := range t.Rows {
		rc := "trow"
		if r.Copy {
			rc += " copy"
		}
		w.s(`<a href="`, esc(r.Href), `"><g class="`, rc, `"><title>`, esc(r.Title), `</title><text class="outlet"`)
		w.a("x", t.LabelX)
		w.a("y", r.LabelY)
		w.s(`>`, esc(r.Outlet), `</text><line class="guide"`)
		w.a("x1", t.X0)
		w.a("x2", r.X)
		w.a("y1", r.Y)
		w.a("y2", r.Y)
		w.s(`/><circle`)
		w.a("cx", r.X)
		w.a("cy", r.Y)
		w.s(` r="5"/><text class="delaylabel"`)
		w.a("x", r.DelayX)
		w.a("y", r.LabelY)
		w.s(` text-anchor="`, esc(r.DelayAnchor), `">`, esc(r.Delay), `</text></g></a>`)
	}
	w.s(`</svg>`)
	return template.HTML(w.String())
}
