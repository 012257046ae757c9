// Package webbench measures the web UI's latency over a large generated
// store: it is shared by BenchmarkStoryPage and `crosswire bench web`.
// The generated articles are synthetic word salad with realistic sizes and
// structure (bylines, people, attributions with valid offsets, stories with
// quote groups, claims and copies); no real text is used.
package webbench

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/crosswire-news/crosswire/internal/model"
	"github.com/crosswire-news/crosswire/internal/store"
	"github.com/crosswire-news/crosswire/internal/synth"
)

// Params size the generated store.
type Params struct {
	Articles int
	Stories  int
	Seed     uint64
}

// Default is the size the speed target is stated for.
var Default = Params{Articles: 100_000, Stories: 20_000, Seed: 1}

// version changes whenever the generator does, so old caches are not reused.
const version = 3

// CachePath is where the generated store for p is kept between runs.
func CachePath(p Params) string {
	return filepath.Join(os.TempDir(), fmt.Sprintf("crosswire-webbench-v%d-a%d-s%d-seed%d.db", version, p.Articles, p.Stories, p.Seed))
}

// StoryID is the id of the i-th generated story.
func StoryID(i int) string { return fmt.Sprintf("bench-story-%06d", i) }

// ArticleID is the id of the i-th generated article.
func ArticleID(i int) string { return fmt.Sprintf("bench-art-%07d", i) }

// Open returns the generated store for p, building it (a minute or two for
// the default size) when the cache is missing or does not hold what p asks
// for. logf reports progress; it may be nil.
func Open(ctx context.Context, p Params, logf func(string, ...any)) (*store.DB, error) {
	if logf == nil {
		logf = func(string, ...any) {}
	}
	if p.Articles < p.Stories || p.Stories < 1 {
		return nil, errors.New("webbench: need at least one article per story")
	}
	path := CachePath(p)
	if db, err := store.Open(path); err == nil {
		a, s, err := db.Counts(ctx)
		if err == nil && a == p.Articles && s == p.Stories {
			if _, err := db.Story(ctx, StoryID(p.Stories-1)); err == nil {
				logf("using cached store %s", path)
				return db, nil
			}
		}
		db.Close()
	}
	for _, suf := range []string{"", "-wal", "-shm"} {
		os.Remove(path + suf)
	}
	tmp := path + ".building"
	for _, suf := range []string{"", "-wal", "-shm"} {
		os.Remove(tmp + suf)
	}
	db, err := store.Open(tmp)
	if err != nil {
		return nil, err
	}
	start := time.Now()
	if err := generate(ctx, db, p, logf); err != nil {
		db.Close()
		return nil, err
	}
	if err := db.Close(); err != nil {
		return nil, err
	}
	// Rename only a finished store, so an interrupted build is never reused.
	if err := os.Rename(tmp, path); err != nil {
		return nil, err
	}
	for _, suf := range []string{"-wal", "-shm"} {
		os.Remove(tmp + suf)
	}
	logf("generated %d articles in %d stories in %s (%s)", p.Articles, p.Stories, time.Since(start).Round(time.Second), path)
	return store.Open(path)
}

// storySizes splits the articles over the stories with a realistic tail:
// most stories have a handful of articles, a few have dozens.
func storySizes(r *rand.Rand, p Params) []int {
	sizes := make([]int, p.Stories)
	left := p.Articles - p.Stories
	for i := range sizes {
		sizes[i] = 1
	}
	big := p.Stories / 200
	for i := 0; i < big && left > 0; i++ {
		n := min(40+r.IntN(41), left)
		sizes[r.IntN(p.Stories)] += n
		left -= n
	}
	for ; left > 0; left-- {
		sizes[r.IntN(p.Stories)]++
	}
	return sizes
}

