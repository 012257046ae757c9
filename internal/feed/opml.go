package feed

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"

	"golang.org/x/net/html/charset"
)

// Subscription is a feed listed in an OPML file.
type Subscription struct {
	URL, Title string
}

type opmlDoc struct {
	XMLName xml.Name `xml:"opml"`
	Version string   `xml:"version,attr"`
	Head    struct {
		Title       string `xml:"title,omitempty"`
		DateCreated string `xml:"dateCreated,omitempty"`
	} `xml:"head"`
	Body struct {
		Outlines []opmlOutline `xml:"outline"`
	} `xml:"body"`
}

type opmlOutline struct {
	Text     string        `xml:"text,attr,omitempty"`
	Title    string        `xml:"title,attr,omitempty"`
	Type     string        `xml:"type,attr,omitempty"`
	XMLURL   string        `xml:"xmlUrl,attr,omitempty"`
	HTMLURL  string        `xml:"htmlUrl,attr,omitempty"`
	Outlines []opmlOutline `xml:"outline"`
}

// ReadOPML lists the feeds of an OPML document, descending into nested
// outlines (folders); duplicates are dropped, first title wins.
func ReadOPML(r io.Reader) ([]Subscription, error) {
	var doc opmlDoc
	dec := xml.NewDecoder(io.LimitReader(r, 32<<20))
	dec.Strict = false // OPML exported by readers is often sloppy (bare &)
	dec.CharsetReader = charsetReader
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("OPML: %w", err)
	}
	var out []Subscription
	seen := map[string]bool{}
	var walk func([]opmlOutline, int)
	walk = func(os []opmlOutline, depth int) {
		if depth > 64 {
			return
		}
		for _, o := range os {
			if u := strings.TrimSpace(o.XMLURL); u != "" && !seen[u] {
				seen[u] = true
				title := strings.TrimSpace(o.Title)
				if title == "" {
					title = strings.TrimSpace(o.Text)
				}
				out = append(out, Subscription{URL: u, Title: title})
			}
			walk(o.Outlines, depth+1)
		}
	}
	walk(doc.Body.Outlines, 0)
	return out, nil
}

// WriteOPML writes feeds as an OPML 2.0 document, one flat outline each.
func WriteOPML(w io.Writer, feeds []Feed, now time.Time) error {
	var doc opmlDoc
	doc.Version = "2.0"
	doc.Head.Title = "crosswire subscriptions"
	doc.Head.DateCreated = now.UTC().Format(time.RFC1123Z)
	for _, f := range feeds {
		title := f.Title
		if title == "" {
			title = f.URL
		}
		doc.Body.Outlines = append(doc.Body.Outlines, opmlOutline{Text: title, Title: title, Type: "rss", XMLURL: f.URL})
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// charsetReader lets OPML files declared as ISO-8859-1 or windows-1252 in.
func charsetReader(label string, r io.Reader) (io.Reader, error) {
	return charset.NewReaderLabel(label, r)
}
