// Package pipeline runs articles through the stages in order — extract,
// analyze, link, store — for the CLI, the feed watcher and the web's ingest
// endpoint. It owns no logic of its own beyond ordering, batching and
// bookkeeping; each stage's knowledge lives in that stage's package.
package pipeline

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"time"

	"github.com/crosswire-news/crosswire/internal/analyze"
	"github.com/crosswire-news/crosswire/internal/link"
	"github.com/crosswire-news/crosswire/internal/model"
	"github.com/crosswire-news/crosswire/internal/store"
)

// Store is what the pipeline needs from persistence; *store.DB provides it
// and a PostgreSQL store can too.
type Store interface {
	Save(ctx context.Context, arts []store.Pending, stories []*model.Story) ([]bool, error)
	HasArticle(ctx context.Context, id string) (bool, error)
	StoryMembers(ctx context.Context, storyID string) ([]store.StoredArticle, error)
	StorySizes(ctx context.Context, storyIDs []string) (map[string]int, error)
	LinkState(ctx context.Context, name string) ([]byte, error)
	SaveLinkState(ctx context.Context, name string, data []byte) error
	EachArticle(ctx context.Context, since string, fn func(*store.StoredArticle) error) error
	EachLinkNames(ctx context.Context, from, to time.Time, fn func(id, storyID, published string, names []byte) error) error
	Article(ctx context.Context, id string) (*store.StoredArticle, error)
	Newest(ctx context.Context) (time.Time, bool, error)
	Fold(ctx context.Context, f store.Fold, into *model.Story) error
}

// Pipeline links and stores articles. Its methods are safe for concurrent
// use; linking is serialised because the linker is the one piece of state.
type Pipeline struct {
	st        Store
	cfg       link.Config
	mu        sync.Mutex
	linker    *link.Linker
	BatchSize int // articles per transaction; a crash loses at most one batch
	// StateEvery is how many stored articles go by between saves of the
	// linker's document frequencies during a run (a table of up to
	// MaxDF keys: about 1 MB for GVA's 6,335 articles, tens of MB at the
	// cap), besides the one Close makes. A run killed in between leaves a
	// stale table, which the next start ignores.
	StateEvery int
	Workers    int // analysis goroutines

	// folds the linker made that the store has not yet taken (kept
	// across a failed commit and tried again with the next).
	folds []link.Fold
	// dfUnsaved counts the articles stored since the document
	// frequencies were last saved (saveDF).
	dfUnsaved int

	timeMu  sync.Mutex
	timings Timings
}

// Timings is the wall time spent in each stage so far, for benchmarks.
type Timings struct {
	Analyze, Link, Store time.Duration
}

// Timings returns the time spent in each stage since the pipeline opened.
func (p *Pipeline) Timings() Timings {
	p.timeMu.Lock()
	defer p.timeMu.Unlock()
	return p.timings
}

func (p *Pipeline) spent(stage *time.Duration, d time.Duration) {
	p.timeMu.Lock()
	*stage += d
	p.timeMu.Unlock()
}

