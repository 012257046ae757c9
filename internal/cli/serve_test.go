package cli

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crosswire-news/crosswire/internal/link"
	"github.com/crosswire-news/crosswire/internal/pipeline"
	"github.com/crosswire-news/crosswire/internal/store"
	"github.com/crosswire-news/crosswire/internal/web"
)

func TestServeRefusesAnOpenIngestEndpoint(t *testing.T) {
	t.Setenv("CROSSWIRE_INGEST_TOKEN", "")
	db := filepath.Join(t.TempDir(), "cw.db")
	code, _, errs := run(t, "", "serve", "--db", db, "--allow-ingest")
	if code != ExitUsage || !strings.Contains(errs, "needs a token") {
		t.Fatalf("code %d stderr %q", code, errs)
	}
	code, _, errs = run(t, "", "serve", "--db", db, "--allow-ingest", "--ingest-token", "short")
	if code != ExitUsage || !strings.Contains(errs, "at least 16") {
		t.Fatalf("short token: code %d stderr %q", code, errs)
	}
}

// Ingest over HTTP goes through the same pipeline as the command line and
// then shows up in the API.
func TestIngestOverHTTP(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(filepath.Join(t.TempDir(), "cw.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	p, err := pipeline.New(ctx, db, link.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	const token = "a-long-enough-test-token"
	srv := httptest.NewServer(web.New(db, web.Options{Ingester: &pipelineIngester{p: p}, IngestToken: token}))
	defer srv.Close()
	body, err := os.ReadFile(filepath.Join(examples, "kessel-library.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	post := func(tok string) *http.Response {
		req, _ := http.NewRequest("POST", srv.URL+"/api/ingest", strings.NewReader(string(body)))
		req.Header.Set("Authorization", "Bearer "+tok)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	if r := post("wrong-token-wrong-token"); r.StatusCode != http.StatusUnauthorized && r.StatusCode != http.StatusForbidden {
		t.Fatalf("wrong token: status %d", r.StatusCode)
	}
	if n, _, _ := db.Counts(ctx); n != 0 {
		t.Fatalf("a refused request stored %d articles", n)
	}
	if r := post(token); r.StatusCode != http.StatusOK {
		t.Fatalf("ingest: status %d", r.StatusCode)
	}
	if ok, _ := db.HasArticle(ctx, "kessel-star-library"); !ok {
		t.Fatal("ingested article not stored")
	}
	resp, err := http.Get(srv.URL + "/api/articles/kessel-star-library")
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("API does not serve the ingested article: %v %v", resp.StatusCode, err)
	}
	resp.Body.Close()
}
