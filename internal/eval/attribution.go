package eval

// Attribution scoring on PolNeAR-style BRAT standoff files.
//
// Gold: DIR/SPLIT/text/NAME.txt and the first (sorted) DIR/SPLIT/
// attributions/NAME_*.ann. Every E line is a relation with Source, Cue and
// Content roles (Content2 and the like count as more content); relations
// that share one cue span are merged into one (a split quote). Labels
// Discuss and Discard are skipped. Offsets are Unicode code points.
//
// Predicted byte offsets are converted to code points. A multi-piece span
// is its pieces in offset order. Two spans match:
//   - EXACT when, after trimming white space, punctuation and quote marks
//     at each piece's edges (and dropping pieces left empty), they have the
//     same pieces;
//   - OVERLAP when they share word tokens (textnorm.Tokens over the text)
//     numbering at least half the tokens of the longer span.
// Matching is one-to-one per article and per span kind (source, cue,
// content), greedy: exact pairs first, then for OVERLAP the remaining
// pairs by decreasing shared tokens. Precision = matched / predicted,
// recall = matched / gold, micro-averaged over articles.
//
// Speaker accuracy is measured on gold relations whose content holds a
// double quote mark. A gold quoted relation is "found" when a predicted
// content is paired with its content by the OVERLAP matching; its speaker
// is correct when the paired prediction's source span overlaps the gold
// source span (OVERLAP rule), or the prediction's resolved speaker name
// shares a word with the gold source text ("Okafor" in "Grace Okafor"), or
// neither has a source. Reported: accuracy over found quoted relations
// (speaker attribution quality) and over all gold quoted relations
// (which also pays for quotes not found).

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crosswire-news/crosswire/internal/analyze"
	"github.com/crosswire-news/crosswire/internal/model"
	"github.com/crosswire-news/crosswire/internal/textnorm"
)

// AttrPiece is a half-open code-point range.
type AttrPiece struct{ Start, End int }

// AttrSpan is a possibly discontinuous span: pieces in offset order.
type AttrSpan []AttrPiece

// AttrRel is one relation, gold or predicted.
type AttrRel struct {
	Source, Cue, Content AttrSpan
	Speaker              string // predicted resolved speaker, "" for gold
}

// AttrDoc is one annotated article.
type AttrDoc struct {
	Name string
	Text string
	Gold []AttrRel
}

// LoadAttribution reads DIR/SPLIT; limit > 0 keeps the first limit
// articles in name order.
func LoadAttribution(dir, split string, limit int) ([]AttrDoc, error) {
	textDir := filepath.Join(dir, split, "text")
	annDir := filepath.Join(dir, split, "attributions")
	names, err := filepath.Glob(filepath.Join(textDir, "*.txt"))
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("no texts in %s", textDir)
	}
	anns, err := filepath.Glob(filepath.Join(annDir, "*.ann"))
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	sort.Strings(anns)
	var docs []AttrDoc
	for _, tp := range names {
		name := strings.TrimSuffix(filepath.Base(tp), ".txt")
		ann := ""
		for _, a := range anns {
			if strings.HasPrefix(filepath.Base(a), name+"_") {
				ann = a
				break
			}
		}
		if ann == "" {
			continue
		}
		tb, err := os.ReadFile(tp)
		if err != nil {
			return nil, err
		}
		ab, err := os.ReadFile(ann)
		if err != nil {
			return nil, err
		}
		docs = append(docs, AttrDoc{Name: name, Text: string(tb), Gold: ParseAttrAnn(string(ab))})
		if limit > 0 && len(docs) >= limit {
			break
		}
	}
	return docs, nil
}

