package extract

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	nurl "net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/crosswire-news/crosswire/internal/model"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

// maxDepth bounds element nesting. Real pages stay under ~100 levels; the
// HTML parser's scope checks and trafilatura's recursive walks go quadratic
// or exhaust the stack on pathological nesting, so deeper tags are dropped
// (their text is kept) before parsing.
const maxDepth = 256

// HTML extracts one page: trafilatura's main text with the boilerplate gone,
// plus title, byline, date, outlet, canonical URL and language.
func HTML(name string, page []byte, pageURL string, opt Options) (model.Article, error) {
	a := model.Article{Source: name, URL: pageURL, Byline: []string{}, Dropped: []string{}}
	if int64(len(page)) > opt.maxBytes() {
		return a, fmt.Errorf("%s: too large (%d bytes, limit %d)", name, len(page), opt.maxBytes())
	}
	if i := bytes.IndexByte(page, 0); i >= 0 && !utf16BOM(page) {
		return a, fmt.Errorf("%s: binary data, not HTML (NUL byte at offset %d)", name, i)
	}
	page, err := decodeHTML(page)
	if err != nil {
		return a, fmt.Errorf("%s: %v", name, err)
	}
	page = flattenDeep(page, maxDepth)
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return a, fmt.Errorf("%s: parse HTML: %v", name, err)
	}

	topts := trafilatura.Options{
		// Measured on the extraction benchmark: trafilatura's own
		// fallback (readability, dom-distiller) lost F1 and FavorRecall
		// beat Balanced and FavorPrecision; Clean then removes the
		// boilerplate that recall lets in.
		EnableFallback:  false,
		ExcludeComments: true,
		Focus:           trafilatura.FavorRecall,
		// Fast: metadata and page dates only, without the slow
		// free-text date parser.
		HtmlDateMode: trafilatura.Fast,
	}
	if u, err := nurl.Parse(pageURL); err == nil && u.Host != "" {
		topts.OriginalURL = u
	}
	res, err := extractSafely(doc, topts)
	if err != nil {
		return a, fmt.Errorf("%s: no main text: %v", name, err)
	}
	md := res.Metadata
	a.Title = cleanSpace(md.Title)
	a.Byline = splitByline(md.Author)
	if !md.Date.IsZero() {
		a.Published = formatDate(md.Date)
		// htmldate keeps only the day; the page's own metadata usually has
		// the time too, which orders same-day coverage.
		if t, ok := metaTimestamp(doc); ok && t.UTC().Format("2006-01-02") == md.Date.Format("2006-01-02") {
			a.Published = formatDate(t.UTC())
		}
	}
	a.Outlet = cleanSpace(md.Sitename)
	if md.URL != "" {
		a.URL = md.URL
	}
	if a.Outlet == "" {
		a.Outlet = hostOutlet(a.URL)
	}

	text := renderText(res.ContentNode)
	text = dropTitleLine(text, a.Title)
	if !opt.Raw {
		var urls []string
		text, urls = dropPageURL(text, pageURL, a.URL)
		var dropped []string
		text, dropped = Clean(text)
		a.Dropped = append(append(a.Dropped, urls...), dropped...)
	}
	a.Text = text
	a.Language = md.Language
	if a.Language == "" {
		a.Language = Language(text)
	}
	a.ID = ID(&a)
	return a, nil
}

// extractSafely turns a panic inside the third-party extractor into an
// error: one malformed page must not take the whole ingest down.
func extractSafely(doc *html.Node, opts trafilatura.Options) (res *trafilatura.ExtractResult, err error) {
	defer func() {
		if r := recover(); r != nil {
			res, err = nil, fmt.Errorf("extractor panic: %v", r)
		}
	}()
	res, err = trafilatura.ExtractDocument(doc, opts)
	if err == nil && res == nil {
		err = errors.New("empty result")
	}
	return res, err
}

func utf16BOM(b []byte) bool {
	return len(b) >= 2 && (b[0] == 0xFE && b[1] == 0xFF || b[0] == 0xFF && b[1] == 0xFE)
}

