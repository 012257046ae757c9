package synth

import (
	"container/heap"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/crosswire-news/crosswire/internal/model"
)

// A synthetic news stream with known events, for measuring the linker at
// scales no gold set reaches. The procedure (all draws from one seeded
// PCG, so a seed gives the same stream):
//
//  1. Pools of pseudo-words built from syllables: places (2,000),
//     organisations (500), a common vocabulary (4,000 lower-case words),
//     40 event kinds with 40 topic words each, and 30,000 rare "detail"
//     words (streets, venues, objects). Places, organisations, kinds and
//     common words are drawn with a Zipf law (s=1.1), so a few places
//     recur in many events, as big cities do; people (400 first x 2,000
//     last names) and details are drawn uniformly: most people in the
//     news appear in one event.
//  2. Events start as a Poisson process over Span. Each has a kind, a
//     place, two people, an organisation, 12 topic words chosen from its
//     kind, three detail words, two numbers and three quotable statements.
//  3. Each event gets 1 + Poisson(MeanArticles-1) articles, published after
//     the event's start with exponential delays (mean 8 hours), so
//     consecutive events of a kind in a popular place overlap in time:
//     the look-alikes the clustering must keep apart.
//  4. An article is 6-20 sentences mixing the event's names, its topic
//     words, common words and sometimes one of its quotes; its title is
//     place + kind + topic words. With CopyRate it is instead an exact copy
//     of an earlier article of the event (wire copy), with NearDupRate a
//     copy with about 5% of its words changed.
//  5. With DayRate a freshly written article ends its first plain
//     sentence with the day its event began, in AP style as US local
//     news writes it ("... on Aug. 14."), so the linker's day features
//     and day marks (link.lnDayMarks) are exercised and their memory is
//     in the scale figures. The default, 0.5, is a round figure below
//     GVA's: reports of one incident within three days name a common day
//     in 90% of pairs there, but many by weekday, which this stream does
//     not write. DayRate 0 draws nothing for it, giving the stream
//     without days exactly.
//
// Articles come out in time order; the gold label is the event number.
type StreamConfig struct {
	Seed         uint64
	N            int           // articles to produce
	MeanArticles float64       // mean articles per event (>= 1)
	Span         time.Duration // time the stream covers
	Start        time.Time
	CopyRate     float64
	NearDupRate  float64
	DayRate      float64 // share of fresh articles naming their event's day (step 5)
}

// DefaultStreamConfig is a year of coverage, three articles per event.
func DefaultStreamConfig(n int) StreamConfig {
	return StreamConfig{Seed: 1, N: n, MeanArticles: 3, Span: 365 * 24 * time.Hour,
		Start: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), CopyRate: 0.05, NearDupRate: 0.05, DayRate: 0.5}
}

// Stream yields the articles of a synthetic stream.
type Stream struct {
	cfg      StreamConfig
	rng      *rand.Rand
	places   wordPool
	first    []string
	last     []string
	details  []string
	orgs     wordPool
	common   wordPool
	kinds    [][]string
	kindZipf *zipf

	emitted   int
	scheduled int
	nextEvent float64 // hours since Start
	eventRate float64 // events per hour
	events    int32
	pending   streamHeap
	live      map[int32]*streamEvent
}

type wordPool struct {
	words []string
	law   *zipf
}

func (p *wordPool) draw(r *rand.Rand) string { return p.words[p.law.draw(r)] }

// zipf draws ranks 0..n-1 with P(k) proportional to 1/(k+1)^s by
// inverting a precomputed CDF (math/rand/v2's Zipf needs s > 1 and
// v >= 1, and this keeps the law explicit).
type zipf struct{ cdf []float64 }

func newZipf(n int, s float64) *zipf {
	z := &zipf{cdf: make([]float64, n)}
	var sum float64
	for k := 0; k < n; k++ {
		sum += 1 / math.Pow(float64(k+1), s)
		z.cdf[k] = sum
	}
	for k := range z.cdf {
		z.cdf[k] /= sum
	}
	return z
}

