package web

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/crosswire-news/crosswire/internal/model"
	"github.com/crosswire-news/crosswire/internal/store"
)

var pageNames = []string{"stories", "search", "story", "article", "person", "error"}

func mustTemplates() map[string]*template.Template {
	m := map[string]*template.Template{}
	for _, n := range pageNames {
		t := template.Must(template.New("layout.html").Funcs(funcs).ParseFS(assets, "templates/layout.html", "templates/"+n+".html"))
		m[n] = t
	}
	return m
}

// page is what every template receives.
type page struct {
	Title string
	Query string // echoed in the header search box
	Data  any
}

// render executes into a buffer first so a template error becomes a clean
// 500 instead of half a page.
func (s *server) render(w http.ResponseWriter, r *http.Request, status int, name string, p page) {
	var buf bytes.Buffer
	if err := s.tmpl[name].ExecuteTemplate(&buf, "layout.html", p); err != nil {
		s.log.Printf("web: render %s %s: %v", name, r.URL.Path, err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

func (s *server) renderError(w http.ResponseWriter, r *http.Request, status int, msg string) {
	s.render(w, r, status, "error", page{Title: http.StatusText(status), Data: struct {
		Status  int
		Message string
	}{status, msg}})
}

// fail maps a store error to a page: 404 for missing, 500 (logged, with
// no detail to the client) otherwise.
func (s *server) fail(w http.ResponseWriter, r *http.Request, what string, err error) {
	if isNotFound(err) {
		s.renderError(w, r, http.StatusNotFound, what+" not found")
		return
	}
	if r.Context().Err() != nil {
		return // the client went away
	}
	s.log.Printf("web: %s %s: %v", r.Method, r.URL.Path, err)
	s.renderError(w, r, http.StatusInternalServerError, "Something went wrong reading the store.")
}

// parseFilter reads the story filters shared by / and /api/stories.
func parseFilter(q url.Values, pageSize int) (store.StoryFilter, error) {
	f := store.StoryFilter{
		From:   strings.TrimSpace(q.Get("from")),
		To:     strings.TrimSpace(q.Get("to")),
		Outlet: strings.TrimSpace(q.Get("outlet")),
		Person: strings.TrimSpace(q.Get("person")),
		Query:  strings.TrimSpace(q.Get("q")),
		Sort:   q.Get("sort"),
		Limit:  pageSize,
	}
	for _, d := range []string{f.From, f.To} {
		if d == "" {
			continue
		}
		if _, err := time.Parse("2006-01-02", d); err != nil {
			return f, fmt.Errorf("dates are YYYY-MM-DD, not %q", d)
		}
	}
	switch f.Sort {
	case "", "newest":
		f.Sort = "newest"
	case "covered":
	default:
		return f, fmt.Errorf("sort is newest or covered")
	}
	for _, s := range []string{f.Outlet, f.Person, f.Query} {
		if len(s) > maxQueryLen {
			return f, fmt.Errorf("parameter longer than %d bytes", maxQueryLen)
		}
	}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxPageSize {
			return f, fmt.Errorf("limit is 1..%d", maxPageSize)
		}
		f.Limit = n
	}
	if v := q.Get("offset"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return f, fmt.Errorf("offset is a non-negative integer")
		}
		f.Offset = n
	}
	if v := q.Get("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1_000_000 {
			return f, fmt.Errorf("page is a positive integer")
		}
		f.Offset = (n - 1) * f.Limit
	}
	return f, nil
}

type storiesData struct {
	F        store.StoryFilter
	Stories  []store.StorySummary
	Total    int
	Outlets  []string
	People   []store.PersonSummary
	Page     int
	Pages    int
	PrevURL  string
	NextURL  string
	SortURL  map[string]string
	Err      string
	Filtered bool
}

