package eval

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"
	"time"

	"github.com/crosswire-news/crosswire/internal/link"
	"github.com/crosswire-news/crosswire/internal/model"
	"github.com/crosswire-news/crosswire/internal/pipeline"
	"github.com/crosswire-news/crosswire/internal/store"
)

// StoryDoc is one line of a story clustering gold file
// (../shared/data/stories/*.jsonl).
type StoryDoc struct {
	DocID     string  `json:"doc_id"`
	ClusterID string  `json:"cluster_id"`
	Title     string  `json:"title"`
	Text      string  `json:"text"`
	Date      *string `json:"date"`
	Source    *string `json:"source"`
	URL       *string `json:"url"`
}

// StoriesResult is the clustering score on one gold file.
type StoriesResult struct {
	File        string  `json:"file"`
	Articles    int     `json:"articles"`
	GoldStories int     `json:"gold_stories"`
	Stories     int     `json:"stories"`
	Duplicates  int     `json:"duplicates"`        // articles linked as exact copies
	Missing     int     `json:"missing,omitempty"` // gold documents not in the store (StoredStories)
	Copies      int     `json:"copies"`            // articles linked as near-duplicates
	BCubed      BCubed  `json:"bcubed"`
	Singletons  BCubed  `json:"singletons"` // baseline: every article its own story
	Seconds     float64 `json:"seconds"`
	// AnalyzeSeconds is the analysis that precedes linking, timed apart.
	AnalyzeSeconds float64 `json:"analyze_seconds"`
	// Assign holds the linker's decision per article, in processing order.
	Assign []link.Assignment `json:"-"`
	Gold   []string          `json:"-"` // gold cluster per article, same order
	Docs   []StoryDoc        `json:"-"` // the documents, same order
}

// ReadStoryDocs reads a story gold file.
func ReadStoryDocs(path string) ([]StoryDoc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var docs []StoryDoc
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	line := 0
	for sc.Scan() {
		line++
		if len(sc.Bytes()) == 0 {
			continue
		}
		var d StoryDoc
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			return nil, fmt.Errorf("%s:%d: %v", path, line, err)
		}
		docs = append(docs, d)
	}
	return docs, sc.Err()
}

