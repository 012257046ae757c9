package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"time"

	"github.com/crosswire-news/crosswire/internal/extract"
	"github.com/crosswire-news/crosswire/internal/link"
	"github.com/crosswire-news/crosswire/internal/model"
	"github.com/crosswire-news/crosswire/internal/store"
	"github.com/crosswire-news/crosswire/internal/synth"
)

// WARCBench is what one end-to-end run measured.
type WARCBench struct {
	Pages, Articles, Stories, Failed int
	WARCBytes                        int64
	Total, Extract                   time.Duration
	Timings                          Timings
	// Gold and Found are each stored article's generated event and the
	// story it was linked into, for scoring the clustering.
	Gold, Found []string
}

// BenchWARC writes a WARC of n generated pages into dir and ingests it
// into a new store there, timing each stage. Generation is not timed.
func BenchWARC(ctx context.Context, dir string, seed uint64, n int) (WARCBench, error) {
	var r WARCBench
	path := filepath.Join(dir, "synthetic.warc.gz")
	f, err := os.Create(path)
	if err != nil {
		return r, err
	}
	gold, err := synth.WriteWARC(f, seed, n)
	if err != nil {
		f.Close()
		return r, err
	}
	if err := f.Close(); err != nil {
		return r, err
	}
	if st, err := os.Stat(path); err == nil {
		r.WARCBytes = st.Size()
	}
	dbPath := filepath.Join(dir, "bench.db")
	os.Remove(dbPath)
	db, err := store.Open(dbPath)
	if err != nil {
		return r, err
	}
	defer db.Close()
	p, err := New(ctx, db, link.DefaultConfig())
	if err != nil {
		return r, err
	}
	start := time.Now()
	in, err := os.Open(path)
	if err != nil {
		return r, err
	}
	defer in.Close()
	// Stream the archive in chunks so memory stays flat: extraction of one
	// chunk, then analysis, linking and one transaction per batch.
	const chunk = 512
	var batch []*model.Article
	var ingestErr error
	flush := func() {
		if len(batch) == 0 || ingestErr != nil {
			return
		}
		res, err := p.Ingest(ctx, batch, nil)
		r.Articles += res.New
		r.Failed += res.Failed
		ingestErr = err
		batch = batch[:0]
	}
	var skipped int
	extractStart := time.Now()
	err = EachWARCPage(path, in, extract.Options{}, func(a *model.Article) error {
		r.Pages++
		batch = append(batch, a)
		if len(batch) == chunk {
			r.Extract += time.Since(extractStart)
			flush()
			extractStart = time.Now()
		}
		return ingestErr
	}, func(error) { r.Failed++ }, &skipped)
	r.Extract += time.Since(extractStart)
	flush()
	if err == nil {
		err = ingestErr
	}
	r.Total = time.Since(start)
	r.Timings = p.Timings()
	_, r.Stories, _ = db.Counts(ctx)
	if err != nil {
		return r, err
	}
	err = db.EachArticle(ctx, "", func(a *store.StoredArticle) error {
		if g, ok := gold[a.URL]; ok {
			r.Gold, r.Found = append(r.Gold, g), append(r.Found, a.StoryID)
		}
		return nil
	})
	return r, err
}
