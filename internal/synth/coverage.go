package synth

import (
	"fmt"
	"html"
	"io"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/crosswire-news/crosswire/internal/model"
	"github.com/crosswire-news/crosswire/internal/warc"
)

var topics = []struct{ noun, verb, object string }{
	{"bridge", "closed", "after engineers found corrosion in its cables"},
	{"ferry service", "suspended", "after inspectors found cracked valves"},
	{"hospital wing", "evacuated", "after a fire broke out in a storage room"},
	{"school", "shut", "after a burst pipe flooded its ground floor"},
	{"factory", "halted production", "after a chemical leak"},
	{"rail line", "blocked", "after a landslide covered the tracks"},
	{"power station", "went offline", "after a transformer failed"},
	{"stadium", "closed", "after cracks appeared in a stand"},
	{"airport", "cancelled flights", "after a radar outage"},
	{"water plant", "issued a boil notice", "after contamination was detected"},
}

// Event is one invented incident.
type Event struct {
	ID       string
	Place    string
	Topic    int
	Speaker  string
	Role     string
	Agency   string
	Quote    string
	Count    int
	Start    time.Time
	Articles int
}

// Coverage returns n articles about invented events, in publication order:
// each event gets one to eight articles from different outlets within a
// day, some reposting an earlier article's text. Gold story ids are in
// gold[i] for article i.
func Coverage(seed uint64, n int) (arts []model.Article, gold []string) {
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var out []*model.Article
	event := map[*model.Article]string{}
	for ev := 0; len(out) < n; ev++ {
		e := newEvent(r, ev, t0.Add(time.Duration(ev)*7*time.Minute))
		first := ""
		for k := 0; k < e.Articles && len(out) < n; k++ {
			a := article(r, e, k)
			if k == 0 {
				first = a.Text
			} else if r.IntN(6) == 0 { // a repost of the first text
				a.Text = first
			}
			out = append(out, &a)
			event[&a] = e.ID
		}
	}
	// Interleave events by publication time, as a stream would deliver them.
	model.SortByOrderTime(out)
	for _, a := range out {
		arts = append(arts, *a)
		gold = append(gold, event[a])
	}
	return arts, gold
}

func newEvent(r *rand.Rand, i int, start time.Time) Event {
	return Event{
		ID:       fmt.Sprintf("ev%06d", i),
		Place:    placeName(r),
		Topic:    r.IntN(len(topics)),
		Speaker:  Person(r),
		Role:     pick(r, Roles),
		Agency:   pick(r, agencies),
		Quote:    pick(r, []string{"We will not take any risks with public safety", "Nobody should have been put in this position", "We expect to reopen within a week", "The warnings were there for years", "Our teams are working through the night"}),
		Count:    2 + r.IntN(40),
		Start:    start,
		Articles: 1 + int(r.ExpFloat64()*2.5)%8,
	}
}

func article(r *rand.Rand, e Event, k int) model.Article {
	tp := topics[e.Topic]
	outlet := Outlets[(e.Topic*31+k*7+len(e.Place))%len(Outlets)]
	pub := e.Start.Add(time.Duration(k*45+r.IntN(40)) * time.Minute)
	last := e.Speaker[strings.LastIndexByte(e.Speaker, ' ')+1:]
	paras := []string{
		fmt.Sprintf("The %s in %s %s on %s %s, according to a %s report.", tp.noun, e.Place, tp.verb, pub.Weekday(), tp.object, e.Agency),
		fmt.Sprintf("%s %s said %d people had been affected and that crews were on site. %q, %s said.", upperFirst(e.Role), e.Speaker, e.Count, e.Quote, last),
		fmt.Sprintf("Residents of %s said they had been given little warning. %s", e.Place, filler(r, 2+r.IntN(4))),
		fmt.Sprintf("Officials told %s that a full review would follow. %s", e.Agency, filler(r, 2+r.IntN(5))),
	}
	if r.IntN(3) == 0 {
		paras = append(paras, fmt.Sprintf("%q, said %s, %s.", "It is too early to say what went wrong", pick(r, firstNames)+" "+pick(r, lastNames), "an engineer who was not involved"))
	}
	return model.Article{
		ID:        fmt.Sprintf("%s-%d", e.ID, k),
		URL:       fmt.Sprintf("https://%s.example/%s/%d", slug(outlet), e.ID, k),
		Outlet:    outlet,
		Title:     fmt.Sprintf("%s %s %s in %s", pick(r, []string{"Officials say", "Update:", "Breaking:", ""}), upperFirst(tp.noun), tp.verb, e.Place),
		Byline:    []string{Person(r)},
		Published: pub.Format(time.RFC3339),
		Language:  "en",
		Text:      strings.Join(paras, "\n\n"),
	}
}

