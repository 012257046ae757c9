// Package extract turns raw input (plain text, JSON Lines, HTML) into
// model.Article values: clean body text with the boilerplate gone, plus
// title, byline, date, outlet, URL and language.
package extract

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/RadhiFadlillah/whatlanggo"
	"github.com/crosswire-news/crosswire/internal/model"
	"github.com/crosswire-news/crosswire/internal/textnorm"
)

// DefaultMaxBytes is the per-input size cap when Options.MaxBytes is 0.
const DefaultMaxBytes = 64 << 20

// Options control extraction.
type Options struct {
	// Raw analyses the input exactly as given: no cleaning and no header
	// parsing, so that a plain-text Text is the input verbatim (JSON
	// Lines: the record's text verbatim) and offsets point into it. For
	// HTML, Text is the extracted main text without Clean.
	Raw bool
	// MaxBytes caps each input (after gunzip); 0 means DefaultMaxBytes.
	MaxBytes int64
}

func (o Options) maxBytes() int64 {
	if o.MaxBytes <= 0 {
		return DefaultMaxBytes
	}
	return o.MaxBytes
}

// File reads one file (gzip detected by its magic bytes) and returns its
// articles. errs holds one error per failed unit (the file, or one JSON
// line), each naming the input; good units still come back.
func File(path string, opt Options) ([]model.Article, []error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, []error{err} // *PathError already names the file
	}
	defer f.Close()
	st, err := f.Stat()
	if err == nil && st.IsDir() {
		return nil, []error{fmt.Errorf("%s: is a directory", path)}
	}
	if err == nil && st.Mode().IsRegular() {
		// Refuse a plain oversized file before reading a byte of it; a
		// gzip file is measured while it is inflated.
		var magic [2]byte
		if n, _ := io.ReadFull(f, magic[:]); n == 2 && !(magic[0] == 0x1f && magic[1] == 0x8b) && st.Size() > opt.maxBytes() {
			return nil, []error{fmt.Errorf("%s: too large (%d bytes, limit %d)", path, st.Size(), opt.maxBytes())}
		}
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return nil, []error{fmt.Errorf("%s: %v", path, err)}
		}
	}
	return Reader(path, f, opt)
}

// Reader is File for a stream (e.g. stdin); name is used in errors and as
// Article.Source.
func Reader(name string, r io.Reader, opt Options) ([]model.Article, []error) {
	data, err := readAll(name, r, opt.maxBytes())
	if err != nil {
		return nil, []error{err}
	}
	if i := bytes.IndexByte(data, 0); i >= 0 && !utf16BOM(data) {
		return nil, []error{fmt.Errorf("%s: binary data, not text (NUL byte at offset %d)", name, i)}
	}
	switch detect(data) {
	case formatJSONL:
		return jsonl(name, data, opt)
	case formatHTML:
		a, err := HTML(name, data, "", opt)
		if err != nil {
			return nil, []error{err}
		}
		return []model.Article{a}, nil
	}
	if err := checkText(data); err != nil {
		return nil, []error{fmt.Errorf("%s: %v", name, err)}
	}
	a, err := Text(name, string(data), opt)
	if err != nil {
		return nil, []error{err}
	}
	return []model.Article{a}, nil
}

// readAll reads at most limit bytes, inflating gzip (detected by magic
// bytes), and fails on empty, truncated or oversized input.
func readAll(name string, r io.Reader, limit int64) ([]byte, error) {
	br := bufio.NewReader(r)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("%s: bad gzip: %v", name, err)
		}
		defer zr.Close()
		r = zr
	} else {
		r = br
	}
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, fmt.Errorf("%s: truncated gzip after %d bytes", name, len(data))
		}
		return nil, fmt.Errorf("%s: read: %v", name, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s: too large (more than %d bytes, limit %d)", name, limit, limit)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("%s: empty input", name)
	}
	return data, nil
}

type format int

const (
	formatText format = iota
	formatJSONL
	formatHTML
)

// detect picks the format from the content: '{' first means JSON Lines, a
// markup start (<!doctype, <html, any tag) or a tag-heavy first kilobyte
// means HTML, anything else is plain text.
func detect(data []byte) format {
	s := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF")), " \t\r\n\f")
	if len(s) == 0 {
		return formatText
	}
	if s[0] == '{' {
		return formatJSONL
	}
	if utf16BOM(data) {
		return formatHTML // only HTML inputs get charset decoding
	}
	if s[0] == '<' && len(s) > 1 {
		c := s[1] | 0x20
		if c >= 'a' && c <= 'z' || s[1] == '!' || s[1] == '?' {
			return formatHTML
		}
	}
	head := s[:min(len(s), 1024)]
	tags := 0
	for i := 0; i+1 < len(head); i++ {
		if head[i] == '<' && (head[i+1] == '/' || head[i+1]|0x20 >= 'a' && head[i+1]|0x20 <= 'z') {
			tags++
		}
	}
	if tags >= 8 {
		return formatHTML
	}
	return formatText
}

// checkText rejects binary data and invalid UTF-8 with the byte offset.
func checkText(data []byte) error {
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return fmt.Errorf("binary data, not text (NUL byte at offset %d)", i)
	}
	if i := invalidUTF8(data); i >= 0 {
		return fmt.Errorf("invalid UTF-8 at byte offset %d", i)
	}
	// Other control characters in bulk mean a binary format without NULs.
	ctrl := 0
	for _, c := range data[:min(len(data), 8192)] {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			ctrl++
		}
	}
	if ctrl*20 > min(len(data), 8192) {
		return fmt.Errorf("binary data, not text (%d control bytes in the first %d)", ctrl, min(len(data), 8192))
	}
	return nil
}

// invalidUTF8 returns the offset of the first invalid UTF-8 byte, or -1.
func invalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

// ID is the content id used when the input gives none: the first 16 hex
// digits of the SHA-256 of the outlet, URL, normalised title and normalised
// text. Re-ingesting the same content gives the same id, while one wire
// text run by two outlets stays two publications (link marks them as
// duplicates of one text).
func ID(a *model.Article) string {
	h := sha256.New()
	for _, part := range []string{a.Outlet, a.URL, textnorm.Normalize(a.Title), textnorm.Normalize(a.Text)} {
		io.WriteString(h, part)
		io.WriteString(h, "\x00")
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// Language guesses the ISO 639-1 code of text, "" when unsure.
func Language(text string) string {
	if utf8.RuneCountInString(text) < 40 {
		return ""
	}
	// A sample is enough; cut it on a rune boundary.
	n := min(len(text), 20000)
	for n < len(text) && n > 0 && !utf8.RuneStart(text[n]) {
		n--
	}
	info := whatlanggo.Detect(text[:n])
	if !info.IsReliable() {
		return ""
	}
	return info.Lang.Iso6391()
}

// normEq reports whether two strings have the same words after folding.
func normEq(a, b string) bool {
	na := textnorm.Normalize(a)
	return na != "" && na == textnorm.Normalize(b)
}

// lines splits text on \n, keeping \r out of the lines.
func lines(s string) []string {
	ls := strings.Split(s, "\n")
	for i, l := range ls {
		ls[i] = strings.TrimSuffix(l, "\r")
	}
	return ls
}
