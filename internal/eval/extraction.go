// Package eval measures crosswire's stages against gold data.
package eval

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/crosswire-news/crosswire/internal/extract"
)

// ExtractionScore is one extractor's figures on the extraction benchmark.
type ExtractionScore struct {
	Name      string  `json:"name"`
	Version   string  `json:"version,omitempty"`
	F1        float64 `json:"f1"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	Accuracy  float64 `json:"accuracy"` // share of pages whose tokens match the gold exactly
}

// ExtractionResult holds crosswire's score and every peer's, scored alike.
type ExtractionResult struct {
	Pages     int             `json:"pages"`
	Failed    int             `json:"failed"` // pages HTML() returned an error for (scored as empty)
	Crosswire ExtractionScore `json:"crosswire"`
	// CrosswireRaw is extract.HTML with Options.Raw (no Clean): how much
	// the boilerplate rules change the figures. The gold keeps some lines
	// crosswire drops by design (embedded social posts, copyright lines).
	CrosswireRaw ExtractionScore   `json:"crosswire_raw"`
	Peers        []ExtractionScore `json:"peers"`
	// Output is crosswire's text per page id, in evaluate.py's layout
	// ({id: {"articleBody": ...}}), so the figures can be cross-checked.
	Output map[string]map[string]string `json:"-"`
}

type goldPage struct {
	ArticleBody string `json:"articleBody"`
	URL         string `json:"url"`
}

// Extraction runs extract.HTML over DIR/html/<id>.html.gz, scores the
// output against DIR/ground-truth.json with the metric of DIR/evaluate.py,
// scores every DIR/peer-output/*.json the same way and prints a table to w.
func Extraction(dir string, w io.Writer) (ExtractionResult, error) {
	var res ExtractionResult
	gold := map[string]goldPage{}
	if err := readJSON(filepath.Join(dir, "ground-truth.json"), &gold); err != nil {
		return res, err
	}
	ids := make([]string, 0, len(gold))
	for id := range gold {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	res.Pages = len(ids)

	out := make([]string, len(ids))
	raw := make([]string, len(ids))
	errs := make([]error, len(ids))
	// A small pool: extraction is CPU-bound and the machine is shared.
	workers := min(2, runtime.NumCPU())
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i], raw[i], errs[i] = extractPage(dir, ids[i], gold[ids[i]].URL)
			}
		}()
	}
	for i := range ids {
		next <- i
	}
	close(next)
	wg.Wait()

	res.Output = make(map[string]map[string]string, len(ids))
	pred := make(map[string]string, len(ids))
	predRaw := make(map[string]string, len(ids))
	for i, id := range ids {
		predRaw[id] = raw[i]
		if errs[i] != nil {
			res.Failed++
			fmt.Fprintf(os.Stderr, "crosswire: eval extraction: %v\n", errs[i])
		}
		pred[id] = out[i]
		res.Output[id] = map[string]string{"articleBody": out[i]}
	}
	goldText := make(map[string]string, len(ids))
	for id, g := range gold {
		goldText[id] = g.ArticleBody
	}
	res.Crosswire = ScoreExtraction(goldText, pred)
	res.Crosswire.Name = "crosswire"
	res.CrosswireRaw = ScoreExtraction(goldText, predRaw)
	res.CrosswireRaw.Name = "crosswire --raw (no Clean)"

	peers, _ := filepath.Glob(filepath.Join(dir, "peer-output", "*.json"))
	sort.Strings(peers)
	for _, p := range peers {
		pp, version, err := loadPrediction(p)
		if err != nil {
			return res, err
		}
		if !sameKeys(goldText, pp) {
			return res, fmt.Errorf("%s: prediction keys do not match ground truth", p)
		}
		s := ScoreExtraction(goldText, pp)
		s.Name = strings.TrimSuffix(filepath.Base(p), ".json")
		s.Version = version
		res.Peers = append(res.Peers, s)
	}
	printExtraction(w, res)
	return res, nil
}

// extractPage returns the page's text as crosswire extracts it, and as
// it does with Options.Raw.
func extractPage(dir, id, url string) (text, raw string, err error) {
	path := filepath.Join(dir, "html", id+".html.gz")
	f, err := os.Open(path)
	if err != nil {
		return "", "", err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return "", "", fmt.Errorf("%s: %v", path, err)
	}
	page, err := io.ReadAll(zr)
	if err != nil {
		return "", "", fmt.Errorf("%s: %v", path, err)
	}
	a, err := extract.HTML(path, page, url, extract.Options{})
	if err != nil {
		return "", "", err
	}
	r, err := extract.HTML(path, page, url, extract.Options{Raw: true})
	if err != nil {
		return "", "", err
	}
	return a.Text, r.Text, nil
}

func printExtraction(w io.Writer, r ExtractionResult) {
	fmt.Fprintf(w, "extraction: %d pages (%d failed), metric of evaluate.py (4-word shingles)\n\n", r.Pages, r.Failed)
	fmt.Fprintf(w, "%-26s %-8s %6s %9s %7s %8s\n", "extractor", "version", "F1", "precision", "recall", "accuracy")
	row := func(s ExtractionScore) {
		fmt.Fprintf(w, "%-26s %-8s %6.3f %9.3f %7.3f %8.3f\n", s.Name, s.Version, s.F1, s.Precision, s.Recall, s.Accuracy)
	}
	row(r.Crosswire)
	row(r.CrosswireRaw)
	for _, p := range r.Peers {
		row(p)
	}
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	return nil
}

// loadPrediction reads a peer file: either {id: {"articleBody": ...}} or
// {"version": ..., "output": {id: ...}}, as evaluate.py accepts.
func loadPrediction(path string) (map[string]string, string, error) {
	var raw map[string]json.RawMessage
	if err := readJSON(path, &raw); err != nil {
		return nil, "", err
	}
	version := ""
	if _, ok := raw["output"]; ok && len(raw) == 2 {
		if v, ok := raw["version"]; ok {
			var inner map[string]json.RawMessage
			if json.Unmarshal(raw["output"], &inner) == nil {
				var vs any
				_ = json.Unmarshal(v, &vs)
				if vs != nil {
					version = fmt.Sprint(vs)
				}
				raw = inner
			}
		}
	}
	out := make(map[string]string, len(raw))
	for id, m := range raw {
		var page struct {
			ArticleBody *string `json:"articleBody"`
		}
		if err := json.Unmarshal(m, &page); err != nil {
			return nil, "", fmt.Errorf("%s: %s: %v", path, id, err)
		}
		if page.ArticleBody != nil {
			out[id] = *page.ArticleBody
		} else {
			out[id] = ""
		}
	}
	return out, version, nil
}

func sameKeys(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if _, ok := b[k]; !ok {
			return false
		}
	}
	return true
}

// ScoreExtraction scores predicted texts against gold texts, page by page,
// exactly as evaluate.py does: 4-word shingle TP/FP/FN normalised per page,
// precision averaged over pages that predicted something, recall over pages
// whose gold has something, F1 from the two averages. A page missing from
// pred counts as empty.
func ScoreExtraction(gold, pred map[string]string) ExtractionScore {
	ids := make([]string, 0, len(gold))
	for id := range gold {
		ids = append(ids, id)
	}
	sort.Strings(ids) // fixed order so float sums are reproducible
	var pSum, rSum, accSum float64
	var pN, rN int
	for _, id := range ids {
		tp, fp, fn := shingleMatch(gold[id], pred[id])
		if tp+fp > 0 {
			pSum += precisionScore(tp, fp, fn)
			pN++
		}
		if tp+fn > 0 {
			rSum += recallScore(tp, fp, fn)
			rN++
		}
		if equalTokens(evalTokens(gold[id]), evalTokens(pred[id])) {
			accSum++
		}
	}
	var s ExtractionScore
	if pN > 0 {
		s.Precision = pSum / float64(pN)
	}
	if rN > 0 {
		s.Recall = rSum / float64(rN)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	if len(ids) > 0 {
		s.Accuracy = accSum / float64(len(ids))
	}
	return s
}

func precisionScore(tp, fp, fn float64) float64 {
	if fp == 0 && fn == 0 {
		return 1
	}
	if tp == 0 && fp == 0 {
		return 0
	}
	return tp / (tp + fp)
}

func recallScore(tp, fp, fn float64) float64 {
	if fp == 0 && fn == 0 {
		return 1
	}
	if tp == 0 && fn == 0 {
		return 0
	}
	return tp / (tp + fn)
}

// shingleMatch is evaluate.py's string_shingle_matching with n=4.
func shingleMatch(gold, pred string) (tp, fp, fn float64) {
	g, p := shingles(gold), shingles(pred)
	for k, gc := range g {
		pc := p[k]
		tp += float64(min(gc, pc))
		fn += float64(max(0, gc-pc))
	}
	for k, pc := range p {
		fp += float64(max(0, pc-g[k]))
	}
	if s := tp + fp + fn; s > 0 {
		tp, fp, fn = tp/s, fp/s, fn/s
	}
	return tp, fp, fn
}

// shingles counts the 4-token windows of s; a text of 1-3 tokens is one
// short shingle and an empty text has none, as in evaluate.py's _ngrams.
func shingles(s string) map[string]int {
	toks := evalTokens(s)
	const n = 4
	out := map[string]int{}
	for i := 0; i < max(1, len(toks)-n+1); i++ {
		end := min(i+n, len(toks))
		if i >= end {
			break
		}
		out[strings.Join(toks[i:end], "\x00")]++
	}
	return out
}

// evalTokens mirrors evaluate.py's re.findall(r'\w+', text). This is the
// benchmark's own tokenisation, not crosswire's (textnorm), on purpose: the
// figures must be comparable with the published ones. Python's \w is a
// Unicode letter or number or "_"; combining marks split words.
func evalTokens(s string) []string {
	var out []string
	start := -1
	for i, r := range s {
		w := r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r)
		if r == utf8.RuneError {
			w = false
		}
		if w && start < 0 {
			start = i
		} else if !w && start >= 0 {
			out = append(out, s[start:i])
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

func equalTokens(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