func generate(ctx context.Context, db *store.DB, p Params, logf func(string, ...any)) error {
	r := rand.New(rand.NewPCG(p.Seed, 42))
	sizes := storySizes(r, p)
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var pend []store.Pending
	var stories []*model.Story
	flush := func() error {
		if len(pend) == 0 && len(stories) == 0 {
			return nil
		}
		_, err := db.Save(ctx, pend, stories)
		pend, stories = pend[:0], stories[:0]
		return err
	}
	art := 0
	for si, n := range sizes {
		sid := StoryID(si)
		first := base.Add(time.Duration(si) * 17 * time.Minute)
		speakers := []string{synth.Person(r), synth.Person(r), synth.Person(r), synth.Person(r)}
		quotes := []string{synth.Sentence(r, 10), synth.Sentence(r, 14), synth.Sentence(r, 8), synth.Sentence(r, 12)}
		st := &model.Story{ID: sid, FirstPublished: first.Format(time.RFC3339), Unique: map[string][]string{}}
		qgs := make([]model.QuoteGroup, min(4, 1+n/2))
		for qi := range qgs {
			qgs[qi].Speaker = speakers[qi]
		}
		claimN := min(25, 3+2*n)
		claims := make([]model.Claim, claimN)
		for ci := range claims {
			claims[ci].Text = synth.Sentence(r, 12+r.IntN(10))
		}
		origin := model.Origin{Source: synth.Outlet(r) + " report"}
		for k := 0; k < n; k++ {
			id := ArticleID(art)
			art++
			pub := first.Add(time.Duration(k) * time.Duration(20+r.IntN(90)) * time.Minute)
			outlet := synth.Outlet(r)
			a := &model.Article{ID: id, Source: "bench", URL: "https://bench.example/" + id, Outlet: outlet,
				Published: pub.Format(time.RFC3339), Language: "en", Byline: []string{synth.Person(r)},
				Dropped: []string{"Most Viewed", "Share this article"}}
			a.Title = synth.Sentence(r, 9)
			a.Title = strings.TrimSuffix(a.Title, ".")
			if k == 0 {
				st.Title = a.Title
			}
			var b strings.Builder
			b.WriteString(a.Title + "\n\n")
			paras := 6 + r.IntN(8)
			for pi := 0; pi < paras; pi++ {
				if pi < len(qgs) && pi < 4 {
					// A quote paragraph with a known attribution.
					who := speakers[pi]
					q := quotes[pi]
					if r.IntN(3) == 0 {
						q = synth.Sentence(r, 10) // a reworded variant
					}
					startQ := b.Len() + 1
					b.WriteString(`"` + q + `" said ` + who + ", " + synth.Roles[pi%len(synth.Roles)] + ".")
					cue := startQ + len(q) + 2
					src := cue + len("said ")
					a.Attributions = append(a.Attributions, model.Attribution{Kind: model.KindDirect,
						Content: model.Span{Start: startQ, End: startQ + len(q), Text: q},
						Cue:     model.Span{Start: cue, End: cue + 4, Text: "said"},
						Source:  &model.Span{Start: src, End: src + len(who), Text: who},
						Speaker: model.NullString(who), SpeakerRole: synth.Roles[pi%len(synth.Roles)], SpeakerKind: model.SpeakerPerson})
					a.People = append(a.People, model.Person{Name: who, Roles: []string{synth.Roles[pi%len(synth.Roles)]}, Mentions: 1 + r.IntN(3)})
					qgs[pi].Variants = append(qgs[pi].Variants, model.Variant{Article: id, Outlet: outlet, Text: q, Speaker: who, Kind: model.KindDirect})
				} else {
					for s := 0; s < 3+r.IntN(3); s++ {
						if s > 0 {
							b.WriteByte(' ')
						}
						b.WriteString(synth.Sentence(r, 12+r.IntN(14)))
					}
				}
				b.WriteString("\n\n")
			}
			a.Text = strings.TrimSpace(b.String())
			sa := model.StoryArticle{ID: id, Outlet: outlet, Title: a.Title, Published: a.Published, Byline: a.Byline,
				DelaySeconds: int64(pub.Sub(first) / time.Second)}
			m := store.Membership{StoryID: sid}
			if k > 0 && r.IntN(6) == 0 {
				sa.CopyOf, sa.Similarity = st.Articles[0].ID, 0.9+r.Float64()/10
				m.CopyOf, m.Similarity = sa.CopyOf, sa.Similarity
			} else {
				origin.CitedBy = append(origin.CitedBy, id)
			}
			st.Articles = append(st.Articles, sa)
			for ci := range claims {
				if ci == 0 || r.IntN(3) == 0 {
					claims[ci].Articles = append(claims[ci].Articles, id)
				}
			}
			pend = append(pend, store.Pending{Article: a, Membership: m})
		}
		st.Origins = []model.Origin{origin}
		st.IndependentSources = 1
		for _, q := range qgs {
			if len(q.Variants) > 0 {
				st.QuoteGroups = append(st.QuoteGroups, q)
			}
		}
		for _, c := range claims {
			if len(c.Articles) > 0 {
				st.Claims = append(st.Claims, c)
			}
			if len(c.Articles) == 1 {
				st.Unique[c.Articles[0]] = append(st.Unique[c.Articles[0]], c.Text)
			}
		}
		stories = append(stories, st)
		if len(pend) >= 2000 {
			if err := flush(); err != nil {
				return err
			}
			if art%20000 < 2000+80 {
				logf("  %d/%d articles", art, p.Articles)
			}
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	return flush()
}

// Result is a latency distribution.
type Result struct {
	N                   int
	P50, P90, P99, Max  time.Duration
	Mean                time.Duration
	Bytes               int // mean response size
	Errors              int
	FirstErrorStatus    int
	FirstErrorPath      string
	FirstErrorBodyStart string
}

func (r Result) String() string {
	return fmt.Sprintf("n=%d p50=%s p90=%s p99=%s max=%s mean=%s avg-size=%dB errors=%d",
		r.N, ms(r.P50), ms(r.P90), ms(r.P99), ms(r.Max), ms(r.Mean), r.Bytes, r.Errors)
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2fms", float64(d)/float64(time.Millisecond)) }

// Measure sends n GET requests for paths chosen at random (after a short
// warm-up) straight to h and returns the distribution of handler latency.
func Measure(h http.Handler, paths []string, n int, seed uint64) Result {
	r := rand.New(rand.NewPCG(seed, 7))
	lat := make([]time.Duration, 0, n)
	var res Result
	var bytes int
	for i := 0; i < n+n/10; i++ {
		p := paths[r.IntN(len(paths))]
		req := httptest.NewRequest("GET", p, nil)
		rec := httptest.NewRecorder()
		t0 := time.Now()
		h.ServeHTTP(rec, req)
		d := time.Since(t0)
		if i < n/10 {
			continue // warm-up: page cache, template and allocator state
		}
		if rec.Code != http.StatusOK {
			if res.Errors == 0 {
				res.FirstErrorStatus, res.FirstErrorPath = rec.Code, p
				res.FirstErrorBodyStart = rec.Body.String()[:min(200, rec.Body.Len())]
			}
			res.Errors++
		}
		bytes += rec.Body.Len()
		lat = append(lat, d)
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	var sum time.Duration
	for _, d := range lat {
		sum += d
	}
	q := func(f float64) time.Duration { return lat[min(len(lat)-1, int(f*float64(len(lat))))] }
	res.N = len(lat)
	res.P50, res.P90, res.P99, res.Max = q(0.50), q(0.90), q(0.99), lat[len(lat)-1]
	res.Mean = sum / time.Duration(len(lat))
	res.Bytes = bytes / len(lat)
	return res
}

// StoryPaths are the story pages of p, for Measure.
func StoryPaths(p Params) []string {
	out := make([]string, p.Stories)
	for i := range out {
		out[i] = "/story/" + StoryID(i)
	}
	return out
}

// ArticlePaths are the article pages of p, for Measure.
func ArticlePaths(p Params) []string {
	out := make([]string, p.Articles)
	for i := range out {
		out[i] = "/article/" + ArticleID(i)
	}
	return out
}