// ParseAttrAnn reads the relations of a BRAT .ann file.
func ParseAttrAnn(ann string) []AttrRel {
	spans := map[string]AttrSpan{}
	labels := map[string]string{}
	var events [][]string
	for _, line := range strings.Split(ann, "\n") {
		f := strings.Split(strings.TrimRight(line, "\r"), "\t")
		if len(f) < 2 || f[0] == "" {
			continue
		}
		switch f[0][0] {
		case 'T':
			sp := strings.SplitN(f[1], " ", 2)
			if len(sp) < 2 {
				continue
			}
			labels[f[0]] = sp[0]
			var s AttrSpan
			for _, r := range strings.Split(sp[1], ";") {
				se := strings.Fields(r)
				if len(se) != 2 {
					continue
				}
				a, e1 := strconv.Atoi(se[0])
				b, e2 := strconv.Atoi(se[1])
				if e1 == nil && e2 == nil && b > a {
					s = append(s, AttrPiece{a, b})
				}
			}
			sort.Slice(s, func(i, j int) bool { return s[i].Start < s[j].Start })
			spans[f[0]] = s
		case 'E':
			events = append(events, strings.Fields(f[1]))
		}
	}
	var rels []AttrRel
	byCue := map[string]int{}
	for _, ev := range events {
		var r AttrRel
		skip := false
		for _, arg := range ev {
			role, id, ok := strings.Cut(arg, ":")
			if !ok {
				continue
			}
			if l := labels[id]; l == "Discuss" || l == "Discard" {
				skip = true
			}
			switch {
			case strings.HasPrefix(role, "Source"):
				r.Source = append(r.Source, spans[id]...)
			case strings.HasPrefix(role, "Cue"):
				r.Cue = append(r.Cue, spans[id]...)
			case strings.HasPrefix(role, "Content"):
				r.Content = append(r.Content, spans[id]...)
			}
		}
		if skip || (len(r.Cue) == 0 && len(r.Content) == 0) {
			continue
		}
		sortSpan(r.Source)
		sortSpan(r.Content)
		sortSpan(r.Cue)
		key := spanKey(r.Cue)
		if i, ok := byCue[key]; ok && key != "" {
			rels[i].Source = mergeSpan(rels[i].Source, r.Source)
			rels[i].Content = mergeSpan(rels[i].Content, r.Content)
			continue
		}
		byCue[key] = len(rels)
		rels = append(rels, r)
	}
	return rels
}

func sortSpan(s AttrSpan) {
	sort.Slice(s, func(i, j int) bool { return s[i].Start < s[j].Start })
}

func mergeSpan(a, b AttrSpan) AttrSpan {
	seen := map[AttrPiece]bool{}
	var out AttrSpan
	for _, p := range append(append(AttrSpan{}, a...), b...) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	sortSpan(out)
	return out
}

func spanKey(s AttrSpan) string {
	var b strings.Builder
	for _, p := range s {
		fmt.Fprintf(&b, "%d-%d;", p.Start, p.End)
	}
	return b.String()
}

// AttrFromArticle converts an analysed article's relations to code-point
// spans of text.
func AttrFromArticle(text string, atts []model.Attribution) []AttrRel {
	cp := make([]int, len(text)+1) // byte offset -> code-point offset
	n := 0
	for i := range text {
		for k := i; k < len(text) && (k == i || !utf8.RuneStart(text[k])); k++ {
			cp[k] = n
		}
		n++
	}
	cp[len(text)] = n
	conv := func(s model.Span) AttrSpan {
		if s.End <= s.Start || s.Start < 0 || s.End > len(text) {
			return nil
		}
		return AttrSpan{{cp[s.Start], cp[s.End]}}
	}
	var out []AttrRel
	for _, a := range atts {
		r := AttrRel{Cue: conv(a.Cue), Speaker: string(a.Speaker)}
		if a.Source != nil {
			r.Source = conv(*a.Source)
		}
		if len(a.ContentParts) > 0 {
			for _, p := range a.ContentParts {
				r.Content = append(r.Content, conv(p)...)
			}
			sortSpan(r.Content)
		} else {
			r.Content = conv(a.Content)
		}
		out = append(out, r)
	}
	return out
}

// AttrPRF is precision, recall and F1 with the counts behind them.
type AttrPRF struct {
	Matched, Pred, Gold int
}

func (s AttrPRF) P() float64 { return ratio(s.Matched, s.Pred) }
func (s AttrPRF) R() float64 { return ratio(s.Matched, s.Gold) }
func (s AttrPRF) F1() float64 {
	p, r := s.P(), s.R()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// AttrScores is the whole report.
type AttrScores struct {
	Docs                                 int
	ExactSource, ExactCue, ExactContent  AttrPRF
	OverSource, OverCue, OverContent     AttrPRF
	QuotedGold, QuotedFound, QuotedRight int
}

// SpeakerAccuracyFound is the share of found quoted relations with the
// right speaker.
func (s AttrScores) SpeakerAccuracyFound() float64 { return ratio(s.QuotedRight, s.QuotedFound) }

// SpeakerAccuracyAll is the share of all gold quoted relations found with
// the right speaker.
func (s AttrScores) SpeakerAccuracyAll() float64 { return ratio(s.QuotedRight, s.QuotedGold) }

// attrText holds what span comparison needs about one text.
type attrText struct {
	runes []rune
	tokOf []int32 // code point -> word token index+1 (0: not in a word)
}

func newAttrText(text string) *attrText {
	t := &attrText{runes: []rune(text)}
	t.tokOf = make([]int32, len(t.runes)+1)
	// textnorm.Tokens gives byte offsets; walk them in step with runes.
	toks := textnorm.Tokens(text)
	cp, bi := 0, 0
	for ti, tk := range toks {
		for bi < tk.Start {
			_, sz := utf8.DecodeRuneInString(text[bi:])
			bi += sz
			cp++
		}
		for bi < tk.End {
			_, sz := utf8.DecodeRuneInString(text[bi:])
			bi += sz
			t.tokOf[cp] = int32(ti + 1)
			cp++
		}
	}
	return t
}

func isAttrEdge(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) || r == '\u00a0'
}

