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

func (w *svgWriter) n(i int) { w.WriteString(strconv.Itoa(i)) }

// HTML is the provenance graph as inline SVG.
func (g graphSVG) HTML() template.HTML {
	var w svgWriter
	w.s(`<svg class="graph" role="img" aria-label="Provenance graph" xmlns="http://www.w3.org/2000/svg" width="`)
	w.n(g.Width)
	w.s(`" height="`)
	w.n(g.Height)
	w.s(`" viewBox="0 0 `)
	w.n(g.Width)
	w.s(" ")
	w.n(g.Height)
	w.s(`"><defs><marker id="arrow" viewBox="0 0 10 10" refX="2" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrowhead"/></marker></defs>`)
	for _, l := range g.Layers {
		w.s(`<text class="layer" x="`)
		w.n(l.X)
		w.s(`" y="14">`, esc(l.Label), `</text>`)
	}
	for _, e := range g.Edges {
		w.s(`<path class="edge `, esc(e.Class), `" d="`, esc(e.D), `" marker-end="url(#arrow)"/>`)
	}
	for _, n := range g.Nodes {
		if n.Href != "" {
			w.s(`<a href="`, esc(n.Href), `">`)
		}
		w.s(`<g class="node `, esc(n.Class), `"><title>`, esc(n.Title), `</title><rect x="`)
		w.n(n.X)
		w.s(`" y="`)
		w.n(n.Y)
		w.s(`" width="`)
		w.n(n.W)
		w.s(`" height="`)
		w.n(n.H)
		w.s(`" rx="5"/><text class="label" x="`)
		w.n(n.TextX)
		w.s(`" y="`)
		w.n(n.TextY)
		w.s(`">`, esc(n.Label), `</text>`)
		if n.Sub != "" {
			w.s(`<text class="sub" x="`)
			w.n(n.TextX)
			w.s(`" y="`)
			w.n(n.TextY + 14)
			w.s(`">`, esc(n.Sub), `</text>`)
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
	w.s(`<svg class="`, cls, `" role="img" aria-label="Publication timeline" xmlns="http://www.w3.org/2000/svg" width="`)
	w.n(t.Width)
	w.s(`" height="`)
	w.n(t.Height)
	w.s(`" viewBox="0 0 `)
	w.n(t.Width)
	w.s(" ")
	w.n(t.Height)
	w.s(`">`)
	for _, k := range t.Ticks {
		w.s(`<line class="tick" x1="`)
		w.n(k.X)
		w.s(`" x2="`)
		w.n(k.X)
		w.s(`" y1="8" y2="`)
		w.n(t.AxisY)
		w.s(`"/><text class="ticklabel" x="`)
		w.n(k.X)
		w.s(`" y="`)
		w.n(t.AxisY + 18)
		w.s(`">`, esc(k.Label), `</text>`)
	}
	w.s(`<line class="axis" x1="`)
	w.n(t.X0)
	w.s(`" x2="`)
	w.n(t.X1)
	w.s(`" y1="`)
	w.n(t.AxisY)
	w.s(`" y2="`)
	w.n(t.AxisY)
	w.s(`"/>`)
	for _, r := range t.Rows {
		rc := "trow"
		if r.Copy {
			rc += " copy"
		}
		w.s(`<a href="`, esc(r.Href), `"><g class="`, rc, `"><title>`, esc(r.Title), `</title><text class="outlet" x="`)
		w.n(t.LabelX)
		w.s(`" y="`)
		w.n(r.LabelY)
		w.s(`">`, esc(r.Outlet), `</text><line class="guide" x1="`)
		w.n(t.X0)
		w.s(`" x2="`)
		w.n(r.X)
		w.s(`" y1="`)
		w.n(r.Y)
		w.s(`" y2="`)
		w.n(r.Y)
		w.s(`"/><circle cx="`)
		w.n(r.X)
		w.s(`" cy="`)
		w.n(r.Y)
		w.s(`" r="5"/><text class="delaylabel" x="`)
		w.n(r.DelayX)
		w.s(`" y="`)
		w.n(r.LabelY)
		w.s(`" text-anchor="`, esc(r.DelayAnchor), `">`, esc(r.Delay), `</text></g></a>`)
	}
	w.s(`</svg>`)
	return template.HTML(w.String())
}
