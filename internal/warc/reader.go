// Package warc reads and writes WARC files (ISO 28500, WARC/1.0 and 1.1),
// plain or gzip-compressed, one record at a time in constant memory.
package warc

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httputil"
	"net/textproto"
	"strconv"
	"strings"
	"time"

	"github.com/andybalholm/brotli"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/transform"
)

// Limits keeping memory constant whatever the input.
const (
	maxLineLen     = 64 << 10 // one header line
	maxHeaderBytes = 1 << 20  // all WARC (or HTTP) headers of one record
	// DefaultMaxPayload caps the decoded payload a Record.Body yields.
	DefaultMaxPayload = 64 << 20
)

// Record is one WARC record. Body streams the payload and is valid only
// until the next call to Next.
type Record struct {
	Type      string    // response, request, warcinfo, metadata, resource, revisit, ...
	TargetURI string    // WARC-Target-URI
	Date      time.Time // WARC-Date
	ID        string    // WARC-Record-ID
	// Header holds the WARC headers under their standard spelling
	// ("WARC-Target-URI", "Content-Length"); unknown ones as written.
	Header map[string]string

	// For response records with an HTTP message: the parsed status line and
	// headers. HTTPStatus is 0 when there is none or it could not be parsed
	// (HTTPErr says why).
	HTTPStatus int
	HTTPHeader http.Header
	HTTPErr    error

	// ContentType is the payload's media type: the HTTP Content-Type for
	// HTTP responses, else the record's Content-Type.
	ContentType string
	// Body is the payload: after the HTTP headers, de-chunked and
	// decompressed, bounded by the record and the reader's payload cap.
	Body io.Reader

	Number int   // 1-based position in the file
	Offset int64 // of the record's version line in the uncompressed stream
	Length int64 // Content-Length of the record block
}

// Get returns a WARC header by name, case-insensitively.
func (rec *Record) Get(name string) string {
	if v, ok := rec.Header[canonical(name)]; ok {
		return v
	}
	for k, v := range rec.Header {
		if strings.EqualFold(k, name) {
			return v
		}
	}
	return ""
}

// IsHTML reports whether the record is an HTML page worth extracting: a
// response with a 2xx HTTP status, or a resource record, whose media type
// is text/html or application/xhtml+xml.
func (rec *Record) IsHTML() bool {
	switch rec.Type {
	case "response":
		if rec.HTTPStatus < 200 || rec.HTTPStatus > 299 {
			return false
		}
	case "resource":
	default:
		return false
	}
	mt := strings.ToLower(strings.TrimSpace(rec.ContentType))
	if i := strings.IndexByte(mt, ';'); i >= 0 {
		mt = strings.TrimSpace(mt[:i])
	}
	return mt == "text/html" || mt == "application/xhtml+xml"
}

// HTMLUTF8 reads the rest of the body (at most max bytes, else an error)
// and converts it to UTF-8, taking the charset from the Content-Type header,
// else from a BOM or <meta> in the first 1024 bytes, else windows-1252 as
// browsers do.
func (rec *Record) HTMLUTF8(max int64) ([]byte, error) {
	if max <= 0 {
		max = DefaultMaxPayload
	}
	br := bufio.NewReaderSize(rec.Body, 1024)
	head, err := br.Peek(1024)
	if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, err
	}
	enc, _, _ := charset.DetermineEncoding(head, rec.ContentType)
	r := transform.NewReader(br, enc.NewDecoder())
	out, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(out)) > max {
		return nil, fmt.Errorf("record %d (%s): page exceeds %d bytes", rec.Number, rec.TargetURI, max)
	}
	return out, nil
}

// Reader reads records from a WARC file.
type Reader struct {
	src *countingReader // the uncompressed stream
	br  *bufio.Reader
	// MaxPayload caps each record's decoded payload; reading further gives
	// an error. Default DefaultMaxPayload.
	MaxPayload int64

	n      int    // records started
	cur    *block // the current record's block, drained by Next
	err    error  // sticky
	httpBR *bufio.Reader
}

// block bounds reading to one record's Content-Length and turns an early
// end of input into a clear truncation error.
type block struct {
	r      *Reader
	remain int64
	num    int
	start  int64
}

