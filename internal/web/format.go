package web

import (
	"fmt"
	"html/template"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/crosswire-news/crosswire/internal/model"
	"github.com/crosswire-news/crosswire/internal/store"
)

// funcs are the template helpers. None of them returns template.HTML built
// from unescaped article data.
var funcs = template.FuncMap{
	"pathesc":  url.PathEscape,
	"httpURL":  httpURL,
	"when":     formatWhen,
	"day":      formatDay,
	"delay":    formatDelay,
	"delayOf":  delayOf,
	"snippet":  snippetHTML,
	"plural":   plural,
	"pct":      func(f float64) int { return int(f*100 + 0.5) },
	"join":     strings.Join,
	"truncate": truncate,
	"add":      func(a, b int) int { return a + b },
	"kindName": kindName,
}

// httpURL returns u when it is an absolute http or https URL and "" for
// anything else (javascript:, data:, relative paths), so that only web
// links taken from articles become clickable.
func httpURL(u string) string {
	p, err := url.Parse(strings.TrimSpace(u))
	if err != nil || p.Host == "" {
		return ""
	}
	if s := strings.ToLower(p.Scheme); s != "http" && s != "https" {
		return ""
	}
	return p.String()
}

// formatWhen renders a published timestamp for people: "14 Mar 2026 08:10
// UTC", or the date alone when the source gave only a date.
func formatWhen(s string) string {
	t, ok := model.ParseTime(s)
	if !ok {
		if s == "" {
			return "undated"
		}
		return s
	}
	if len(strings.TrimSpace(s)) == len("2006-01-02") {
		return t.Format("2 Jan 2006")
	}
	return t.UTC().Format("2 Jan 2006 15:04 UTC")
}

// formatDay is the date part only.
func formatDay(s string) string {
	t, ok := model.ParseTime(s)
	if !ok {
		return s
	}
	return t.UTC().Format("2 Jan 2006")
}

// formatDelay turns a delay after the first report into "+2h 15m".
func formatDelay(sec int64) string {
	switch {
	case sec < 0:
		return "no date"
	case sec == 0:
		return "first report"
	}
	d := time.Duration(sec) * time.Second
	days := int(d / (24 * time.Hour))
	h := int(d/time.Hour) % 24
	m := int(d/time.Minute) % 60
	switch {
	case days > 0:
		return fmt.Sprintf("+%dd %dh", days, h)
	case h > 0:
		return fmt.Sprintf("+%dh %02dm", h, m)
	case m > 0:
		return fmt.Sprintf("+%dm", m)
	}
	return fmt.Sprintf("+%ds", sec)
}

// delayOf is an article's delay as precise as its timestamp allows: an
// article dated by day alone cannot be "first" or "+2h" within that day.
func delayOf(a model.StoryArticle) string {
	if a.DelaySeconds >= 0 && len(strings.TrimSpace(a.Published)) == len("2006-01-02") {
		if days := a.DelaySeconds / 86400; days > 0 {
			return fmt.Sprintf("+%dd (date only)", days)
		}
		return "same day (date only)"
	}
	return formatDelay(a.DelaySeconds)
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	if strings.HasSuffix(word, "y") && !strings.HasSuffix(word, "ey") {
		return fmt.Sprintf("%d %sies", n, word[:len(word)-1])
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// truncate shortens s to at most n runes, with an ellipsis.
func truncate(n int, s string) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

func kindName(k string) string {
	switch k {
	case model.KindDirect:
		return "direct quote"
	case model.KindPartial:
		return "partial quote"
	case model.KindIndirect:
		return "paraphrase"
	case model.KindReported:
		return "reported"
	}
	return k
}

// snippetHTML escapes a search snippet and only then turns the store's
// match markers into <mark> elements: the one place article text becomes
// template.HTML, and every byte of it has been escaped first.
func snippetHTML(s string) template.HTML {
	esc := template.HTMLEscapeString(s)
	var b strings.Builder
	open := false
	for _, r := range esc {
		switch string(r) {
		case store.MarkStart:
			if !open {
				b.WriteString("<mark>")
				open = true
			}
		case store.MarkEnd:
			if open {
				b.WriteString("</mark>")
				open = false
			}
		default:
			b.WriteRune(r)
		}
	}
	if open {
		b.WriteString("</mark>")
	}
	return template.HTML(b.String())
}

// snippetPlain strips the markers and returns where they were, as byte
// ranges into the plain text: the JSON API's form of a highlighted snippet.
func snippetPlain(s string) (string, []highlight) {
	var b strings.Builder
	hs := []highlight{}
	start := -1
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case store.MarkStart[0]:
			if start < 0 {
				start = b.Len()
			}
		case store.MarkEnd[0]:
			if start >= 0 {
				hs = append(hs, highlight{Start: start, End: b.Len()})
				start = -1
			}
		default:
			b.WriteByte(s[i])
		}
	}
	if start >= 0 {
		hs = append(hs, highlight{Start: start, End: b.Len()})
	}
	return b.String(), hs
}

type highlight struct {
	Start int `json:"start"`
	End   int `json:"end"`
}