// decodeHTML returns the page as UTF-8, using its BOM or <meta> charset. A
// page that declares nothing is taken as UTF-8 when it is valid UTF-8 and
// as windows-1252 otherwise, as browsers do.
func decodeHTML(page []byte) ([]byte, error) {
	enc, encName, certain := charset.DetermineEncoding(page, "text/html")
	if encName == "utf-8" || (!certain && utf8.Valid(page)) {
		// Declared UTF-8 with bad bytes: replace them, as browsers do.
		return bytes.ToValidUTF8(bytes.TrimPrefix(page, []byte("\xEF\xBB\xBF")), []byte("\uFFFD")), nil
	}
	out, err := io.ReadAll(enc.NewDecoder().Reader(bytes.NewReader(page)))
	if err != nil {
		return nil, fmt.Errorf("decode %s: %v", encName, err)
	}
	return bytes.ToValidUTF8(out, []byte("\uFFFD")), nil
}

// optionalEnd lists elements the parser closes implicitly when a sibling
// opens; counting them would make ordinary unclosed <p> or <li> runs look
// deep.
var optionalEnd = map[string]bool{
	"p": true, "li": true, "dt": true, "dd": true, "tr": true, "td": true, "th": true,
	"option": true, "optgroup": true, "thead": true, "tbody": true, "tfoot": true,
	"rb": true, "rt": true, "rp": true, "rtc": true, "colgroup": true, "caption": true,
}

var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "param": true, "source": true, "track": true,
	"wbr": true, "keygen": true,
}

// flattenDeep scans the page with the tokenizer (linear, no tree) and, when
// nesting goes past limit, drops the start and end tags beyond it while
// keeping their text. A page within the limit is returned unchanged.
func flattenDeep(page []byte, limit int) []byte {
	if maxNesting(page) <= limit {
		return page
	}
	var out bytes.Buffer
	out.Grow(len(page))
	z := html.NewTokenizer(bytes.NewReader(page))
	depth := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		switch tt {
		case html.StartTagToken:
			nm, _ := z.TagName()
			tag := string(nm)
			if voidElements[tag] || optionalEnd[tag] {
				break
			}
			depth++
			if depth > limit {
				out.WriteByte(' ')
				continue
			}
		case html.EndTagToken:
			nm, _ := z.TagName()
			tag := string(nm)
			if voidElements[tag] || optionalEnd[tag] {
				break
			}
			depth--
			if depth >= limit {
				out.WriteByte(' ')
				continue
			}
			if depth < 0 {
				depth = 0
			}
		}
		out.Write(z.Raw())
	}
	return out.Bytes()
}

// maxNesting estimates the deepest element nesting of a page.
func maxNesting(page []byte) int {
	z := html.NewTokenizer(bytes.NewReader(page))
	depth, deepest := 0, 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return deepest
		case html.StartTagToken:
			nm, _ := z.TagName()
			if tag := string(nm); !voidElements[tag] && !optionalEnd[tag] {
				depth++
				deepest = max(deepest, depth)
			}
		case html.EndTagToken:
			nm, _ := z.TagName()
			if tag := string(nm); !voidElements[tag] && !optionalEnd[tag] && depth > 0 {
				depth--
			}
		}
	}
}

// blockTags start a new line in the rendered text.
var blockTags = map[string]bool{
	"p": true, "div": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"ul": true, "ol": true, "li": true, "dl": true, "dt": true, "dd": true, "blockquote": true,
	"pre": true, "code": true, "table": true, "tr": true, "section": true, "article": true,
	"header": true, "footer": true, "figure": true, "figcaption": true, "body": true,
	"head": true, "list": true, "item": true, "quote": true, "row": true, "hr": true,
}