var fillers = []string{
	"Traffic was diverted through the town centre for most of the afternoon.",
	"A temporary information desk was set up at the community hall.",
	"Local businesses reported a sharp drop in customers.",
	"The regional authority said it would publish its findings next month.",
	"Volunteers handed out water and blankets to those waiting.",
	"Several schools in the area adjusted their timetables.",
	"Insurance assessors were expected to arrive by the end of the week.",
	"Opposition councillors called for an independent inquiry.",
}

func filler(r *rand.Rand, n int) string {
	var b []string
	for i := 0; i < n; i++ {
		b = append(b, pick(r, fillers))
	}
	return strings.Join(b, " ")
}

// placeName invents a town name ("Korvathen"), so that events rarely share
// a place by chance; one in four is a known town, so that some do.
func placeName(r *rand.Rand) string {
	if r.IntN(4) == 0 {
		return pick(r, places)
	}
	return pseudoWord(r, 2+r.IntN(3), true)
}

func slug(s string) string {
	return strings.ToLower(strings.NewReplacer(" ", "-", "The ", "").Replace(s))
}

// HTML renders an article as a news page with the usual boilerplate around
// it (navigation, a most-read box, a footer), as a crawler would store it.
func HTML(a *model.Article) []byte {
	var b strings.Builder
	e := html.EscapeString
	fmt.Fprintf(&b, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>%s | %s</title>`, e(a.Title), e(a.Outlet))
	fmt.Fprintf(&b, `<meta property="og:site_name" content="%s"><meta name="author" content="%s">`, e(a.Outlet), e(strings.Join(a.Byline, ", ")))
	fmt.Fprintf(&b, `<meta property="article:published_time" content="%s"><link rel="canonical" href="%s"></head><body>`, e(a.Published), e(a.URL))
	b.WriteString(`<header><nav><a href="/">Home</a> | <a href="/news">News</a> | <a href="/sport">Sport</a> | <a href="/weather">Weather</a></nav></header><main><article>`)
	fmt.Fprintf(&b, `<h1>%s</h1><p class="byline">By %s</p>`, e(a.Title), e(strings.Join(a.Byline, " and ")))
	for _, p := range strings.Split(a.Text, "\n\n") {
		fmt.Fprintf(&b, "<p>%s</p>\n", e(p))
	}
	b.WriteString(`</article><aside><h2>Most Read</h2><ul><li><a href="/a">Council approves tram extension</a></li><li><a href="/b">Storm warning for the weekend</a></li></ul></aside></main>`)
	fmt.Fprintf(&b, `<footer><p>Connect with us</p><p>&copy; 2026 %s. All rights reserved.</p></footer></body></html>`, e(a.Outlet))
	return []byte(b.String())
}

// WriteWARC writes n generated pages as WARC response records (one gzip
// member per record, as crawlers write them), preceded by a warcinfo
// record and with a request record before every response, so that readers
// meet the record mix of a real crawl. It returns each page's gold event
// by the page's URL.
func WriteWARC(w io.Writer, seed uint64, n int) (map[string]string, error) {
	arts, events := Coverage(seed, n)
	gold := make(map[string]string, len(arts))
	for i := range arts {
		gold[arts[i].URL] = events[i]
	}
	ww := warc.NewWriter(w, true)
	date := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	if err := ww.WriteWarcinfo("synthetic.warc.gz", date, map[string]string{"software": "crosswire synth"}); err != nil {
		return nil, err
	}
	for i := range arts {
		if err := ww.WriteRequest(arts[i].URL, date); err != nil {
			return nil, err
		}
		if err := ww.WriteResponse(arts[i].URL, date, 200, nil, HTML(&arts[i])); err != nil {
			return nil, err
		}
	}
	return gold, ww.Close()
}