// norm trims each piece's edges and drops empty pieces.
func (t *attrText) norm(s AttrSpan) AttrSpan {
	var out AttrSpan
	for _, p := range s {
		a, b := p.Start, p.End
		if a < 0 {
			a = 0
		}
		if b > len(t.runes) {
			b = len(t.runes)
		}
		for a < b && isAttrEdge(t.runes[a]) {
			a++
		}
		for b > a && isAttrEdge(t.runes[b-1]) {
			b--
		}
		if b > a {
			out = append(out, AttrPiece{a, b})
		}
	}
	return out
}

// tokens lists the word tokens a span covers (any overlap).
func (t *attrText) tokens(s AttrSpan) map[int32]bool {
	m := map[int32]bool{}
	for _, p := range s {
		for k := p.Start; k < p.End && k < len(t.runes); k++ {
			if id := t.tokOf[k]; id != 0 {
				m[id] = true
			}
		}
	}
	return m
}

func sharedTokens(a, b map[int32]bool) int {
	n := 0
	for k := range a {
		if b[k] {
			n++
		}
	}
	return n
}

// overlapOK is the OVERLAP rule: shared tokens >= half the longer span.
func overlapOK(shared, la, lb int) bool {
	l := la
	if lb > l {
		l = lb
	}
	return l > 0 && 2*shared >= l
}

// matchSpans pairs gold and predicted spans one-to-one; it returns the
// EXACT count, and for OVERLAP the pairing gold index -> pred index.
func (t *attrText) matchSpans(gold, pred []AttrSpan) (exact int, over map[int]int) {
	gn := make([]AttrSpan, len(gold))
	pn := make([]AttrSpan, len(pred))
	for i, g := range gold {
		gn[i] = t.norm(g)
	}
	for i, p := range pred {
		pn[i] = t.norm(p)
	}
	used := map[int]bool{}
	for i := range gn {
		for j := range pn {
			if !used[j] && len(gn[i]) > 0 && spanKey(gn[i]) == spanKey(pn[j]) {
				used[j] = true
				exact++
				break
			}
		}
	}
	gt := make([]map[int32]bool, len(gold))
	pt := make([]map[int32]bool, len(pred))
	for i := range gold {
		gt[i] = t.tokens(gn[i])
	}
	for j := range pred {
		pt[j] = t.tokens(pn[j])
	}
	type pair struct{ g, p, shared int }
	var pairs []pair
	for i := range gold {
		for j := range pred {
			s := sharedTokens(gt[i], pt[j])
			if s > 0 && overlapOK(s, len(gt[i]), len(pt[j])) {
				pairs = append(pairs, pair{i, j, s})
			}
		}
	}
	sort.SliceStable(pairs, func(a, b int) bool { return pairs[a].shared > pairs[b].shared })
	over = map[int]int{}
	usedP := map[int]bool{}
	for _, pr := range pairs {
		if _, ok := over[pr.g]; ok || usedP[pr.p] {
			continue
		}
		over[pr.g] = pr.p
		usedP[pr.p] = true
	}
	return exact, over
}

