package warc

import (
	"bytes"
	"compress/gzip"
	"crypto/sha1"
	"encoding/base32"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strconv"
	"time"
)

// Writer writes WARC/1.1 records, each its own gzip member when gzip is on
// (the layout crawlers use, so a reader can seek to any record). For a
// whole-file gzip, wrap the destination in a gzip.Writer and turn gzip off.
type Writer struct {
	w    io.Writer
	gz   *gzip.Writer // reused across records
	n    int
	buf  bytes.Buffer
	http bytes.Buffer
}

// NewWriter writes to w; gzipPerRecord compresses each record separately.
func NewWriter(w io.Writer, gzipPerRecord bool) *Writer {
	wr := &Writer{w: w}
	if gzipPerRecord {
		wr.gz = gzip.NewWriter(io.Discard)
	}
	return wr
}

// WriteWarcinfo writes the warcinfo record that conventionally opens a file.
func (w *Writer) WriteWarcinfo(filename string, date time.Time, fields map[string]string) error {
	var b bytes.Buffer
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, "%s: %s\r\n", k, fields[k])
	}
	extra := map[string]string{}
	if filename != "" {
		extra["WARC-Filename"] = filename
	}
	return w.WriteRecord("warcinfo", "", date, "application/warc-fields", extra, b.Bytes())
}

// WriteResponse writes a response record holding an HTTP/1.1 response with
// the given status, headers and body. A nil header means
// "Content-Type: text/html; charset=utf-8". Content-Length is added unless
// the header has Transfer-Encoding (then body must already be chunked).
func (w *Writer) WriteResponse(targetURI string, date time.Time, status int, header http.Header, body []byte) error {
	if header == nil {
		header = http.Header{"Content-Type": {"text/html; charset=utf-8"}}
	}
	w.http.Reset()
	text := http.StatusText(status)
	if text == "" {
		text = "Status"
	}
	fmt.Fprintf(&w.http, "HTTP/1.1 %d %s\r\n", status, text)
	h := header
	if h.Get("Content-Length") == "" && h.Get("Transfer-Encoding") == "" {
		h = header.Clone()
		h.Set("Content-Length", strconv.Itoa(len(body)))
	}
	if err := h.Write(&w.http); err != nil {
		return err
	}
	w.http.WriteString("\r\n")
	w.http.Write(body)
	return w.WriteRecord("response", targetURI, date, "application/http; msgtype=response", nil, w.http.Bytes())
}

// WriteRequest writes a GET request record (the kind that accompanies each
// response in a crawl).
func (w *Writer) WriteRequest(targetURI string, date time.Time) error {
	block := fmt.Sprintf("GET %s HTTP/1.1\r\nUser-Agent: crosswire-test\r\n\r\n", targetURI)
	return w.WriteRecord("request", targetURI, date, "application/http; msgtype=request", nil, []byte(block))
}

// WriteRecord writes any record: the standard headers come from the
// arguments, extra ones (sorted) from extra.
func (w *Writer) WriteRecord(typ, targetURI string, date time.Time, contentType string, extra map[string]string, block []byte) error {
	w.n++
	sum := sha1.Sum(block)
	id := sha1.Sum([]byte(fmt.Sprintf("%d\x00%s\x00%s\x00%x", w.n, typ, targetURI, sum)))
	b := &w.buf
	b.Reset()
	b.WriteString("WARC/1.1\r\n")
	fmt.Fprintf(b, "WARC-Type: %s\r\n", typ)
	fmt.Fprintf(b, "WARC-Record-ID: <urn:uuid:%x-%x-%x-%x-%x>\r\n", id[0:4], id[4:6], id[6:8], id[8:10], id[10:16])
	fmt.Fprintf(b, "WARC-Date: %s\r\n", date.UTC().Format(time.RFC3339))
	if targetURI != "" {
		fmt.Fprintf(b, "WARC-Target-URI: %s\r\n", targetURI)
	}
	fmt.Fprintf(b, "WARC-Block-Digest: sha1:%s\r\n", base32.StdEncoding.EncodeToString(sum[:]))
	keys := make([]string, 0, len(extra))
	for k := range extra {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(b, "%s: %s\r\n", k, extra[k])
	}
	if contentType != "" {
		fmt.Fprintf(b, "Content-Type: %s\r\n", contentType)
	}
	fmt.Fprintf(b, "Content-Length: %d\r\n\r\n", len(block))
	b.Write(block)
	b.WriteString("\r\n\r\n")
	if w.gz == nil {
		_, err := w.w.Write(b.Bytes())
		return err
	}
	w.gz.Reset(w.w)
	if _, err := w.gz.Write(b.Bytes()); err != nil {
		return err
	}
	return w.gz.Close()
}

// Close flushes nothing (each record is complete when written) but is there
// so callers can treat the Writer like other writers.
func (w *Writer) Close() error { return nil }
