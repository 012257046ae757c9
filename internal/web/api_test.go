package web

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"
)

// A small OpenAPI 3.0 schema checker: type, nullable, required, properties
// (unknown properties are errors, so the document cannot fall behind the
// code), items, additionalProperties, enum, allOf and $ref to components.
type oaChecker struct {
	doc map[string]any
}

func loadOpenAPI(t *testing.T) *oaChecker {
	t.Helper()
	b, err := assets.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if doc["openapi"] != "3.0.3" {
		t.Fatalf("openapi version %v", doc["openapi"])
	}
	return &oaChecker{doc: doc}
}

func (c *oaChecker) resolve(ref string) map[string]any {
	var cur any = c.doc
	for _, p := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
		m, _ := cur.(map[string]any)
		cur = m[p]
	}
	m, _ := cur.(map[string]any)
	return m
}

func (c *oaChecker) check(schema map[string]any, v any, at string) []string {
	if schema == nil {
		return []string{at + ": no schema"}
	}
	if ref, ok := schema["$ref"].(string); ok {
		r := c.resolve(ref)
		if r == nil {
			return []string{at + ": dangling $ref " + ref}
		}
		return c.check(r, v, at)
	}
	if v == nil {
		if schema["nullable"] == true {
			return nil
		}
		return []string{at + ": null but not nullable"}
	}
	var errs []string
	if all, ok := schema["allOf"].([]any); ok {
		for _, s := range all {
			sm, _ := s.(map[string]any)
			errs = append(errs, c.check(sm, v, at)...)
		}
	}
	if enum, ok := schema["enum"].([]any); ok {
		found := false
		for _, e := range enum {
			if e == v {
				found = true
			}
		}
		if !found {
			errs = append(errs, fmt.Sprintf("%s: %v not in enum %v", at, v, enum))
		}
	}
	typ, _ := schema["type"].(string)
	switch typ {
	case "":
	case "string":
		if _, ok := v.(string); !ok {
			errs = append(errs, fmt.Sprintf("%s: want string, got %T", at, v))
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			errs = append(errs, fmt.Sprintf("%s: want boolean, got %T", at, v))
		}
	case "number":
		if _, ok := v.(float64); !ok {
			errs = append(errs, fmt.Sprintf("%s: want number, got %T", at, v))
		}
	case "integer":
		if f, ok := v.(float64); !ok || f != math.Trunc(f) {
			errs = append(errs, fmt.Sprintf("%s: want integer, got %v", at, v))
		}
	case "array":
		arr, ok := v.([]any)
		if !ok {
			return append(errs, fmt.Sprintf("%s: want array, got %T", at, v))
		}
		items, _ := schema["items"].(map[string]any)
		for i, e := range arr {
			errs = append(errs, c.check(items, e, fmt.Sprintf("%s[%d]", at, i))...)
		}
	case "object":
		obj, ok := v.(map[string]any)
		if !ok {
			return append(errs, fmt.Sprintf("%s: want object, got %T", at, v))
		}
		props, _ := schema["properties"].(map[string]any)
		req, _ := schema["required"].([]any)
		for _, r := range req {
			if _, ok := obj[r.(string)]; !ok {
				errs = append(errs, fmt.Sprintf("%s: missing required %q", at, r))
			}
		}
		addl, hasAddl := schema["additionalProperties"].(map[string]any)
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if ps, ok := props[k].(map[string]any); ok {
				errs = append(errs, c.check(ps, obj[k], at+"."+k)...)
			} else if hasAddl {
				errs = append(errs, c.check(addl, obj[k], at+"."+k)...)
			} else {
				errs = append(errs, fmt.Sprintf("%s: property %q not in the document", at, k))
			}
		}
	default:
		errs = append(errs, at+": unsupported type "+typ)
	}
	return errs
}

// responseSchema finds the schema the document promises for path+status.
func (c *oaChecker) responseSchema(t *testing.T, method, path string, status int) map[string]any {
	t.Helper()
	paths := c.doc["paths"].(map[string]any)
	op, _ := paths[path].(map[string]any)[strings.ToLower(method)].(map[string]any)
	if op == nil {
		t.Fatalf("%s %s not in openapi.json", method, path)
	}
	resp, _ := op["responses"].(map[string]any)[fmt.Sprint(status)].(map[string]any)
	if resp == nil {
		t.Fatalf("%s %s: status %d not documented", method, path, status)
	}
	return resp["content"].(map[string]any)["application/json"].(map[string]any)["schema"].(map[string]any)
}