// ScoreAttrDoc adds one article's comparison to s.
func (s *AttrScores) ScoreAttrDoc(text string, gold, pred []AttrRel) {
	t := newAttrText(text)
	s.Docs++
	collect := func(rs []AttrRel, f func(AttrRel) AttrSpan) ([]AttrSpan, []int) {
		var out []AttrSpan
		var idx []int
		seen := map[string]bool{}
		for i, r := range rs {
			sp := f(r)
			if len(t.norm(sp)) == 0 {
				continue
			}
			k := spanKey(sp)
			if seen[k] {
				continue
			}
			seen[k] = true
			out = append(out, sp)
			idx = append(idx, i)
		}
		return out, idx
	}
	var contentOver map[int]int
	var gcIdx, pcIdx []int
	for kind, f := range []func(AttrRel) AttrSpan{
		func(r AttrRel) AttrSpan { return r.Source },
		func(r AttrRel) AttrSpan { return r.Cue },
		func(r AttrRel) AttrSpan { return r.Content },
	} {
		g, gi := collect(gold, f)
		p, pi := collect(pred, f)
		ex, ov := t.matchSpans(g, p)
		e := AttrPRF{ex, len(p), len(g)}
		o := AttrPRF{len(ov), len(p), len(g)}
		switch kind {
		case 0:
			s.ExactSource.add(e)
			s.OverSource.add(o)
		case 1:
			s.ExactCue.add(e)
			s.OverCue.add(o)
		case 2:
			s.ExactContent.add(e)
			s.OverContent.add(o)
			contentOver, gcIdx, pcIdx = ov, gi, pi
		}
	}
	for gk, gr := range gcIdx {
		g := gold[gr]
		if !t.hasQuote(g.Content) {
			continue
		}
		s.QuotedGold++
		pk, ok := contentOver[gk]
		if !ok {
			continue
		}
		s.QuotedFound++
		if t.speakerRight(g, pred[pcIdx[pk]]) {
			s.QuotedRight++
		}
	}
}

func (a *AttrPRF) add(b AttrPRF) {
	a.Matched += b.Matched
	a.Pred += b.Pred
	a.Gold += b.Gold
}

func (t *attrText) hasQuote(s AttrSpan) bool {
	for _, p := range s {
		for k := p.Start; k < p.End && k < len(t.runes); k++ {
			switch t.runes[k] {
			case '"', '“', '”', '„', '«', '»':
				return true
			}
		}
	}
	return false
}

func (t *attrText) speakerRight(g, p AttrRel) bool {
	gs, ps := t.norm(g.Source), t.norm(p.Source)
	if len(gs) == 0 {
		return len(ps) == 0
	}
	gt, pt := t.tokens(gs), t.tokens(ps)
	if sh := sharedTokens(gt, pt); sh > 0 && overlapOK(sh, len(gt), len(pt)) {
		return true
	}
	if p.Speaker != "" {
		var gw []string
		for _, pc := range gs {
			gw = append(gw, textnorm.Words(string(t.runes[pc.Start:pc.End]))...)
		}
		for _, w := range textnorm.Words(p.Speaker) {
			for _, x := range gw {
				if w == x && !textnorm.IsStopword(w) {
					return true
				}
			}
		}
	}
	return false
}

// Format writes the report as aligned text.
func (s AttrScores) Format() string {
	var b strings.Builder
	fmt.Fprintf(&b, "articles: %d\n", s.Docs)
	fmt.Fprintf(&b, "%-8s %-8s %7s %7s %7s   %6s %6s %6s\n", "match", "span", "P", "R", "F1", "hit", "pred", "gold")
	row := func(m, k string, x AttrPRF) {
		fmt.Fprintf(&b, "%-8s %-8s %7.3f %7.3f %7.3f   %6d %6d %6d\n", m, k, x.P(), x.R(), x.F1(), x.Matched, x.Pred, x.Gold)
	}
	row("exact", "source", s.ExactSource)
	row("exact", "cue", s.ExactCue)
	row("exact", "content", s.ExactContent)
	row("overlap", "source", s.OverSource)
	row("overlap", "cue", s.OverCue)
	row("overlap", "content", s.OverContent)
	fmt.Fprintf(&b, "speaker accuracy on quoted content: %.3f of found (%d/%d); %.3f of all gold quoted (%d/%d)\n",
		s.SpeakerAccuracyFound(), s.QuotedRight, s.QuotedFound, s.SpeakerAccuracyAll(), s.QuotedRight, s.QuotedGold)
	return b.String()
}

// EvalAttribution analyses every article of DIR/SPLIT in raw mode (the
// text verbatim) and scores it against the gold relations.
func EvalAttribution(dir, split string, limit int) (AttrScores, error) {
	return EvalAttributionRange(dir, split, 0, limit)
}

// EvalAttributionRange scores articles skip..limit-1 (in name order) of
// DIR/SPLIT: with the trainer's -limit N, skip N scores the held-out rest
// of train.
func EvalAttributionRange(dir, split string, skip, limit int) (AttrScores, error) {
	docs, err := LoadAttribution(dir, split, limit)
	if err != nil {
		return AttrScores{}, err
	}
	docs = docs[min(max(skip, 0), len(docs)):]
	var s AttrScores
	for _, d := range docs {
		a := &model.Article{Text: d.Text}
		analyze.Article(a)
		s.ScoreAttrDoc(d.Text, d.Gold, AttrFromArticle(d.Text, a.Attributions))
	}
	return s, nil
}
