package extract

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/crosswire-news/crosswire/internal/model"
)

// headerLines is how many non-empty lines after the title may hold header
// fields (byline, date, outlet).
const headerLines = 6

// Text parses a plain-text article. The first non-empty line is the title.
// Then comes an optional header, a run of up to six lines each made of
// fields separated by " | ", " · " or " • ":
//
//	byline  = "By" NAME {("," | "and" | "&") NAME} [ROLE]
//	date    = [("Published" | "Posted" | "Updated" | "Last updated") ["on" | ":"]] DATE [TIME]
//	outlet  = "Source:" TEXT | a short Title Case name ("The Harbor Ledger"),
//	          the latter only beside a byline or date
//	role    = a short line naming a job ("Staff Writer")
//
// The header ends at the first line that is not all fields. The rest is the
// body, cleaned with Clean unless opt.Raw, in which case Text is the input
// verbatim and no header is parsed.
func Text(name string, text string, opt Options) (model.Article, error) {
	a := model.Article{Source: name, Byline: []string{}, Dropped: []string{}}
	if int64(len(text)) > opt.maxBytes() {
		return a, fmt.Errorf("%s: too large (%d bytes, limit %d)", name, len(text), opt.maxBytes())
	}
	if err := checkText([]byte(text)); err != nil {
		return a, fmt.Errorf("%s: %v", name, err)
	}
	ls := lines(strings.TrimPrefix(text, "\uFEFF"))
	i := 0
	for i < len(ls) && strings.TrimSpace(ls[i]) == "" {
		i++
	}
	if i == len(ls) {
		return a, fmt.Errorf("%s: empty input", name)
	}
	a.Title = cleanSpace(ls[i])
	if opt.Raw {
		a.Text = text
		a.Language = Language(text)
		a.ID = ID(&a)
		return a, nil
	}
	i++
	var h header
	seen, start := 0, i
	for i < len(ls) && seen < headerLines {
		t := strings.TrimSpace(ls[i])
		if t == "" {
			i++
			continue
		}
		if !h.parse(t) {
			break
		}
		seen++
		i++
	}
	if h.bareOutlet && len(h.byline) == 0 && h.date == "" && h.updated == "" {
		// A lone Title Case line is more likely a kicker or subheading
		// than an outlet: without a byline or date beside it, it is body.
		h, i = header{}, start
	}
	a.Byline = h.byline
	a.Published = h.date
	if a.Published == "" {
		a.Published = h.updated
	}
	a.Outlet = h.outlet
	body := strings.Join(ls[i:], "\n")
	kept, dropped := Clean(body)
	a.Text = strings.TrimLeft(kept, "\n")
	if dropped != nil {
		a.Dropped = dropped
	}
	a.Language = Language(a.Text)
	a.ID = ID(&a)
	return a, nil
}

type header struct {
	byline        []string
	date, updated string
	outlet        string
	bareOutlet    bool // outlet came from a bare Title Case line, not "Source:"
}

var fieldSep = regexp.MustCompile(`\s+[|·•]\s+`)

// parse reads one header line; it reports false, changing nothing, when the
// line is not made only of header fields.
func (h *header) parse(line string) bool {
	next := *h
	for _, f := range fieldSep.Split(line, -1) {
		if !next.field(strings.TrimSpace(f)) {
			return false
		}
	}
	*h = next
	return true
}

var (
	bylineRe  = regexp.MustCompile(`^(?i:by)\s+(.+)$`)
	stampRe   = regexp.MustCompile(`^(?i)(published|posted|updated|last updated|first published)(\s+on|\s+at)?\s*:?\s*(.*)$`)
	sourceRe  = regexp.MustCompile(`^(?i)(source|via|from)\s*:\s*(.+)$`)
	nameSplit = regexp.MustCompile(`\s*(?:,|&|\band\b)\s*`)
	roleWords = regexp.MustCompile(`(?i)\b(writer|reporter|correspondent|editor|columnist|contributor|staff|producer|analyst|intern|bureau|chief|journalist|photographer|special to)\b`)
)

func (h *header) field(f string) bool {
	if f == "" {
		return false
	}
	if m := bylineRe.FindStringSubmatch(f); m != nil && wordCount(f) <= 16 {
		names, ok := parseNames(m[1])
		if ok {
			h.byline = append(h.byline, names...)
			return true
		}
		return false
	}
	if m := stampRe.FindStringSubmatch(f); m != nil {
		d, ok := parseDate(m[3])
		if !ok {
			return false
		}
		if strings.HasPrefix(strings.ToLower(m[1]), "updated") || strings.HasPrefix(strings.ToLower(m[1]), "last") {
			if h.updated == "" {
				h.updated = d
			}
		} else if h.date == "" {
			h.date = d
		}
		return true
	}
	if d, ok := parseDate(f); ok {
		if h.date == "" {
			h.date = d
		}
		return true
	}
	if m := sourceRe.FindStringSubmatch(f); m != nil && wordCount(m[2]) <= 8 {
		if h.outlet == "" {
			h.outlet = strings.TrimSpace(m[2])
		}
		return true
	}
	if !titleCase(f) {
		return false
	}
	if roleWords.MatchString(f) {
		// A job title belongs to a byline; alone it is no header.
		return len(h.byline) > 0
	}
	if h.outlet == "" {
		h.outlet, h.bareOutlet = f, true
		return true
	}
	return false
}

