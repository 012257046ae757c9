package extract

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/crosswire-news/crosswire/internal/model"
)

// jsonl reads one article per line. A bad line gives an error naming
// "name:LINE"; the other lines still come back.
func jsonl(name string, data []byte, opt Options) ([]model.Article, []error) {
	var out []model.Article
	var errs []error
	off := 0
	for n := 1; off < len(data); n++ {
		line := data[off:]
		lineOff := off
		if i := bytes.IndexByte(line, '\n'); i >= 0 {
			line = line[:i]
			off += i + 1
		} else {
			off = len(data)
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		src := fmt.Sprintf("%s:%d", name, n)
		if i := invalidUTF8(line); i >= 0 {
			// Offset in the file, counted from the trimmed line's start.
			lead := bytes.Index(data[lineOff:], line)
			errs = append(errs, fmt.Errorf("%s: invalid UTF-8 at byte offset %d", src, lineOff+lead+i))
			continue
		}
		a, err := jsonArticle(src, line, opt)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, a)
	}
	return out, errs
}

// jsonLine is one JSON Lines record; each field accepts its aliases.
type jsonLine struct {
	ID        json.RawMessage `json:"id"`
	DocID     json.RawMessage `json:"doc_id"`
	Title     *string         `json:"title"`
	Text      *string         `json:"text"`
	Body      *string         `json:"body"`
	HTML      *string         `json:"html"`
	URL       *string         `json:"url"`
	Outlet    *string         `json:"outlet"`
	Source    *string         `json:"source"`
	Byline    json.RawMessage `json:"byline"`
	Published *string         `json:"published"`
	Date      *string         `json:"date"`
}

func jsonArticle(src string, line []byte, opt Options) (model.Article, error) {
	var rec jsonLine
	if err := json.Unmarshal(line, &rec); err != nil {
		return model.Article{}, fmt.Errorf("%s: invalid JSON: %v", src, err)
	}
	id, err := jsonID(rec.ID)
	if err == nil && id == "" {
		id, err = jsonID(rec.DocID)
	}
	if err != nil {
		return model.Article{}, fmt.Errorf("%s: invalid JSON: id: %v", src, err)
	}
	byline, err := jsonByline(rec.Byline)
	if err != nil {
		return model.Article{}, fmt.Errorf("%s: invalid JSON: byline: %v", src, err)
	}
	url := str(rec.URL)

	var a model.Article
	if h := str(rec.HTML); strings.TrimSpace(h) != "" {
		if a, err = HTML(src, []byte(h), url, opt); err != nil {
			return model.Article{}, err
		}
	} else {
		text := str(rec.Text)
		if rec.Text == nil {
			text = str(rec.Body)
		}
		if int64(len(text)) > opt.maxBytes() {
			return model.Article{}, fmt.Errorf("%s: too large (%d bytes, limit %d)", src, len(text), opt.maxBytes())
		}
		a = model.Article{URL: url, Byline: []string{}, Dropped: []string{}}
		if opt.Raw {
			a.Text = text
		} else {
			kept, dropped := Clean(text)
			a.Text = strings.Trim(kept, "\n")
			if dropped != nil {
				a.Dropped = dropped
			}
		}
		a.Language = Language(a.Text)
	}
	a.Source = src
	// Fields the record gives win over what extraction found.
	if t := cleanSpace(str(rec.Title)); t != "" {
		a.Title = t
	}
	if o := cleanSpace(str(rec.Outlet)); o != "" {
		a.Outlet = o
	} else if o := cleanSpace(str(rec.Source)); o != "" {
		a.Outlet = o // a record's "source" is its outlet; Article.Source is where we read it
	}
	if a.Outlet == "" {
		a.Outlet = hostOutlet(url)
	}
	if len(byline) > 0 {
		a.Byline = byline
	}
	p := str(rec.Published)
	if rec.Published == nil {
		p = str(rec.Date)
	}
	if d, ok := normDate(p); ok {
		a.Published = d
	}
	if id != "" {
		a.ID = id
	} else {
		a.ID = ID(&a)
	}
	return a, nil
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// jsonID accepts a string or a number.
func jsonID(raw json.RawMessage) (string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return strings.TrimSpace(s), nil
	}
	var n json.Number
	if err := json.Unmarshal(raw, &n); err == nil {
		return n.String(), nil
	}
	return "", fmt.Errorf("want string or number, got %.40s", raw)
}

// jsonByline accepts "A and B", "A; B" or ["A", "B"].
func jsonByline(raw json.RawMessage) ([]string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var list []string
	if err := json.Unmarshal(raw, &list); err == nil {
		var out []string
		for _, s := range list {
			if s = cleanSpace(s); s != "" {
				out = append(out, s)
			}
		}
		return out, nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return nil, fmt.Errorf("want string or array of strings, got %.40s", raw)
	}
	s = strings.TrimSpace(s)
	if m := bylineRe.FindStringSubmatch(s); m != nil {
		s = m[1]
	}
	if names, ok := parseNames(s); ok {
		return names, nil
	}
	return splitByline(strings.ReplaceAll(s, ",", ";")), nil
}

// normDate brings a record's date to the contract's forms (RFC 3339 or
// YYYY-MM-DD); an unreadable date is left out rather than passed on.
func normDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", false
	}
	if t, ok := model.ParseTime(s); ok {
		if len(s) <= 10 {
			return t.Format("2006-01-02"), true
		}
		if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
			return t.Format("2006-01-02"), true
		}
		return t.Format("2006-01-02T15:04:05Z07:00"), true
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil && n > 0 {
		return "", false // a bare number is ambiguous (epoch s or ms); skip it
	}
	return parseDate(s)
}