func (s *server) pageStories(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	f, err := parseFilter(q, s.opt.PageSize)
	d := storiesData{F: f}
	status := http.StatusOK
	if err != nil {
		d.Err = err.Error()
		status = http.StatusBadRequest
	} else {
		d.Stories, d.Total, err = s.st.Stories(ctx, f)
		if err != nil {
			s.fail(w, r, "stories", err)
			return
		}
	}
	if d.Outlets, err = s.outlets.get(ctx, s.st.Outlets); err != nil {
		s.fail(w, r, "outlets", err)
		return
	}
	if d.People, err = s.people.get(ctx, s.peopleForFilter); err != nil {
		s.fail(w, r, "people", err)
		return
	}
	d.Filtered = f.From != "" || f.To != "" || f.Outlet != "" || f.Person != "" || f.Query != ""
	if f.Limit > 0 {
		d.Page = f.Offset/f.Limit + 1
		d.Pages = (d.Total + f.Limit - 1) / f.Limit
	}
	link := func(mod func(url.Values)) string {
		v := url.Values{}
		for _, k := range []string{"from", "to", "outlet", "person", "q", "sort"} {
			if x := q.Get(k); x != "" {
				v.Set(k, x)
			}
		}
		mod(v)
		if len(v) == 0 {
			return "/"
		}
		return "/?" + v.Encode()
	}
	if d.Page > 1 {
		d.PrevURL = link(func(v url.Values) { v.Set("page", strconv.Itoa(d.Page-1)) })
	}
	if d.Page < d.Pages {
		d.NextURL = link(func(v url.Values) { v.Set("page", strconv.Itoa(d.Page+1)) })
	}
	d.SortURL = map[string]string{
		"newest":  link(func(v url.Values) { v.Del("sort") }),
		"covered": link(func(v url.Values) { v.Set("sort", "covered") }),
	}
	s.render(w, r, status, "stories", page{Title: "Stories", Data: d})
}

type searchData struct {
	Q    string
	Hits []store.SearchHit
	Err  string
}

func (s *server) pageSearch(w http.ResponseWriter, r *http.Request) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	d := searchData{Q: q}
	status := http.StatusOK
	switch {
	case q == "":
	case len(q) > maxQueryLen:
		d.Err = fmt.Sprintf("The query is longer than %d bytes.", maxQueryLen)
		status = http.StatusBadRequest
	default:
		hits, err := s.st.Search(r.Context(), q, 100)
		if err != nil {
			s.fail(w, r, "search", err)
			return
		}
		d.Hits = hits
	}
	title := "Search"
	if q != "" {
		title = "Search: " + q
	}
	s.render(w, r, status, "search", page{Title: title, Query: q, Data: d})
}

func (s *server) pageStory(w http.ResponseWriter, r *http.Request) {
	st, into, err := s.storyOrFolded(r.Context(), r.PathValue("id"))
	if into != "" {
		http.Redirect(w, r, "/story/"+url.PathEscape(into), http.StatusMovedPermanently)
		return
	}
	if err != nil {
		s.fail(w, r, "Story", err)
		return
	}
	s.render(w, r, http.StatusOK, "story", page{Title: st.Title, Data: buildStoryView(st)})
}

func (s *server) pageArticle(w http.ResponseWriter, r *http.Request) {
	a, err := s.st.Article(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, "Article", err)
		return
	}
	s.render(w, r, http.StatusOK, "article", page{Title: a.Title, Data: buildArticleView(a)})
}

type personData struct {
	Name   string
	Roles  []string
	Total  int
	Groups []personGroup
}

func (s *server) pagePerson(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	sts, err := s.st.PersonStatements(r.Context(), name)
	if err != nil {
		s.fail(w, r, "Person", err)
		return
	}
	if len(sts) == 0 {
		s.renderError(w, r, http.StatusNotFound, "No statements by "+name+" in the store")
		return
	}
	stories := s.loadStories(r.Context(), sts)
	d := personData{Name: name, Total: len(sts), Groups: groupStatements(sts, stories)}
	seen := map[string]bool{}
	for _, st := range sts {
		if k := strings.ToLower(st.Role); st.Role != "" && !seen[k] {
			seen[k] = true
			d.Roles = append(d.Roles, st.Role)
		}
	}
	s.render(w, r, http.StatusOK, "person", page{Title: name, Data: d})
}

// loadStories fetches the stories a person's statements belong to, to
// cluster them by quote group. A story that fails to load only loses the
// clustering, so errors are not fatal here.
func (s *server) loadStories(ctx context.Context, sts []store.Statement) map[string]*model.Story {
	m := map[string]*model.Story{}
	for _, st := range sts {
		if _, ok := m[st.StoryID]; ok || st.StoryID == "" || len(m) >= 50 {
			continue
		}
		story, err := s.st.Story(ctx, st.StoryID)
		if err != nil {
			story = nil
		}
		m[st.StoryID] = story
	}
	return m
}

// peopleForFilter is the person select's list: the most covered people.
func (s *server) peopleForFilter(ctx context.Context) ([]store.PersonSummary, error) {
	return s.st.People(ctx, 500)
}
