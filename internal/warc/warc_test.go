package warc

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
)

var t0 = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func page(i int) []byte {
	return []byte(fmt.Sprintf("<html><head><title>Page %d</title></head><body><p>Invented report number %d about a harbour ferry.</p></body></html>", i, i))
}

// sample writes a small crawl: warcinfo, then per page a request and a
// response, plus a non-HTML response, a 404 and a metadata record.
func sample(t testing.TB, gzipPerRecord bool, pages int) []byte {
	var buf bytes.Buffer
	w := NewWriter(&buf, gzipPerRecord)
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(w.WriteWarcinfo("test.warc", t0, map[string]string{"software": "crosswire-test", "format": "WARC File Format 1.1"}))
	for i := 0; i < pages; i++ {
		u := fmt.Sprintf("https://harbor-gazette.example/news/%d", i)
		must(w.WriteRequest(u, t0))
		must(w.WriteResponse(u, t0.Add(time.Duration(i)*time.Second), 200, nil, page(i)))
	}
	must(w.WriteResponse("https://harbor-gazette.example/logo.png", t0, 200, http.Header{"Content-Type": {"image/png"}}, []byte("\x89PNG fake")))
	must(w.WriteResponse("https://harbor-gazette.example/missing", t0, 404, nil, []byte("<html>not found</html>")))
	must(w.WriteRecord("metadata", "https://harbor-gazette.example/news/0", t0, "application/warc-fields", nil, []byte("outlinks: none\r\n")))
	return buf.Bytes()
}

func wholeGzip(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

type summary struct {
	records, html int
	types         map[string]int
	bodies        []string
}

func readAll(t testing.TB, data []byte) (summary, error) {
	r, err := NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	s := summary{types: map[string]int{}}
	for {
		rec, err := r.Next()
		if err == io.EOF {
			return s, nil
		}
		if err != nil {
			return s, err
		}
		s.records++
		s.types[rec.Type]++
		if !rec.IsHTML() {
			continue
		}
		b, err := rec.HTMLUTF8(1 << 20)
		if err != nil {
			return s, err
		}
		s.html++
		s.bodies = append(s.bodies, string(b))
	}
}

func TestRoundTripLayouts(t *testing.T) {
	plain := sample(t, false, 5)
	for name, data := range map[string][]byte{
		"plain":           plain,
		"gzip per record": sample(t, true, 5),
		"whole-file gzip": wholeGzip(plain),
	} {
		s, err := readAll(t, data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if s.records != 14 || s.html != 5 || s.types["request"] != 5 || s.types["response"] != 7 || s.types["warcinfo"] != 1 || s.types["metadata"] != 1 {
			t.Errorf("%s: %+v", name, s)
		}
		for i, b := range s.bodies {
			if b != string(page(i)) {
				t.Errorf("%s: body %d = %q", name, i, b)
			}
		}
	}
}

func TestRecordFields(t *testing.T) {
	r, err := NewReader(bytes.NewReader(sample(t, true, 1)))
	if err != nil {
		t.Fatal(err)
	}
	info, _ := r.Next()
	if info.Type != "warcinfo" || info.Header["WARC-Filename"] != "test.warc" || info.Number != 1 || info.Offset != 0 {
		t.Errorf("warcinfo: %+v", info)
	}
	req, _ := r.Next()
	if req.Type != "request" || req.IsHTML() || req.HTTPStatus != 0 {
		t.Errorf("request: %+v", req)
	}
	resp, err := r.Next()
	if err != nil {
		t.Fatal(err)
	}
	if resp.TargetURI != "https://harbor-gazette.example/news/0" || !resp.Date.Equal(t0) || !strings.HasPrefix(resp.ID, "<urn:uuid:") ||
		resp.HTTPStatus != 200 || resp.HTTPHeader.Get("Content-Length") == "" || resp.ContentType != "text/html; charset=utf-8" || !resp.IsHTML() {
		t.Errorf("response: %+v", resp)
	}
	if resp.Get("warc-target-uri") != resp.TargetURI || resp.Get("content-length") == "" {
		t.Errorf("Get is not case-insensitive")
	}
	if _, err := r.Next(); err != nil { // png, body unread: skipped by Next
		t.Fatal(err)
	}
	nf, _ := r.Next()
	if nf.HTTPStatus != 404 || nf.IsHTML() {
		t.Errorf("404: %+v", nf)
	}
}

// rawRecord builds a response record by hand, for payloads the Writer
// would not produce.
func rawRecord(uri, httpMsg string) string {
	return fmt.Sprintf("WARC/1.0\r\nWARC-Type: response\r\nwarc-target-uri: %s\r\nWARC-Date: 2026-03-01T12:00:00.5Z\r\nContent-Type: application/http;msgtype=response\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n", uri, len(httpMsg), httpMsg)
}

func TestChunkedGzipAndCharsets(t *testing.T) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte("<html><body>gzipped and chunked</body></html>"))
	zw.Close()
	half := gz.Len() / 2
	chunked := fmt.Sprintf("%x\r\n%s\r\n%x\r\n%s\r\n0\r\n\r\n", half, gz.Bytes()[:half], gz.Len()-half, gz.Bytes()[half:])
	latin := string(mustEncode(t, charmap.Windows1252, "<html><body>caf\u00e9 \u201cquoted\u201d</body></html>"))
	meta := string(mustEncode(t, charmap.ISO8859_1, `<html><head><meta charset="iso-8859-1"></head><body>na&iuml;ve se&ntilde;or: se`+"\u00f1"+`or</body></html>`))
	file := rawRecord("http://a.example/1", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n"+chunked) +
		rawRecord("http://a.example/2", "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=windows-1252\r\n\r\n"+latin) +
		rawRecord("http://a.example/3", "HTTP/1.0 200 OK\r\nContent-Type: text/html\r\nbogus header line\r\n\r\n"+meta)
	s, err := readAll(t, []byte(file))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"gzipped and chunked", "caf\u00e9 \u201cquoted\u201d", "se\u00f1or</body>"}
	if len(s.bodies) != 3 {
		t.Fatalf("%+v", s)
	}
	for i, w := range want {
		if !strings.Contains(s.bodies[i], w) {
			t.Errorf("body %d = %q, want %q", i, s.bodies[i], w)
		}
	}
}