func (b *block) Read(p []byte) (int, error) {
	if b.remain <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > b.remain {
		p = p[:b.remain]
	}
	n, err := b.r.br.Read(p)
	b.remain -= int64(n)
	switch {
	case err == nil:
		return n, nil
	case err == io.EOF && b.remain == 0:
		return n, io.EOF
	case err == io.EOF:
		err = io.ErrUnexpectedEOF
	}
	// The file ends (or the gzip stream breaks) inside this record: make
	// it sticky so Next reports it too.
	terr := b.r.truncated(b.num, b.start, err)
	if b.r.err == nil {
		b.r.err = terr
	}
	return n, terr
}

func (r *Reader) truncated(num int, start int64, err error) error {
	return fmt.Errorf("truncated record %d at offset %d: %w", num, start, err)
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// NewReader detects gzip (one member per record, or the whole file in one
// member: both read the same) and otherwise reads plain WARC.
func NewReader(r io.Reader) (*Reader, error) {
	in := bufio.NewReaderSize(r, 32<<10)
	magic, err := in.Peek(2)
	if err != nil && len(magic) == 0 {
		if err == io.EOF {
			return &Reader{br: bufio.NewReader(bytes.NewReader(nil)), src: &countingReader{r: bytes.NewReader(nil)}, MaxPayload: DefaultMaxPayload}, nil
		}
		return nil, err
	}
	var src io.Reader = in
	gz := len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b
	if gz {
		zr, err := gzip.NewReader(in)
		if err != nil {
			return nil, fmt.Errorf("warc: gzip header: %w", err)
		}
		zr.Multistream(true)
		src = zr
	}
	cr := &countingReader{r: src}
	return &Reader{src: cr, br: bufio.NewReaderSize(cr, 32<<10), MaxPayload: DefaultMaxPayload}, nil
}

// offset is the position in the uncompressed stream of the next byte Next
// will read.
func (r *Reader) offset() int64 { return r.src.n - int64(r.br.Buffered()) }

// Next returns the next record: io.EOF at a clean end of the file; after an
// error (a truncated or corrupt file) every later call returns it again.
func (r *Reader) Next() (*Record, error) {
	if r.err != nil {
		return nil, r.err
	}
	if r.cur != nil {
		// Skip what the consumer left of the previous record.
		if _, err := io.Copy(io.Discard, r.cur); err != nil {
			if r.err == nil {
				r.err = err
			}
			return nil, r.err
		}
		r.cur = nil
	}
	rec, err := r.next()
	if err != nil {
		r.err = err
		return nil, err
	}
	return rec, nil
}

func (r *Reader) next() (*Record, error) {
	// Find the version line, skipping the CRLF CRLF that ends the previous
	// record and any stray blank lines.
	var line []byte
	for {
		start := r.offset()
		l, err := r.readLine()
		if err == io.EOF && len(l) == 0 || err == errPartialLine && len(bytes.TrimSpace(l)) == 0 {
			return nil, io.EOF // a clean end, or one missing only the final CRLFs
		}
		if err != nil {
			return nil, r.truncated(r.n+1, start, err)
		}
		if len(bytes.TrimSpace(l)) == 0 {
			continue
		}
		line = bytes.TrimRight(l, "\r\n")
		if !bytes.HasPrefix(line, []byte("WARC/")) {
			return nil, fmt.Errorf("record %d at offset %d: expected a WARC/1.x version line, found %q", r.n+1, start, clip(line))
		}
		r.n++
		rec := &Record{Number: r.n, Offset: start, Header: map[string]string{}}
		if err := r.readWARCHeaders(rec); err != nil {
			return nil, err
		}
		return rec, r.openBody(rec)
	}
}

func clip(b []byte) string {
	if len(b) > 40 {
		b = b[:40]
	}
	return string(b)
}

// errPartialLine is a last line without its newline.
var errPartialLine = fmt.Errorf("%w inside a line", io.ErrUnexpectedEOF)

// readLine reads one line of at most maxLineLen bytes.
func (r *Reader) readLine() ([]byte, error) {
	var long []byte
	for {
		l, err := r.br.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			long = append(long, l...)
			if len(long) > maxLineLen {
				return nil, fmt.Errorf("header line longer than %d bytes", maxLineLen)
			}
			continue
		}
		if long != nil {
			l = append(long, l...)
		}
		if err == io.EOF && len(l) > 0 {
			return l, errPartialLine
		}
		return l, err
	}
}

