package main

import (
	"fmt"
	"strings"
)

func (t *attrText) str(s AttrSpan) string {
	var parts []string
	for _, p := range t.norm(s) {
		parts = append(parts, string(t.runes[p.Start:p.End]))
	}
	return strings.Join(parts, " | ")
}

// debugDoc prints gold and predicted spans of one kind that did not match exactly.
func debugDoc(text string, gold, pred []AttrRel, kind int) {
	t := newAttrText(text)
	get := func(r AttrRel) AttrSpan {
		switch kind {
		case 0:
			return r.Source
		case 1:
			return r.Cue
		}
		return r.Content
	}
	gs := map[string]bool{}
	ps := map[string]bool{}
	for _, r := range gold {
		gs[t.str(get(r))] = true
	}
	for _, r := range pred {
		ps[t.str(get(r))] = true
	}
	for _, r := range gold {
		if s := t.str(get(r)); !ps[s] && s != "" {
			fmt.Printf("  MISS %q\n", s)
		}
	}
	for _, r := range pred {
		if s := t.str(get(r)); !gs[s] && s != "" {
			fmt.Printf("  FP   %q\n", s)
		}
	}
}

// boundaryStats counts, over content pairs that overlap but differ, how
// the predicted start and end sit against gold.
func boundaryStats(text string, gold, pred []AttrRel, st map[string]int) {
	t := newAttrText(text)
	var g, p []AttrSpan
	for _, r := range gold {
		g = append(g, r.Content)
	}
	for _, r := range pred {
		p = append(p, r.Content)
	}
	_, over := t.matchSpans(g, p)
	for gi, pi := range over {
		gn, pn := t.norm(g[gi]), t.norm(p[pi])
		if len(gn) == 0 || len(pn) == 0 {
			continue
		}
		gs, ge := gn[0].Start, gn[len(gn)-1].End
		ps, pe := pn[0].Start, pn[len(pn)-1].End
		key := func(a, b int) string {
			switch {
			case a == b:
				return "="
			case a < b:
				return "<"
			}
			return ">"
		}
		st["start"+key(ps, gs)+" end"+key(pe, ge)]++
		if len(gn) != len(pn) {
			st["pieces differ"]++
		}
	}
}

// speakerErrors prints quoted gold relations whose paired prediction has
// the wrong speaker.
func speakerErrors(text string, gold, pred []AttrRel) {
	t := newAttrText(text)
	var g, p []AttrSpan
	for _, r := range gold {
		g = append(g, r.Content)
	}
	for _, r := range pred {
		p = append(p, r.Content)
	}
	_, over := t.matchSpans(g, p)
	for gi, pi := range over {
		if !t.hasQuote(gold[gi].Content) || t.speakerRight(gold[gi], pred[pi]) {
			continue
		}
		c := t.str(gold[gi].Content)
		if len(c) > 60 {
			c = c[:60]
		}
		fmt.Printf("  gold src %q cue %q | pred src %q cue %q spk %q | %q\n", t.str(gold[gi].Source), t.str(gold[gi].Cue), t.str(pred[pi].Source), t.str(pred[pi].Cue), pred[pi].Speaker, c)
	}
}
