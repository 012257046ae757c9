package web

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/crosswire-news/crosswire/internal/model"
	"github.com/crosswire-news/crosswire/internal/store"
)

// The JSON API mirrors the pages. Every list is [] rather than null so
// clients (and the OpenAPI document) can rely on the types.

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

type apiError struct {
	Error string `json:"error"`
}

func writeJSONError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, apiError{Error: msg})
}

func (s *server) apiFail(w http.ResponseWriter, r *http.Request, what string, err error) {
	if isNotFound(err) {
		writeJSONError(w, http.StatusNotFound, what+" not found")
		return
	}
	if r.Context().Err() != nil {
		return
	}
	s.log.Printf("web: %s %s: %v", r.Method, r.URL.Path, err)
	writeJSONError(w, http.StatusInternalServerError, "internal error")
}

type storyList struct {
	Total   int                  `json:"total"`
	Limit   int                  `json:"limit"`
	Offset  int                  `json:"offset"`
	Stories []store.StorySummary `json:"stories"`
}

func (s *server) apiStories(w http.ResponseWriter, r *http.Request) {
	f, err := parseFilter(r.URL.Query(), s.opt.PageSize)
	if err != nil {
		writeJSONError(w, http.StatusBadRequest, err.Error())
		return
	}
	list, total, err := s.st.Stories(r.Context(), f)
	if err != nil {
		s.apiFail(w, r, "stories", err)
		return
	}
	for i := range list {
		list[i].OutletNames = nonNil(list[i].OutletNames)
	}
	writeJSON(w, http.StatusOK, storyList{Total: total, Limit: f.Limit, Offset: f.Offset, Stories: nonNil(list)})
}

// storyMoved is the body of the redirect from a folded story's id.
type storyMoved struct {
	FoldedInto string `json:"folded_into"`
}

func (s *server) apiStory(w http.ResponseWriter, r *http.Request) {
	st, into, err := s.storyOrFolded(r.Context(), r.PathValue("id"))
	if into != "" {
		// A JSON body rather than http.Redirect's HTML: everything under
		// /api/ answers in JSON.
		w.Header().Set("Location", "/api/stories/"+url.PathEscape(into))
		writeJSON(w, http.StatusMovedPermanently, storyMoved{FoldedInto: into})
		return
	}
	if err != nil {
		s.apiFail(w, r, "story", err)
		return
	}
	writeJSON(w, http.StatusOK, normStory(st))
}

// normStory returns a copy of st with every list and map non-nil.
func normStory(st *model.Story) *model.Story {
	c := *st
	c.Articles = nonNil(c.Articles)
	for i := range c.Articles {
		c.Articles[i].Byline = nonNil(c.Articles[i].Byline)
	}
	c.Origins = nonNil(c.Origins)
	for i := range c.Origins {
		c.Origins[i].CitedBy = nonNil(c.Origins[i].CitedBy)
	}
	c.QuoteGroups = nonNil(c.QuoteGroups)
	for i := range c.QuoteGroups {
		c.QuoteGroups[i].Variants = nonNil(c.QuoteGroups[i].Variants)
	}
	c.Claims = nonNil(c.Claims)
	for i := range c.Claims {
		c.Claims[i].Articles = nonNil(c.Claims[i].Articles)
	}
	if c.Unique == nil {
		c.Unique = map[string][]string{}
	}
	c.Discrepancies = nonNil(c.Discrepancies)
	for i := range c.Discrepancies {
		c.Discrepancies[i].Articles = nonNil(c.Discrepancies[i].Articles)
	}
	return &c
}

// apiArticle is a stored article with its membership spelled in the API's
// snake_case rather than the store's Go field names.
type apiArticle struct {
	model.Article
	StoryID     string  `json:"story_id"`
	DuplicateOf string  `json:"duplicate_of"`
	CopyOf      string  `json:"copy_of"`
	Similarity  float64 `json:"similarity"`
	IngestedAt  string  `json:"ingested_at"`
}

func (s *server) apiArticle(w http.ResponseWriter, r *http.Request) {
	a, err := s.st.Article(r.Context(), r.PathValue("id"))
	if err != nil {
		s.apiFail(w, r, "article", err)
		return
	}
	out := apiArticle{Article: a.Article, StoryID: a.StoryID, DuplicateOf: a.DuplicateOf,
		CopyOf: a.CopyOf, Similarity: a.Similarity, IngestedAt: a.IngestedAt}
	out.Byline = nonNil(out.Byline)
	out.Dropped = nonNil(out.Dropped)
	out.People = nonNil(out.People)
	for i := range out.People {
		out.People[i].Roles = nonNil(out.People[i].Roles)
	}
	out.Organizations = nonNil(out.Organizations)
	out.Attributions = nonNil(out.Attributions)
	writeJSON(w, http.StatusOK, out)
}

