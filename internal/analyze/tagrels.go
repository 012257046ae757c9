package analyze

import "strings"

// tspan is a tagged span: label lBS, lBC or lBT; tokens [a,b).
type tspan struct {
	lab  uint8
	a, b int
	used bool
}

// spansOf reads spans off BIO labels.
func (d *doc) spansOf(lab []uint8) []tspan {
	var out []tspan
	for i := 0; i < len(lab); {
		l := lab[i]
		if l == lO {
			i++
			continue
		}
		B := l
		if l == lIS || l == lIC || l == lIT {
			B = l - 1
		}
		j := i + 1
		for j < len(lab) && lab[j] == B+1 && !d.toks[j].para {
			j++
		}
		if !d.onlyPunct(i, j) || B == lBC {
			out = append(out, tspan{lab: B, a: i, b: j})
		}
		i = j
	}
	return out
}

func gapTo(a, b tspan) int {
	if a.b <= b.a {
		return b.a - a.b
	}
	if b.b <= a.a {
		return a.a - b.b
	}
	return 0
}

// tagRelations rebuilds the relations from the tagger's spans: each cue
// takes the nearest free source and content spans in its unit (content
// from the unit before or after when its own has none; a second content
// piece on the other side of the cue makes a split relation). Rule
// relations for bare quote paragraphs are kept where the tagger has no
// content.
func (d *doc) tagRelations(lab []uint8) {
	spans := d.spansOf(lab)
	rules := d.rels
	d.rels = nil
	byUnit := map[int32][]int{}
	for si, s := range spans {
		u := d.unitOf[s.a]
		byUnit[u] = append(byUnit[u], si)
	}
	nearest := func(c tspan, u int32, lab uint8, limit int) int {
		best, bg := -1, limit
		for _, si := range byUnit[u] {
			s := spans[si]
			if s.lab != lab || s.used {
				continue
			}
			if g := gapTo(c, s); g < bg {
				best, bg = si, g
			}
		}
		return best
	}
	for si := range spans {
		c := spans[si]
		if c.lab != lBC {
			continue
		}
		u := d.unitOf[c.a]
		if len(byUnit[u]) > 64 {
			byUnit[u] = byUnit[u][:64] // bound the search on pathological units
		}
		src := noSrc
		if s := nearest(c, u, lBS, 1<<30); s >= 0 {
			spans[s].used = true
			src = [2]int{spans[s].a, spans[s].b}
		}
		clause := c
		if src[0] >= 0 {
			clause.a, clause.b = min(c.a, src[0]), max(c.b, src[1])
		}
		t := nearest(clause, u, lBT, 1<<30)
		if t < 0 && u > 0 {
			t = nearest(clause, u-1, lBT, 1<<30)
		}
		if t < 0 && int(u)+1 < len(d.units) {
			t = nearest(clause, u+1, lBT, 1<<30)
		}
		if t < 0 {
			continue
		}
		spans[t].used = true
		parts := [][2]int{{spans[t].a, spans[t].b}}
		// The other side of the clause: "A," he said, "B."
		if t2 := nearest(clause, u, lBT, 4); t2 >= 0 && (spans[t2].a > clause.a) != (spans[t].a > clause.a) {
			spans[t2].used = true
			p2 := [2]int{spans[t2].a, spans[t2].b}
			if p2[0] < parts[0][0] {
				parts = [][2]int{p2, parts[0]}
			} else {
				parts = append(parts, p2)
			}
		}
		w := strings.ToLower(d.word(c.a))
		r := rel{parts: parts, cue: [2]int{c.a, c.b}, src: src, clause: [2]int{clause.a, clause.b}, unit: int(u),
			inherit: src[0] < 0, reported: w == "according" || strings.HasPrefix(w, "cit")}
		r.kind = d.kindOf(&r)
		if r.reported && r.kind == "indirect" {
			r.kind = "reported"
		}
		d.rels = append(d.rels, r)
	}
	for _, rr := range rules {
		if rr.cue[0] != rr.cue[1] {
			continue
		}
		p := rr.parts[0]
		free := true
		for k := p[0]; k < p[1] && free; k++ {
			if lab[k] != lO {
				free = false
			}
		}
		if free {
			d.rels = append(d.rels, rr)
		}
	}
	// Keep text order, which speaker inheritance relies on.
	sortRels(d.rels)
}

func sortRels(rs []rel) {
	// Insertion sort: nearly sorted already.
	for i := 1; i < len(rs); i++ {
		for j := i; j > 0 && rs[j].clause[0] < rs[j-1].clause[0]; j-- {
			rs[j], rs[j-1] = rs[j-1], rs[j]
		}
	}
}