func mustEncode(t *testing.T, cm *charmap.Charmap, s string) []byte {
	b, err := cm.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestTruncated(t *testing.T) {
	for _, gz := range []bool{false, true} {
		data := sample(t, gz, 5)
		// Find where record 6 (the 3rd response) starts and cut inside it.
		full, err := readAll(t, data)
		if err != nil || full.html != 5 {
			t.Fatal(err)
		}
		var cutAt int
		{
			var buf bytes.Buffer
			w := NewWriter(&buf, gz)
			w.WriteWarcinfo("test.warc", t0, map[string]string{"software": "crosswire-test", "format": "WARC File Format 1.1"})
			for i := 0; i < 2; i++ {
				u := fmt.Sprintf("https://harbor-gazette.example/news/%d", i)
				w.WriteRequest(u, t0)
				w.WriteResponse(u, t0.Add(time.Duration(i)*time.Second), 200, nil, page(i))
			}
			w.WriteRequest("https://harbor-gazette.example/news/2", t0)
			cutAt = buf.Len() + 60 // inside the 3rd response's block
			if gz {
				cutAt = buf.Len() + 40 // inside its gzip member
			}
		}
		r, _ := NewReader(bytes.NewReader(data[:cutAt]))
		var html int
		var lastErr error
		for {
			rec, err := r.Next()
			if err != nil {
				lastErr = err
				break
			}
			if rec.IsHTML() {
				if _, err := rec.HTMLUTF8(1 << 20); err != nil {
					lastErr = err
					break
				}
				html++
			}
		}
		if html != 2 {
			t.Errorf("gzip=%v: %d whole pages before the cut, want 2", gz, html)
		}
		if lastErr == nil || lastErr == io.EOF || !strings.Contains(lastErr.Error(), "truncated record") || !strings.Contains(lastErr.Error(), "at offset") {
			t.Errorf("gzip=%v: error %v", gz, lastErr)
		}
		// The error is sticky.
		if _, err := r.Next(); err == nil || err == io.EOF {
			t.Errorf("gzip=%v: Next after truncation = %v", gz, err)
		}
	}
	// Cut inside the headers of a record.
	data := sample(t, false, 2)
	idx := bytes.Index(data[10:], []byte("WARC/1.1")) + 10
	_, err := readAll(t, data[:idx+20])
	if err == nil || !strings.Contains(err.Error(), "truncated record 2") {
		t.Errorf("cut in headers: %v", err)
	}
}

func TestPayloadCapSkipsRecord(t *testing.T) {
	var buf bytes.Buffer
	w := NewWriter(&buf, false)
	w.WriteResponse("https://a.example/huge", t0, 200, nil, bytes.Repeat([]byte("x"), 10000))
	w.WriteResponse("https://a.example/small", t0, 200, nil, []byte("<p>small</p>"))
	r, _ := NewReader(&buf)
	r.MaxPayload = 4096
	big, _ := r.Next()
	_, err := big.HTMLUTF8(1 << 20)
	if err == nil || !strings.Contains(err.Error(), "payload exceeds 4096 bytes") {
		t.Errorf("huge: %v", err)
	}
	small, err := r.Next()
	if err != nil {
		t.Fatal(err)
	}
	if b, err := small.HTMLUTF8(100); err != nil || string(b) != "<p>small</p>" {
		t.Errorf("small: %q %v", b, err)
	}
	// The HTMLUTF8 cap as well.
	var buf2 bytes.Buffer
	NewWriter(&buf2, false).WriteResponse("https://a.example/m", t0, 200, nil, bytes.Repeat([]byte("y"), 500))
	r2, _ := NewReader(&buf2)
	rec, _ := r2.Next()
	if _, err := rec.HTMLUTF8(100); err == nil || !strings.Contains(err.Error(), "exceeds 100 bytes") {
		t.Errorf("HTMLUTF8 cap: %v", err)
	}
}

func TestNotWARC(t *testing.T) {
	_, err := readAll(t, []byte("<html>this is not a warc</html>\n"))
	if err == nil || !strings.Contains(err.Error(), "expected a WARC/1.x version line") {
		t.Errorf("%v", err)
	}
	s, err := readAll(t, nil)
	if err != nil || s.records != 0 {
		t.Errorf("empty: %v %+v", err, s)
	}
	_, err = readAll(t, []byte("WARC/1.0\r\nWARC-Type: response\r\n\r\n"))
	if err == nil || !strings.Contains(err.Error(), "no Content-Length") {
		t.Errorf("%v", err)
	}
}

func TestLargeRecordStreamsInConstantMemory(t *testing.T) {
	if testing.Short() {
		t.Skip()
	}
	// A 32 MiB body is skipped without being read: allocations stay far
	// below its size.
	body := bytes.Repeat([]byte("z"), 32<<20)
	var buf bytes.Buffer
	w := NewWriter(&buf, false)
	w.WriteResponse("https://a.example/big", t0, 200, nil, body)
	w.WriteResponse("https://a.example/after", t0, 200, nil, []byte("<p>after</p>"))
	data := buf.Bytes()
	r, _ := NewReader(bytes.NewReader(data))
	var ms1, ms2 runtimeMem
	ms1.read()
	rec, _ := r.Next()
	if rec.Length < 32<<20 {
		t.Fatalf("length %d", rec.Length)
	}
	rec2, err := r.Next()
	if err != nil || rec2.TargetURI != "https://a.example/after" {
		t.Fatalf("%v %+v", err, rec2)
	}
	ms2.read()
	if grew := ms2.total - ms1.total; grew > 4<<20 {
		t.Errorf("skipping a 32 MiB record allocated %d bytes", grew)
	}
}

type runtimeMem struct{ total uint64 }

func (m *runtimeMem) read() {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	m.total = ms.TotalAlloc
}