func TestAPIMatchesOpenAPI(t *testing.T) {
	oa := loadOpenAPI(t)
	h := New(newFakeStore(t), quietOptions())
	covered := validateAPI(t, oa, h)
	for p := range oa.doc["paths"].(map[string]any) {
		if !covered[p] && p != "/api/ingest" {
			t.Errorf("documented path %s has no validated response", p)
		}
	}

	// Spot checks of content, beyond shape.
	var story struct {
		QuoteGroups []struct{ Speaker string } `json:"quote_groups"`
		Unique      map[string][]string        `json:"unique"`
	}
	json.Unmarshal([]byte(mustGet(t, h, "/api/stories/story-bridge")), &story)
	if len(story.QuoteGroups) != 3 || story.QuoteGroups[1].Speaker != "Tobias Renn" || len(story.Unique) != 2 {
		t.Errorf("story json: %+v", story)
	}
	var sr searchResult
	json.Unmarshal([]byte(mustGet(t, h, "/api/search?q=corroded")), &sr)
	if len(sr.Hits) == 0 || !strings.EqualFold(sr.Hits[0].Snippet[sr.Hits[0].Highlights[0].Start:sr.Hits[0].Highlights[0].End], "corroded") {
		t.Errorf("search highlights: %+v", sr)
	}
	var art apiArticle
	json.Unmarshal([]byte(mustGet(t, h, "/api/articles/eastport-bridge")), &art)
	if art.StoryID != "story-bridge" || art.CopyOf != "sentinel-bridge" || art.Similarity != 0.97 {
		t.Errorf("article membership: %+v", art)
	}
}

func TestIngestResponsesMatchOpenAPI(t *testing.T) {
	oa := loadOpenAPI(t)
	opt := quietOptions()
	opt.Ingester, opt.IngestToken = &fakeIngester{}, "tok"
	h := New(newFakeStore(t), opt)
	for _, tc := range []struct {
		auth   string
		status int
	}{{"Bearer tok", 200}, {"Bearer nope", 401}} {
		req := httptest.NewRequest("POST", "/api/ingest", strings.NewReader("Title\n\nBody text."))
		req.Header.Set("Authorization", tc.auth)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != tc.status {
			t.Fatalf("ingest: %d", rec.Code)
		}
		var v any
		json.Unmarshal(rec.Body.Bytes(), &v)
		for _, e := range oa.check(oa.responseSchema(t, "POST", "/api/ingest", tc.status), v, "ingest") {
			t.Error(e)
		}
	}
	// The document is served as is.
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/api/openapi.json", nil))
	if rec.Code != http.StatusOK || !json.Valid(rec.Body.Bytes()) {
		t.Errorf("openapi.json: %d", rec.Code)
	}
}

// apiCases are real requests whose responses must match the document.
var apiCases = []struct {
	url, path string
	status    int
}{
	{"/api/stories", "/api/stories", 200},
	{"/api/stories?sort=covered&limit=1&offset=1", "/api/stories", 200},
	{"/api/stories?outlet=Ridgeline+Post&from=2026-05-01&to=2026-05-31&person=Mara+Ilves&q=cables", "/api/stories", 200},
	{"/api/stories?from=May", "/api/stories", 400},
	{"/api/stories/story-bridge", "/api/stories/{id}", 200},
	{"/api/stories/story-library", "/api/stories/{id}", 200},
	{"/api/stories/story-xss", "/api/stories/{id}", 200},
	{"/api/stories/none", "/api/stories/{id}", 404},
	{"/api/articles/sentinel-bridge", "/api/articles/{id}", 200},
	{"/api/articles/eastport-bridge", "/api/articles/{id}", 200},
	{"/api/articles/greyhaven-2", "/api/articles/{id}", 200},
	{"/api/articles/none", "/api/articles/{id}", 404},
	{"/api/search?q=cables", "/api/search", 200},
	{"/api/search?q=nothing-like-this", "/api/search", 200},
	{"/api/search", "/api/search", 400},
	{"/api/people", "/api/people", 200},
	{"/api/people?limit=2", "/api/people", 200},
	{"/api/people/Mara%20Ilves", "/api/people/{name}", 200},
	{"/api/people/Nobody", "/api/people/{name}", 404},
	{"/api/outlets", "/api/outlets", 200},
}

// validateAPI runs apiCases against h and checks every response against
// the schema the document gives for its path and status.
func validateAPI(t *testing.T, oa *oaChecker, h http.Handler) map[string]bool {
	t.Helper()
	covered := map[string]bool{}
	for _, tc := range apiCases {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", tc.url, nil))
		if rec.Code != tc.status {
			t.Errorf("GET %s: %d, want %d: %s", tc.url, rec.Code, tc.status, rec.Body)
			continue
		}
		if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Errorf("GET %s: content type %q", tc.url, ct)
		}
		var v any
		if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
			t.Errorf("GET %s: %v", tc.url, err)
			continue
		}
		for _, e := range oa.check(oa.responseSchema(t, "GET", tc.path, tc.status), v, tc.url) {
			t.Error(e)
		}
		covered[tc.path] = true
	}
	return covered
}
