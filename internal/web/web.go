// Package web serves the fact-checker's web UI and the JSON API over the
// store. It only reads, except for the optional, token-protected ingest
// endpoint. Pages are rendered server-side with html/template so that
// reading works without JavaScript; the few scripts live under /static/ so
// the Content-Security-Policy can forbid inline script.
package web

import (
	"context"
	"crypto/subtle"
	"embed"
	"errors"
	"html/template"
	"io/fs"
	"log"
	"net/http"
	"time"

	"github.com/crosswire-news/crosswire/internal/model"
	"github.com/crosswire-news/crosswire/internal/store"
)

// Store is what the web layer reads. *store.DB satisfies it; tests use an
// in-memory fake.
type Store interface {
	Stories(ctx context.Context, f store.StoryFilter) ([]store.StorySummary, int, error)
	Story(ctx context.Context, id string) (*model.Story, error) // store.ErrNotFound when missing
	// FoldedInto is the story a folded story's id now lives in; "" when
	// it was never folded. Story pages redirect there.
	FoldedInto(ctx context.Context, id string) (string, error)
	Article(ctx context.Context, id string) (*store.StoredArticle, error)
	Search(ctx context.Context, q string, limit int) ([]store.SearchHit, error)
	PersonStatements(ctx context.Context, name string) ([]store.Statement, error)
	People(ctx context.Context, limit int) ([]store.PersonSummary, error)
	Outlets(ctx context.Context) ([]string, error)
}

// IngestResult is what an ingest run reports back to the HTTP client.
type IngestResult struct {
	Read      int      `json:"read"`
	New       int      `json:"new"`
	Duplicate int      `json:"duplicate"`
	Failed    int      `json:"failed"`
	Errors    []string `json:"errors"`
}

// Ingester takes a posted document (JSON Lines, HTML or plain text) through
// the pipeline into the store. name is a label for provenance ("http:...").
type Ingester interface {
	IngestBytes(ctx context.Context, name string, body []byte) (IngestResult, error)
}

// Options configure the handler.
type Options struct {
	// Ingester enables POST /api/ingest when set together with IngestToken.
	Ingester    Ingester
	IngestToken string
	// MaxIngestBytes caps an ingest body; default 32 MiB.
	MaxIngestBytes int64
	// PageSize is the number of stories per list page; default 50.
	PageSize int
	// Logger receives handler errors; default log.Default().
	Logger *log.Logger
	// WarmLists computes the outlet and people lists in the background at
	// start, so the first list page does not wait for them.
	WarmLists bool
}

// Limits on what a client may send. Read-only routes take no body at all.
const (
	defaultMaxIngest = 32 << 20
	maxQueryLen      = 512
	maxPageSize      = 500
)

//go:embed templates/*.html static/*.css static/*.js static/*.svg openapi.json
var assets embed.FS

type server struct {
	st     Store
	opt    Options
	tmpl   map[string]*template.Template
	static http.Handler
	log    *log.Logger

	outlets ttlCache[[]string]
	people  ttlCache[[]store.PersonSummary]
}

// New returns the web UI and JSON API over st.
func New(st Store, opt Options) http.Handler {
	if opt.MaxIngestBytes <= 0 {
		opt.MaxIngestBytes = defaultMaxIngest
	}
	if opt.PageSize <= 0 {
		opt.PageSize = 50
	}
	if opt.PageSize > maxPageSize {
		opt.PageSize = maxPageSize
	}
	s := &server{st: st, opt: opt, log: opt.Logger}
	if s.log == nil {
		s.log = log.Default()
	}
	s.tmpl = mustTemplates()
	if opt.WarmLists {
		// Fill the filter lists before the first visitor asks for them.
		go s.outlets.refresh(s.st.Outlets)
		go s.people.refresh(s.peopleForFilter)
	}
	sub, err := fs.Sub(assets, "static")
	if err != nil {
		panic(err)
	}
	s.static = http.StripPrefix("/static/", http.FileServer(http.FS(sub)))

	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.pageStories)
	mux.HandleFunc("GET /search", s.pageSearch)
	mux.HandleFunc("GET /story/{id}", s.pageStory)
	mux.HandleFunc("GET /article/{id}", s.pageArticle)
	mux.HandleFunc("GET /person/{name}", s.pagePerson)
	mux.Handle("GET /static/", s.staticHandler())
	mux.HandleFunc("GET /favicon.ico", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/static/favicon.svg", http.StatusMovedPermanently)
	})

	mux.HandleFunc("GET /api/stories", s.apiStories)
	mux.HandleFunc("GET /api/stories/{id}", s.apiStory)
	mux.HandleFunc("GET /api/articles/{id}", s.apiArticle)
	mux.HandleFunc("GET /api/search", s.apiSearch)
	mux.HandleFunc("GET /api/people", s.apiPeople)
	mux.HandleFunc("GET /api/people/{name}", s.apiPerson)
	mux.HandleFunc("GET /api/outlets", s.apiOutlets)
	mux.HandleFunc("GET /api/openapi.json", s.apiOpenAPI)
	mux.HandleFunc("POST /api/ingest", s.apiIngest)
	// Anything else under /api/ answers in JSON, not with an HTML page.
	mux.HandleFunc("GET /api/", func(w http.ResponseWriter, r *http.Request) {
		writeJSONError(w, http.StatusNotFound, "no such endpoint")
	})
	mux.HandleFunc("GET /", func(w http.ResponseWriter, r *http.Request) {
		s.renderError(w, r, http.StatusNotFound, "Page not found")
	})
	return secure(mux)
}

// NewServer wraps h in an http.Server with timeouts and header limits, so a
// slow or hostile client cannot hold connections or memory.
func NewServer(addr string, h http.Handler) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       60 * time.Second, // ingest bodies may be large
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
}

// csp forbids everything but our own stylesheet and scripts: article text
// that slipped through escaping still could not run.
const csp = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; " +
	"base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// secure sets the security headers on every response and caps the body of
// every request but ingest (which has its own, larger cap).
func secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		if r.URL.Path != "/api/ingest" {
			r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
		}
		next.ServeHTTP(w, r)
	})
}

func (s *server) staticHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Assets are embedded in the binary: cacheable for a day.
		w.Header().Set("Cache-Control", "public, max-age=86400")
		s.static.ServeHTTP(w, r)
	})
}

// tokenOK compares in constant time so the token cannot be guessed byte by
// byte from response timings.
func tokenOK(header, token string) bool {
	const prefix = "Bearer "
	if token == "" || len(header) < len(prefix) || header[:len(prefix)] != prefix {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(header[len(prefix):]), []byte(token)) == 1
}

// storyOrFolded reads story id. When it is not stored but was folded into
// another story, it returns instead the id to redirect to: links to a
// story stay good when the linker later folds it into a bigger one.
func (s *server) storyOrFolded(ctx context.Context, id string) (st *model.Story, into string, err error) {
	st, err = s.st.Story(ctx, id)
	if !isNotFound(err) {
		return st, "", err
	}
	into, ferr := s.st.FoldedInto(ctx, id)
	if ferr != nil {
		return nil, "", ferr // a failure to read, not a missing story
	}
	if into == "" {
		return nil, "", err
	}
	return nil, into, nil
}

// isNotFound reports whether err means the thing asked for does not exist.
func isNotFound(err error) bool {
	return errors.Is(err, store.ErrNotFound)
}