// parseNames splits "Jane Roe and Tom Poe, Staff Writers" into names,
// skipping role phrases; ok is false when a part is neither.
func parseNames(s string) ([]string, bool) {
	s = strings.TrimRight(s, " .")
	var out []string
	for _, p := range nameSplit.Split(s, -1) {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if roleWords.MatchString(p) && titleCase(p) || isOrgWord(p) {
			continue
		}
		if !personName(p) {
			return nil, false
		}
		out = append(out, p)
	}
	return out, len(out) > 0
}

func isOrgWord(p string) bool {
	switch strings.ToLower(p) {
	case "the associated press", "associated press", "reuters", "afp", "ap", "staff", "wire reports", "wire services":
		return true
	}
	return false
}

// personName: one to four capitalised words ("Jane Roe", "Mary-Kate
// O'Neil", "J. R. Smith", "Ana de la Cruz").
func personName(p string) bool {
	ws := strings.Fields(p)
	if len(ws) < 1 || len(ws) > 5 {
		return false
	}
	caps := 0
	for _, w := range ws {
		r := []rune(w)
		switch {
		case unicode.IsUpper(r[0]):
			caps++
		case w == "de" || w == "la" || w == "van" || w == "von" || w == "der" || w == "da" || w == "del" || w == "bin" || w == "al":
		default:
			return false
		}
		for _, c := range r {
			if !unicode.IsLetter(c) && c != '.' && c != '-' && c != '\'' && c != '’' {
				return false
			}
		}
	}
	return caps >= 1 && !(len(ws) == 1 && caps == 1 && len(ws[0]) < 2)
}

// titleCase: a short line of capitalised words (small joiners allowed) with
// no sentence punctuation, as an outlet name or a job title.
func titleCase(s string) bool {
	ws := strings.Fields(s)
	if len(ws) == 0 || len(ws) > 6 || strings.ContainsAny(s, ".!?,;:\"“”") {
		return false
	}
	for _, w := range ws {
		r := []rune(w)
		if unicode.IsUpper(r[0]) || unicode.IsDigit(r[0]) || r[0] == '&' {
			continue
		}
		switch w {
		case "of", "the", "and", "for", "on", "in", "at", "de", "la", "to":
			continue
		}
		return false
	}
	return unicode.IsUpper([]rune(ws[0])[0])
}

var (
	numDateRe = regexp.MustCompile(`^(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})$`)
	isoDateRe = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$`)
	// "March 3, 2025", "Mar. 3 2025", "3 March 2025", with optional weekday.
	mdyRe    = regexp.MustCompile(`^(?i)(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$`)
	dmyRe    = regexp.MustCompile(`^(?i)(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\.?,?\s+(\d{4})$`)
	timeTail = regexp.MustCompile(`(?i)(,?\s*(at\s+)?\d{1,2}(:\d{2})?\s*([ap]\.?m\.?)?(\s+[A-Z]{2,4})?|,?\s*[A-Z]{2,4})$`)
)

// parseDate reads a whole date field as YYYY-MM-DD (RFC 3339 when it has a
// time with a zone). Numeric dates are month first unless the first number
// cannot be a month. A trailing clock time is accepted and ignored.
func parseDate(s string) (string, bool) {
	s = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s), "."))
	if s == "" || len(s) > 60 {
		return "", false
	}
	if t, ok := model.ParseTime(s); ok {
		if isoDateRe.MatchString(s) && strings.ContainsAny(s, "T ") && (strings.HasSuffix(s, "Z") || strings.Count(s, ":") >= 2 && strings.ContainsAny(s[10:], "+-Z")) {
			return t.Format(time.RFC3339), true
		}
		return t.Format("2006-01-02"), true
	}
	for try := 0; try < 2; try++ {
		if d, ok := parseDay(s); ok {
			return d, true
		}
		// Strip a clock time ("10:42 a.m. ET") and try again.
		s = strings.TrimSpace(timeTail.ReplaceAllString(s, ""))
	}
	return "", false
}

func parseDay(s string) (string, bool) {
	var y, m, d int
	if g := numDateRe.FindStringSubmatch(s); g != nil {
		a, _ := strconv.Atoi(g[1])
		b, _ := strconv.Atoi(g[2])
		y, _ = strconv.Atoi(g[3])
		m, d = a, b
		if a > 12 {
			m, d = b, a
		}
	} else if g := isoDateRe.FindStringSubmatch(s); g != nil {
		y, _ = strconv.Atoi(g[1])
		m, _ = strconv.Atoi(g[2])
		d, _ = strconv.Atoi(g[3])
	} else if g := mdyRe.FindStringSubmatch(s); g != nil {
		m = monthNum(g[1])
		d, _ = strconv.Atoi(g[2])
		y, _ = strconv.Atoi(g[3])
	} else if g := dmyRe.FindStringSubmatch(s); g != nil {
		d, _ = strconv.Atoi(g[1])
		m = monthNum(g[2])
		y, _ = strconv.Atoi(g[3])
	} else {
		return "", false
	}
	if y < 100 {
		y += 2000
	}
	if m < 1 || m > 12 || d < 1 || d > 31 || y < 1800 || y > 2200 {
		return "", false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return "", false // 31 April and the like
	}
	return t.Format("2006-01-02"), true
}

func monthNum(s string) int {
	s = strings.ToLower(s)
	for i, m := range []string{"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"} {
		if s == m || len(s) >= 3 && strings.HasPrefix(m, s) || s == "sept" {
			if s == "sept" {
				return 9
			}
			return i + 1
		}
	}
	return 0
}