// standard spells the WARC header names as ISO 28500 does, so Header can be
// indexed with the names from the standard whatever case a writer used.
var standard = func() map[string]string {
	m := map[string]string{}
	for _, n := range []string{"WARC-Type", "WARC-Record-ID", "WARC-Date", "Content-Length", "Content-Type",
		"WARC-Concurrent-To", "WARC-Block-Digest", "WARC-Payload-Digest", "WARC-IP-Address", "WARC-Refers-To",
		"WARC-Refers-To-Target-URI", "WARC-Refers-To-Date", "WARC-Target-URI", "WARC-Truncated", "WARC-Warcinfo-ID",
		"WARC-Filename", "WARC-Profile", "WARC-Identified-Payload-Type", "WARC-Segment-Number",
		"WARC-Segment-Origin-ID", "WARC-Segment-Total-Length"} {
		m[strings.ToLower(n)] = n
	}
	return m
}()

func canonical(name string) string {
	if s, ok := standard[strings.ToLower(name)]; ok {
		return s
	}
	return name
}

func (r *Reader) readWARCHeaders(rec *Record) error {
	total := 0
	last := ""
	for {
		l, err := r.readLine()
		if err != nil {
			return r.truncated(rec.Number, rec.Offset, fmt.Errorf("in WARC headers: %w", err))
		}
		total += len(l)
		if total > maxHeaderBytes {
			return fmt.Errorf("record %d at offset %d: WARC headers exceed %d bytes", rec.Number, rec.Offset, maxHeaderBytes)
		}
		s := strings.TrimRight(string(l), "\r\n")
		if s == "" {
			break
		}
		if (s[0] == ' ' || s[0] == '\t') && last != "" {
			rec.Header[last] += " " + strings.TrimSpace(s) // folded continuation line
			continue
		}
		k, v, ok := strings.Cut(s, ":")
		if !ok {
			return fmt.Errorf("record %d at offset %d: malformed WARC header line %q", rec.Number, rec.Offset, clip([]byte(s)))
		}
		last = canonical(strings.TrimSpace(k))
		rec.Header[last] = strings.TrimSpace(v)
	}
	rec.Type = rec.Header["WARC-Type"]
	rec.TargetURI = strings.Trim(rec.Header["WARC-Target-URI"], "<>") // WARC/1.0 drafts wrote <uri>
	rec.ID = rec.Header["WARC-Record-ID"]
	if d := rec.Header["WARC-Date"]; d != "" {
		if t, err := time.Parse(time.RFC3339Nano, d); err == nil {
			rec.Date = t
		}
	}
	cl, ok := rec.Header["Content-Length"]
	if !ok {
		return fmt.Errorf("record %d at offset %d: no Content-Length", rec.Number, rec.Offset)
	}
	n, err := strconv.ParseInt(strings.TrimSpace(cl), 10, 64)
	if err != nil || n < 0 {
		return fmt.Errorf("record %d at offset %d: bad Content-Length %q", rec.Number, rec.Offset, cl)
	}
	rec.Length = n
	rec.ContentType = rec.Header["Content-Type"]
	return nil
}

// payloadLimit turns reading past the cap into an error instead of silently
// cutting the page.
type payloadLimit struct {
	r      io.Reader
	remain int64
	rec    *Record
	max    int64
}

func (p *payloadLimit) Read(b []byte) (int, error) {
	if p.remain <= 0 {
		// Is there more? One byte tells.
		var one [1]byte
		n, err := p.r.Read(one[:])
		if n > 0 {
			return 0, fmt.Errorf("record %d (%s): payload exceeds %d bytes, skipped", p.rec.Number, p.rec.TargetURI, p.max)
		}
		return 0, err
	}
	if int64(len(b)) > p.remain {
		b = b[:p.remain]
	}
	n, err := p.r.Read(b)
	p.remain -= int64(n)
	return n, err
}