// renderText turns the extracted tree into text: one paragraph (heading,
// list item, table row) per line, inline markup joined without breaks.
func renderText(root *html.Node) string {
	if root == nil {
		return ""
	}
	var b strings.Builder
	var walk func(n *html.Node, depth int)
	walk = func(n *html.Node, depth int) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
		default:
			return
		}
		if n.Data == "br" || n.Data == "lb" {
			b.WriteByte('\n')
			return
		}
		block := blockTags[n.Data]
		if block {
			b.WriteByte('\n')
		}
		if n.Data == "td" || n.Data == "th" || n.Data == "cell" {
			b.WriteByte(' ')
		}
		if depth < 2*maxDepth {
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c, depth+1)
			}
		}
		if block {
			b.WriteByte('\n')
		}
	}
	walk(root, 0)
	var lines []string
	for _, l := range strings.Split(b.String(), "\n") {
		if l = cleanSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n\n")
}

// cleanSpace collapses runs of white space (including no-break spaces) and
// trims the ends.
func cleanSpace(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\u00a0", " ")), " ")
}

// dropTitleLine removes a first paragraph that repeats the title: the
// article's headline is metadata, not body text.
func dropTitleLine(text, title string) string {
	if title == "" {
		return text
	}
	// Look at the first few paragraphs: a kicker or date may come first.
	ps := strings.SplitN(text, "\n\n", 4)
	for i, p := range ps[:min(len(ps), 3)] {
		if normEq(p, title) {
			return strings.Join(append(ps[:i:i], ps[i+1:]...), "\n\n")
		}
	}
	return text
}

// dropPageURL removes paragraphs that are just the page's own address,
// printed by share widgets.
func dropPageURL(text string, urls ...string) (kept string, dropped []string) {
	ps := strings.Split(text, "\n\n")
	out := ps[:0]
	for _, p := range ps {
		t := strings.TrimSpace(p)
		keep := true
		for _, u := range urls {
			if u != "" && (t == u || strings.TrimSuffix(t, "/") == strings.TrimSuffix(u, "/")) {
				keep = false
			}
		}
		if keep {
			out = append(out, p)
		} else {
			dropped = append(dropped, strings.TrimSpace(p))
		}
	}
	return strings.Join(out, "\n\n"), dropped
}

func splitByline(author string) []string {
	out := []string{}
	for _, p := range strings.Split(author, ";") {
		if p = cleanSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// timestampKeys name the attributes that carry a publication time.
var timestampKeys = map[string]bool{
	"article:published_time": true, "og:published_time": true, "datepublished": true,
	"publishdate": true, "pubdate": true, "dc.date.issued": true, "sailthru.date": true,
}

// metaTimestamp finds the first full publication timestamp (with a time of
// day) in meta tags, itemprop attributes or <time datetime>. The walk
// stops at the first hit and skips nothing but text, so it is cheap.
func metaTimestamp(doc *html.Node) (time.Time, bool) {
	var found time.Time
	var walk func(n *html.Node) bool
	walk = func(n *html.Node) bool {
		if n.Type == html.ElementNode {
			var key, val, dt string
			for _, at := range n.Attr {
				switch strings.ToLower(at.Key) {
				case "property", "name", "itemprop":
					key = strings.ToLower(at.Val)
				case "content":
					val = at.Val
				case "datetime":
					dt = at.Val
				}
			}
			cand := ""
			if timestampKeys[key] {
				cand = val
				if cand == "" {
					cand = dt
				}
			} else if n.Data == "time" && key == "" {
				cand = dt
			}
			if t, ok := model.ParseTime(cand); ok && strings.Contains(cand, ":") {
				found = t
				return true
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if walk(c) {
				return true
			}
		}
		return false
	}
	walk(doc)
	return found, !found.IsZero()
}

func formatDate(t time.Time) string {
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
		return t.Format("2006-01-02")
	}
	return t.Format(time.RFC3339)
}

// hostOutlet is the outlet fallback: the URL's host without "www.".
func hostOutlet(raw string) string {
	u, err := nurl.Parse(raw)
	if err != nil || u.Host == "" {
		return ""
	}
	h := strings.ToLower(u.Hostname())
	return strings.TrimPrefix(h, "www.")
}
