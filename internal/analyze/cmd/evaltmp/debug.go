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