func strOr(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// storyArticles turns gold documents into articles and puts both in the
// order the pipeline links in (model.SortByOrderTime: by date, undated
// last, input order among equals).
func storyArticles(docs []StoryDoc) ([]StoryDoc, []*model.Article) {
	arts := make([]*model.Article, len(docs))
	doc := make(map[*model.Article]StoryDoc, len(docs))
	for i, d := range docs {
		arts[i] = &model.Article{ID: d.DocID, Outlet: strOr(d.Source), URL: strOr(d.URL), Title: d.Title, Text: d.Text, Published: strOr(d.Date)}
		doc[arts[i]] = d
	}
	model.SortByOrderTime(arts)
	sorted := make([]StoryDoc, len(arts))
	for i, a := range arts {
		sorted[i] = doc[a]
	}
	return sorted, arts
}

// Stories clusters a gold file with the linker, in date order, and scores
// it with BCubed against the gold clusters.
func Stories(path string, cfg link.Config) (StoriesResult, error) {
	docs, err := ReadStoryDocs(path)
	if err != nil {
		return StoriesResult{}, err
	}
	res := StoriesFromDocs(docs, cfg)
	res.File = path
	return res, nil
}

// StoriesFromDocs is Stories over documents already read.
func StoriesFromDocs(docs []StoryDoc, cfg link.Config) StoriesResult {
	docs, arts := storyArticles(docs)
	res := StoriesResult{Articles: len(docs), Docs: docs}
	// Analyse first, as the pipeline does: linking uses the analyzer's
	// canonical people and organisations.
	t0 := time.Now()
	pipeline.AnalyzeAll(arts, runtime.GOMAXPROCS(0))
	res.AnalyzeSeconds = time.Since(t0).Seconds()
	l := link.NewLinker(cfg)
	start := time.Now()
	res.Assign, _ = l.AddAll(arts)
	res.Seconds = time.Since(start).Seconds()
	placed := make([]placement, len(res.Assign))
	for i, as := range res.Assign {
		placed[i] = placement{as.StoryID, as.DuplicateOf != "", as.CopyOf != ""}
	}
	res.score(docs, placed)
	return res
}

// placement is where an article ended up: its story, and whether it was
// linked as an exact or a near copy.
type placement struct {
	story     string
	dup, copy bool
}

// score fills in the counts and the BCubed figures from each document's
// placement (same order).
func (r *StoriesResult) score(docs []StoryDoc, placed []placement) {
	pred := make([]string, len(docs))
	r.Gold = make([]string, len(docs))
	singles := make([]string, len(docs))
	goldSet, predSet := map[string]bool{}, map[string]bool{}
	for i, d := range docs {
		pred[i], r.Gold[i], singles[i] = placed[i].story, d.ClusterID, d.DocID
		goldSet[d.ClusterID], predSet[placed[i].story] = true, true
		if placed[i].dup {
			r.Duplicates++
		}
		if placed[i].copy {
			r.Copies++
		}
	}
	r.Articles, r.GoldStories, r.Stories = len(docs), len(goldSet), len(predSet)
	r.BCubed = ScoreBCubed(pred, r.Gold)
	r.Singletons = ScoreBCubed(singles, r.Gold)
}

// Stored is what StoredStories reads: a store's articles with the story
// each is in.
type Stored interface {
	EachArticle(ctx context.Context, since string, fn func(*store.StoredArticle) error) error
}

// StoredStories scores the stories a store holds for a gold file's
// documents (stored under their doc_id, as crosswire ingest FILE stores
// them): what a service that took the coverage in several runs, restarts
// and folds included, ended up with. Documents the store lacks are left
// out of the score and counted in Missing.
func StoredStories(ctx context.Context, path string, st Stored) (StoriesResult, error) {
	docs, err := ReadStoryDocs(path)
	if err != nil {
		return StoriesResult{}, err
	}
	held := map[string]store.Membership{}
	err = st.EachArticle(ctx, "", func(a *store.StoredArticle) error {
		held[a.ID] = a.Membership
		return nil
	})
	if err != nil {
		return StoriesResult{}, err
	}
	res := StoriesResult{File: path}
	var found []StoryDoc
	var placed []placement
	for _, d := range docs {
		m, ok := held[d.DocID]
		if !ok {
			res.Missing++
			continue
		}
		found = append(found, d)
		placed = append(placed, placement{m.StoryID, m.DuplicateOf != "", m.CopyOf != ""})
	}
	res.score(found, placed)
	return res, nil
}

// Print writes the result as a small table.
func (r StoriesResult) Print(w io.Writer) {
	fmt.Fprintf(w, "file        %s\n", r.File)
	fmt.Fprintf(w, "articles    %d (%d exact duplicates, %d near-duplicates linked)\n", r.Articles, r.Duplicates, r.Copies)
	if r.Missing > 0 {
		fmt.Fprintf(w, "missing     %d gold documents not in the store, left out\n", r.Missing)
	}
	fmt.Fprintf(w, "stories     %d found, %d gold\n", r.Stories, r.GoldStories)
	fmt.Fprintf(w, "%-11s %9s %9s %9s\n", "BCubed", "precision", "recall", "F1")
	fmt.Fprintf(w, "%-11s %9.4f %9.4f %9.4f\n", "linker", r.BCubed.Precision, r.BCubed.Recall, r.BCubed.F1)
	fmt.Fprintf(w, "%-11s %9.4f %9.4f %9.4f\n", "singletons", r.Singletons.Precision, r.Singletons.Recall, r.Singletons.F1)
	if r.Seconds == 0 {
		return // scored from a store: nothing was linked here
	}
	fmt.Fprintf(w, "time        linking %.2fs (%.0f articles/s), after analysis %.2fs\n", r.Seconds, float64(r.Articles)/max(r.Seconds, 1e-9), r.AnalyzeSeconds)
}