type apiHit struct {
	store.SearchHit
	Highlights []highlight `json:"highlights"`
}

type searchResult struct {
	Query string   `json:"query"`
	Hits  []apiHit `json:"hits"`
}

func (s *server) apiSearch(w http.ResponseWriter, r *http.Request) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if q == "" || len(q) > maxQueryLen {
		writeJSONError(w, http.StatusBadRequest, "q is required, at most 512 bytes")
		return
	}
	limit, ok := limitParam(w, r, 50)
	if !ok {
		return
	}
	hits, err := s.st.Search(r.Context(), q, limit)
	if err != nil {
		s.apiFail(w, r, "search", err)
		return
	}
	out := searchResult{Query: q, Hits: []apiHit{}}
	for _, h := range hits {
		ah := apiHit{SearchHit: h}
		ah.Snippet, ah.Highlights = snippetPlain(h.Snippet)
		out.Hits = append(out.Hits, ah)
	}
	writeJSON(w, http.StatusOK, out)
}

func limitParam(w http.ResponseWriter, r *http.Request, def int) (int, bool) {
	v := r.URL.Query().Get("limit")
	if v == "" {
		return def, true
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > maxPageSize {
		writeJSONError(w, http.StatusBadRequest, "limit is 1..500")
		return 0, false
	}
	return n, true
}

type peopleList struct {
	People []store.PersonSummary `json:"people"`
}

func (s *server) apiPeople(w http.ResponseWriter, r *http.Request) {
	limit, ok := limitParam(w, r, 100)
	if !ok {
		return
	}
	ps, err := s.st.People(r.Context(), limit)
	if err != nil {
		s.apiFail(w, r, "people", err)
		return
	}
	for i := range ps {
		ps[i].Roles = nonNil(ps[i].Roles)
	}
	writeJSON(w, http.StatusOK, peopleList{People: nonNil(ps)})
}

type personStatements struct {
	Name       string            `json:"name"`
	Statements []store.Statement `json:"statements"`
}

func (s *server) apiPerson(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	sts, err := s.st.PersonStatements(r.Context(), name)
	if err != nil {
		s.apiFail(w, r, "person", err)
		return
	}
	if len(sts) == 0 {
		writeJSONError(w, http.StatusNotFound, "person not found")
		return
	}
	writeJSON(w, http.StatusOK, personStatements{Name: name, Statements: sts})
}

type outletList struct {
	Outlets []string `json:"outlets"`
}

func (s *server) apiOutlets(w http.ResponseWriter, r *http.Request) {
	os, err := s.st.Outlets(r.Context())
	if err != nil {
		s.apiFail(w, r, "outlets", err)
		return
	}
	writeJSON(w, http.StatusOK, outletList{Outlets: nonNil(os)})
}

func (s *server) apiOpenAPI(w http.ResponseWriter, r *http.Request) {
	b, _ := assets.ReadFile("openapi.json")
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(b)
}

// apiIngest hands a posted document to the pipeline. It is off unless the
// server was started with an ingester and a token.
func (s *server) apiIngest(w http.ResponseWriter, r *http.Request) {
	if s.opt.Ingester == nil || s.opt.IngestToken == "" {
		writeJSONError(w, http.StatusForbidden, "ingest is disabled on this server (start it with --allow-ingest)")
		return
	}
	if !tokenOK(r.Header.Get("Authorization"), s.opt.IngestToken) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="crosswire"`)
		writeJSONError(w, http.StatusUnauthorized, "missing or wrong bearer token")
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.opt.MaxIngestBytes))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeJSONError(w, http.StatusRequestEntityTooLarge, "body larger than "+strconv.FormatInt(s.opt.MaxIngestBytes, 10)+" bytes")
			return
		}
		writeJSONError(w, http.StatusBadRequest, "could not read body")
		return
	}
	if len(body) == 0 {
		writeJSONError(w, http.StatusBadRequest, "empty body")
		return
	}
	name := strings.TrimSpace(r.URL.Query().Get("name"))
	if name == "" || len(name) > 256 {
		name = "http-ingest"
	}
	res, err := s.opt.Ingester.IngestBytes(r.Context(), name, body)
	// New articles may bring new outlets and people to the filters.
	s.outlets.expire()
	s.people.expire()
	res.Errors = nonNil(res.Errors)
	if err != nil {
		s.log.Printf("web: ingest %s: %v", name, err)
		res.Errors = append(res.Errors, err.Error())
		writeJSON(w, http.StatusUnprocessableEntity, res)
		return
	}
	writeJSON(w, http.StatusOK, res)
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