func (z *zipf) draw(r *rand.Rand) int {
	u := r.Float64()
	lo, hi := 0, len(z.cdf)-1
	for lo < hi {
		m := (lo + hi) / 2
		if z.cdf[m] < u {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

type streamEvent struct {
	id       int32
	start    float64 // hours since Start
	kind     int
	place    string
	people   [2]string
	org      string
	topic    []string
	details  [3]string
	numbers  [2]int
	quotes   [3]string
	left     int // articles still to publish
	articles []string
}

type streamItem struct {
	t  float64 // hours since Start
	ev int32
}

type streamHeap []streamItem

func (h streamHeap) Len() int { return len(h) }
func (h streamHeap) Less(i, j int) bool {
	if h[i].t != h[j].t {
		return h[i].t < h[j].t
	}
	return h[i].ev < h[j].ev
}
func (h streamHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *streamHeap) Push(x any)   { *h = append(*h, x.(streamItem)) }
func (h *streamHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

func makePool(r *rand.Rand, n, minSyl, maxSyl int, capital bool) wordPool {
	seen := map[string]bool{}
	p := wordPool{law: newZipf(n, 1.1)}
	for len(p.words) < n {
		w := pseudoWord(r, minSyl+r.IntN(maxSyl-minSyl+1), capital)
		if !seen[w] {
			seen[w] = true
			p.words = append(p.words, w)
		}
	}
	return p
}

// NewStream builds the pools and the event schedule.
func NewStream(cfg StreamConfig) *Stream {
	if cfg.MeanArticles < 1 {
		cfg.MeanArticles = 1
	}
	if cfg.Span <= 0 {
		cfg.Span = 365 * 24 * time.Hour
	}
	r := rand.New(rand.NewPCG(cfg.Seed, cfg.Seed^0x9e3779b97f4a7c15))
	s := &Stream{cfg: cfg, rng: r, live: map[int32]*streamEvent{}}
	s.places = makePool(r, 2000, 2, 3, true)
	s.first = makePool(r, 400, 2, 2, true).words
	s.last = makePool(r, 2000, 2, 3, true).words
	s.details = makePool(r, 30000, 3, 5, false).words
	s.orgs = makePool(r, 500, 2, 3, true)
	s.common = makePool(r, 4000, 1, 3, false)
	topic := makePool(r, 40*40, 2, 4, false)
	for k := 0; k < 40; k++ {
		s.kinds = append(s.kinds, topic.words[k*40:(k+1)*40])
	}
	s.kindZipf = newZipf(40, 1.1)
	events := float64(cfg.N) / cfg.MeanArticles
	s.eventRate = events / cfg.Span.Hours()
	s.nextEvent = r.ExpFloat64() / s.eventRate
	return s
}

func (s *Stream) newEvent() *streamEvent {
	r := s.rng
	e := &streamEvent{id: s.events, kind: s.kindZipf.draw(r), place: s.places.draw(r), org: s.orgs.draw(r)}
	s.events++
	for i := range e.people {
		e.people[i] = s.first[r.IntN(len(s.first))] + " " + s.last[r.IntN(len(s.last))]
	}
	words := s.kinds[e.kind]
	for _, i := range r.Perm(len(words))[:12] {
		e.topic = append(e.topic, words[i])
	}
	for i := range e.details {
		e.details[i] = s.details[r.IntN(len(s.details))]
	}
	e.numbers = [2]int{2 + r.IntN(40), 18 + r.IntN(60)}
	for i := range e.quotes {
		var q []string
		for j := 0; j < 8+r.IntN(8); j++ {
			if j%3 == 0 {
				q = append(q, e.topic[r.IntN(len(e.topic))])
			} else {
				q = append(q, s.common.draw(r))
			}
		}
		e.quotes[i] = strings.Join(q, " ")
	}
	// 1 + Poisson(mean-1) articles, by Knuth's method (mean is small).
	k, p, lim := 0, 1.0, math.Exp(-(s.cfg.MeanArticles - 1))
	for {
		p *= r.Float64()
		if p <= lim {
			break
		}
		k++
	}
	e.left = 1 + k
	return e
}

// Next returns the next article in time order with its event number; ok
// is false when N articles have been produced.
func (s *Stream) Next() (a model.Article, event int32, ok bool) {
	if s.emitted >= s.cfg.N {
		return a, 0, false
	}
	// Schedule events until the next one starts after the earliest pending
	// article, so the output stays in time order.
	for s.scheduled < s.cfg.N && (s.pending.Len() == 0 || s.nextEvent <= s.pending[0].t) {
		e := s.newEvent()
		e.start = s.nextEvent
		s.live[e.id] = e
		t := s.nextEvent
		for i := 0; i < e.left && s.scheduled < s.cfg.N; i++ {
			d := 0.0
			if i > 0 {
				d = math.Min(s.rng.ExpFloat64()*8, 24*6)
			}
			heap.Push(&s.pending, streamItem{t + d, e.id})
			s.scheduled++
		}
		s.nextEvent += s.rng.ExpFloat64() / s.eventRate
	}
	it := heap.Pop(&s.pending).(streamItem)
	e := s.live[it.ev]
	e.left--
	id := "syn" + strconv.Itoa(s.emitted)
	s.emitted++
	a = model.Article{
		ID:        id,
		Outlet:    "outlet" + strconv.Itoa(s.rng.IntN(300)),
		Published: s.cfg.Start.Add(time.Duration(it.t * float64(time.Hour))).Format(time.RFC3339),
	}
	r := s.rng
	switch u := r.Float64(); {
	case len(e.articles) > 0 && u < s.cfg.CopyRate:
		src := e.articles[r.IntN(len(e.articles))]
		a.Title, a.Text, _ = strings.Cut(src, "\n")
	case len(e.articles) > 0 && u < s.cfg.CopyRate+s.cfg.NearDupRate:
		src := e.articles[r.IntN(len(e.articles))]
		title, text, _ := strings.Cut(src, "\n")
		words := strings.Split(text, " ")
		for i := range words {
			if r.Float64() < 0.05 {
				words[i] = s.common.draw(r)
			}
		}
		a.Title, a.Text = title, strings.Join(words, " ")
	default:
		a.Title, a.Text = s.write(e)
	}
	if len(e.articles) < 4 {
		e.articles = append(e.articles, a.Title+"\n"+a.Text)
	}
	if e.left <= 0 {
		delete(s.live, e.id)
	}
	return a, e.id, true
}

// write composes a fresh article about an event.
func (s *Stream) write(e *streamEvent) (title, text string) {
	r := s.rng
	title = e.place + " " + e.topic[r.IntN(4)] + " " + e.topic[4+r.IntN(4)] + " " + strings.Fields(e.people[r.IntN(2)])[1]
	var b strings.Builder
	// Drawn only with a DayRate, so that DayRate 0 is the stream as it
	// was before days were written.
	day := s.cfg.DayRate > 0 && r.Float64() < s.cfg.DayRate
	n := 6 + r.IntN(15)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(" ")
		}
		if r.Float64() < 0.15 {
			b.WriteString("“")
			b.WriteString(e.quotes[r.IntN(3)])
			b.WriteString(",” ")
			b.WriteString(e.people[r.IntN(2)])
			b.WriteString(" said.")
			continue
		}
		// A sentence opens with a common word so names sit mid-sentence.
		w := s.common.draw(r)
		b.WriteString(upperFirst(w))
		for j := 0; j < 8+r.IntN(10); j++ {
			b.WriteString(" ")
			switch x := r.Float64(); {
			case x < 0.07:
				b.WriteString(e.place)
			case x < 0.12:
				b.WriteString(e.people[r.IntN(2)])
			case x < 0.14:
				b.WriteString(e.org)
			case x < 0.16:
				b.WriteString(strconv.Itoa(e.numbers[r.IntN(2)]))
			case x < 0.19:
				b.WriteString(e.details[r.IntN(3)])
			case x < 0.36:
				b.WriteString(e.topic[r.IntN(len(e.topic))])
			case x < 0.40:
				// Words of the event's kind it does not feature: shared
				// vocabulary between look-alike events.
				b.WriteString(s.kinds[e.kind][r.IntN(40)])
			default:
				b.WriteString(s.common.draw(r))
			}
		}
		if day {
			b.WriteString(" on ")
			b.WriteString(apDate(s.cfg.Start.Add(time.Duration(e.start * float64(time.Hour)))))
			day = false
		}
		b.WriteString(".")
	}
	return title, b.String()
}

// apMonths are the months as AP style writes them before a day.
var apMonths = [12]string{"Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."}

// apDate writes a day as US news does in running text: "Aug. 14".
func apDate(t time.Time) string {
	return apMonths[t.Month()-1] + " " + strconv.Itoa(t.Day())
}