func (r *Reader) openBody(rec *Record) error {
	r.cur = &block{r: r, remain: rec.Length, num: rec.Number, start: rec.Offset}
	var body io.Reader = r.cur
	max := r.MaxPayload
	if max <= 0 {
		max = DefaultMaxPayload
	}
	ct := strings.ToLower(rec.ContentType)
	isHTTP := strings.HasPrefix(ct, "application/http")
	if rec.Type == "response" && (isHTTP || ct == "" && strings.HasPrefix(strings.ToLower(rec.TargetURI), "http")) {
		body = r.parseHTTP(rec, body)
	}
	rec.Body = &payloadLimit{r: body, remain: max, rec: rec, max: max}
	return nil
}

// parseHTTP reads the HTTP status line and headers of a response record and
// returns a reader for its payload, de-chunked and decompressed. On a parse
// failure the record keeps HTTPStatus 0 and HTTPErr, and the body yields
// nothing.
func (r *Reader) parseHTTP(rec *Record, block io.Reader) io.Reader {
	// One buffer per Reader: a record's Body is only valid until Next.
	if r.httpBR == nil {
		r.httpBR = bufio.NewReaderSize(block, 4096)
	} else {
		r.httpBR.Reset(block)
	}
	br := r.httpBR
	tp := textproto.NewReader(br)
	status, err := tp.ReadLine()
	if err != nil {
		rec.HTTPErr = fmt.Errorf("HTTP status line: %w", err)
		return bytes.NewReader(nil)
	}
	proto, rest, _ := strings.Cut(status, " ")
	code, _, _ := strings.Cut(strings.TrimSpace(rest), " ")
	n, err := strconv.Atoi(code)
	if !strings.HasPrefix(proto, "HTTP/") || err != nil || n < 100 || n > 999 {
		rec.HTTPErr = fmt.Errorf("bad HTTP status line %q", clip([]byte(status)))
		return bytes.NewReader(nil)
	}
	hdr, err := readHTTPHeader(br)
	if err != nil {
		rec.HTTPErr = fmt.Errorf("HTTP headers: %w", err)
		return bytes.NewReader(nil)
	}
	rec.HTTPStatus = n
	rec.HTTPHeader = hdr
	rec.ContentType = hdr.Get("Content-Type")
	var body io.Reader = br
	// The block length bounds the payload; the HTTP Content-Length is often
	// stale in archives (the crawler decoded the body), so it is ignored.
	if strings.Contains(strings.ToLower(hdr.Get("Transfer-Encoding")), "chunked") {
		body = httputil.NewChunkedReader(body)
	}
	raw := body
	switch strings.ToLower(strings.TrimSpace(hdr.Get("Content-Encoding"))) {
	case "gzip", "x-gzip":
		return &lazy{open: func() (io.Reader, error) { return gzip.NewReader(raw) }}
	case "br":
		return brotli.NewReader(raw)
	case "deflate":
		return &lazy{open: func() (io.Reader, error) { return zlib.NewReader(raw) }}
	}
	return raw
}

// lazy opens a decompressor on first read, so a broken stream is an error
// from Body rather than from Next.
type lazy struct {
	open func() (io.Reader, error)
	r    io.Reader
	err  error
}

func (l *lazy) Read(p []byte) (int, error) {
	if l.r == nil && l.err == nil {
		l.r, l.err = l.open()
		if l.err != nil {
			l.err = fmt.Errorf("payload: %w", l.err)
		}
	}
	if l.err != nil {
		return 0, l.err
	}
	return l.r.Read(p)
}

// readHTTPHeader reads MIME headers leniently: lines without a colon are
// skipped rather than failing the record, as real crawls hold odd servers.
func readHTTPHeader(br *bufio.Reader) (http.Header, error) {
	h := http.Header{}
	total := 0
	for {
		l, err := br.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			return nil, errors.New("header line too long")
		}
		total += len(l)
		if total > maxHeaderBytes {
			return nil, errors.New("headers too large")
		}
		s := strings.TrimRight(string(l), "\r\n")
		if s == "" {
			if err != nil && err != io.EOF {
				return nil, err
			}
			return h, nil // blank line, or a record that is only headers
		}
		if k, v, ok := strings.Cut(s, ":"); ok && k != "" && k[0] != ' ' && k[0] != '\t' {
			h.Add(strings.TrimSpace(k), strings.TrimSpace(v))
		}
		if err != nil {
			if err == io.EOF {
				return h, nil
			}
			return nil, err
		}
	}
}