// New rebuilds the linker from what st already holds (articles within two
// clustering windows of the newest one, and the incident names of those
// within the name window) so that new coverage joins stored stories.
func New(ctx context.Context, st Store, cfg link.Config) (*Pipeline, error) {
	p := &Pipeline{st: st, cfg: cfg, linker: link.NewLinker(cfg), BatchSize: 64, StateEvery: 10000, Workers: runtime.GOMAXPROCS(0)}
	// Only what the linker can still use is read back: articles within two
	// windows of the newest one (the linker ages out older ones anyway),
	// and the undated, which never age out; older ones within the name
	// window give back only their incident names, which is what lets a
	// late follow-up reopen their story.
	lc := p.linker.Config() // defaults filled in
	// The document frequencies the last run ended with, unless articles
	// were stored after it saved them (then those of the restored
	// articles are counted instead, as before they were kept).
	if df, err := st.LinkState(ctx, dfState); err != nil {
		return nil, fmt.Errorf("rebuilding link state: %w", err)
	} else if df != nil {
		p.linker.RestoreDF(df)
	}
	since, full := "", time.Time{}
	if newest, ok, err := st.Newest(ctx); err != nil {
		return nil, fmt.Errorf("rebuilding link state: %w", err)
	} else if ok {
		full = newest.Add(-2 * lc.Window)
		from := newest.Add(-max(lc.NameWindow, 2*lc.Window))
		// The names come from what was saved with each article, up to a
		// day before full: a bare date sorts at the end of its day
		// (OrderTime), so older rows are older than full in that order
		// too. Articles saved without names are read again, after.
		cut := full.Add(-24 * time.Hour)
		if cut.Before(from) {
			cut = from
		}
		if err := p.restoreNames(ctx, from, cut); err != nil {
			return nil, fmt.Errorf("rebuilding link state: %w", err)
		}
		since = cut.Format(time.RFC3339)
	}
	err := st.EachArticle(ctx, since, func(a *store.StoredArticle) error {
		if t, ok := a.OrderTime(); ok && t.Before(full) {
			p.linker.RestoreNames(&a.Article, a.StoryID)
		} else {
			p.linker.Restore(&a.Article, a.StoryID)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("rebuilding link state: %w", err)
	}
	// Small stories restored whole may still be folded, as they would
	// have been had the process not stopped.
	err = p.linker.MarkWhole(func(ids []string) (map[string]int, error) { return st.StorySizes(ctx, ids) })
	if err != nil {
		return nil, fmt.Errorf("rebuilding link state: %w", err)
	}
	return p, nil
}

// restoreNames gives the linker the incident names of the articles
// published in [from, to) from what was saved with them; articles saved
// before names were (or with names of another version) are read whole.
func (p *Pipeline) restoreNames(ctx context.Context, from, to time.Time) error {
	var stale []string
	err := p.st.EachLinkNames(ctx, from, to, func(id, storyID, published string, names []byte) error {
		if !p.linker.RestoreNameState(names, &model.Article{Published: published}, storyID) {
			stale = append(stale, id)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, id := range stale {
		a, err := p.st.Article(ctx, id)
		if err != nil {
			return err
		}
		p.linker.RestoreNames(&a.Article, a.StoryID)
	}
	return nil
}

// Result counts what happened to a batch of inputs.
type Result struct {
	Read      int     // articles read from the inputs
	New       int     // stored for the first time
	Duplicate int     // already stored (same id), or repeated within the input
	Failed    int     // inputs that could not be read or stored
	Errors    []error // one per failure, each naming its input
	// StoryIDs are the stories created or updated, each once.
	StoryIDs map[string]bool
}

// Stories is how many distinct stories were created or updated.
func (r *Result) Stories() int { return len(r.StoryIDs) }

func (r *Result) touch(id string) {
	if r.StoryIDs == nil {
		r.StoryIDs = map[string]bool{}
	}
	r.StoryIDs[id] = true
}

// Add merges another result into r.
func (r *Result) Add(o Result) {
	r.Read += o.Read
	r.New += o.New
	r.Duplicate += o.Duplicate
	r.Failed += o.Failed
	r.Errors = append(r.Errors, o.Errors...)
	for id := range o.StoryIDs {
		r.touch(id)
	}
}

// Ingest analyses, links and stores articles. They are linked in
// publication order (model.SortByOrderTime), in
// batches that each commit in one transaction. progress, when not nil, is
// called after each batch with the running totals.
func (p *Pipeline) Ingest(ctx context.Context, arts []*model.Article, progress func(Result)) (Result, error) {
	var res Result
	res.Read = len(arts)
	model.SortByOrderTime(arts)
	seen := make(map[string]bool, len(arts))
	var todo []*model.Article
	for _, a := range arts {
		if seen[a.ID] {
			res.Duplicate++
			continue
		}
		seen[a.ID] = true
		ok, err := p.st.HasArticle(ctx, a.ID)
		if err != nil {
			return res, err
		}
		if ok {
			res.Duplicate++
			continue
		}
		todo = append(todo, a)
	}
	size := p.BatchSize
	if size <= 0 {
		size = 64
	}
	for start := 0; start < len(todo); start += size {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		batch := todo[start:min(start+size, len(todo))]
		t0 := time.Now()
		AnalyzeAll(batch, p.Workers)
		p.spent(&p.timings.Analyze, time.Since(t0))
		n, err := p.linkAndSave(ctx, batch, &res)
		if err != nil {
			return res, err
		}
		res.New += n
		res.Duplicate += len(batch) - n
		if progress != nil {
			progress(res)
		}
	}
	// Undated stories never close: the end of the input is when their
	// small ones get the second look closing gives the others.
	p.mu.Lock()
	p.folds = append(p.folds, p.linker.Settle()...)
	err := p.saveFolds(ctx, &res)
	p.mu.Unlock()
	return res, err
}

// dfState names the linker's document frequencies in the store.
const dfState = "df"

// saveDF saves the linker's document frequencies. Call with p.mu held.
func (p *Pipeline) saveDF(ctx context.Context) error {
	if err := p.st.SaveLinkState(ctx, dfState, p.linker.DFState()); err != nil {
		return fmt.Errorf("saving link state: %w", err)
	}
	p.dfUnsaved = 0
	return nil
}

// Close saves what the linker holds that the store keeps whole rather
// than per article (its document frequencies), so that the next start
// weighs features as this run would have gone on to. The store stays
// open: it is the caller's.
func (p *Pipeline) Close(ctx context.Context) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.dfUnsaved == 0 {
		return nil
	}
	return p.saveDF(ctx)
}

// linkAndSave links one analysed batch and commits it with every story it
// touched, rebuilt from all of that story's members, then tries the folds
// the linker made meanwhile. res learns the stories touched.
func (p *Pipeline) linkAndSave(ctx context.Context, batch []*model.Article, res *Result) (inserted int, err error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	t0 := time.Now()
	var storeTime time.Duration
	defer func() {
		p.spent(&p.timings.Store, storeTime)
		p.spent(&p.timings.Link, time.Since(t0)-storeTime)
	}()
	pending := make([]store.Pending, len(batch))
	byStory := map[string][]link.Member{}
	var order []string
	for i, a := range batch {
		as := p.linker.Add(a)
		p.folds = append(p.folds, as.Folded...)
		pending[i] = store.Pending{Article: a, Membership: store.Membership{
			StoryID: as.StoryID, DuplicateOf: as.DuplicateOf, CopyOf: as.CopyOf, Similarity: as.Similarity,
			JoinedBy: string(as.Via), JoinScore: as.Score}, LinkNames: p.linker.NameState(a.ID)}
		if _, ok := byStory[as.StoryID]; !ok {
			order = append(order, as.StoryID)
		}
		byStory[as.StoryID] = append(byStory[as.StoryID], as.Member(a))
	}
	built := make([]*model.Story, 0, len(order))
	for _, id := range order {
		ts := time.Now()
		stored, err := p.st.StoryMembers(ctx, id)
		storeTime += time.Since(ts)
		if err != nil {
			p.forget(batch)
			return 0, err
		}
		s := link.BuildStory(id, append(storedMembers(stored), byStory[id]...))
		built = append(built, &s)
	}
	ts := time.Now()
	ins, err := p.st.Save(ctx, pending, built)
	storeTime += time.Since(ts)
	if err != nil {
		p.forget(batch)
		return 0, err
	}
	for _, ok := range ins {
		if ok {
			inserted++
		}
	}
	for _, id := range order {
		res.touch(id)
	}
	// A fold that fails to save stays queued for the next commit and the
	// end of Ingest, which reports it: the batch itself is stored.
	ts = time.Now()
	_ = p.saveFolds(ctx, res)
	// Likewise a checkpoint of the document frequencies: Close tries again.
	if p.dfUnsaved += inserted; p.dfUnsaved >= p.StateEvery {
		_ = p.saveDF(ctx)
	}
	storeTime += time.Since(ts)
	return inserted, nil
}

// storedMembers are stored articles as BuildStory takes them.
func storedMembers(stored []store.StoredArticle) []link.Member {
	members := make([]link.Member, len(stored))
	for i := range stored {
		s := &stored[i]
		members[i] = link.Member{Article: &s.Article, DuplicateOf: s.DuplicateOf, CopyOf: s.CopyOf,
			Similarity: s.Similarity, Via: link.Via(s.JoinedBy), Score: s.JoinScore}
	}
	return members
}

// saveFolds gives the store the folds not yet saved, oldest first, each
// with its target story rebuilt from the members of both. A fold that
// fails stays queued with those after it, for the next commit; the
// linker has already made it. Call with p.mu held.
func (p *Pipeline) saveFolds(ctx context.Context, res *Result) error {
	for len(p.folds) > 0 {
		f := p.folds[0]
		from, err := p.st.StoryMembers(ctx, f.From)
		if err != nil {
			return err
		}
		into, err := p.st.StoryMembers(ctx, f.Into)
		if err != nil {
			return err
		}
		sf := store.Fold{From: f.From, Into: f.Into}
		moved := map[string]link.FoldedArticle{}
		for _, fa := range f.Articles {
			moved[fa.ID] = fa
			sf.Moved = append(sf.Moved, store.Moved{ID: fa.ID, JoinedBy: string(link.ViaFolded), JoinScore: fa.Score, LinkNames: fa.Names})
		}
		members := storedMembers(append(into, from...))
		for i := range members {
			if fa, ok := moved[members[i].Article.ID]; ok {
				members[i].Via, members[i].Score = link.ViaFolded, fa.Score
			}
		}
		s := link.BuildStory(f.Into, members)
		if err := p.st.Fold(ctx, sf, &s); err != nil {
			return err
		}
		p.folds = p.folds[1:]
		delete(res.StoryIDs, f.From)
		res.touch(f.Into)
	}
	return nil
}

// forget takes a batch that failed to commit back out of the linker so that
// memory and the store agree.
func (p *Pipeline) forget(batch []*model.Article) {
	for _, a := range batch {
		p.linker.Remove(a.ID)
	}
}

// AnalyzeAll runs the analyzer over articles with the given parallelism.
// Analysis is pure, so the order of work does not change the result.
func AnalyzeAll(arts []*model.Article, workers int) {
	if workers < 1 {
		workers = 1
	}
	var wg sync.WaitGroup
	next := make(chan *model.Article)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for a := range next {
				analyze.Article(a)
			}
		}()
	}
	for _, a := range arts {
		next <- a
	}
	close(next)
	wg.Wait()
}

// Compare runs analysis and linking in memory, storing nothing, and returns
// the stories found.
func Compare(arts []*model.Article, cfg link.Config) []model.Story {
	AnalyzeAll(arts, runtime.GOMAXPROCS(0))
	return link.Compare(arts, cfg)
}
