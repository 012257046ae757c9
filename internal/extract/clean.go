package extract

import (
	"regexp"
	"strings"
	"unicode"
)

// Clean drops boilerplate lines from body text: navigation and widget
// lines, comment prompts, advertising and subscription calls, publisher
// disclaimers and embedded social posts. It returns the kept text and the
// dropped lines in order. Rules match whole lines (or a short line's
// start) so that a sentence of the article is never removed: prose that
// merely begins with "Subscribe" or "Related" stays.
func Clean(text string) (kept string, dropped []string) {
	ls := lines(text)
	drop := make([]bool, len(ls))
	for i, l := range ls {
		t := strings.TrimSpace(l)
		if t == "" {
			continue
		}
		if isSocialSignature(t) {
			drop[i] = true
			// The post's text is the paragraph just above the signature.
			j := i - 1
			for j >= 0 && strings.TrimSpace(ls[j]) == "" {
				j--
			}
			start := j
			for start > 0 && strings.TrimSpace(ls[start-1]) != "" {
				start--
			}
			if j >= 0 && wordCount(strings.Join(ls[start:j+1], " ")) <= 80 {
				for k := start; k <= j; k++ {
					drop[k] = true
				}
			}
			continue
		}
		if IsBoilerplate(t) {
			drop[i] = true
		}
	}
	dropNavRuns(ls, drop)
	var b strings.Builder
	blank := 0
	for i, l := range ls {
		if drop[i] {
			dropped = append(dropped, strings.TrimSpace(l))
			continue
		}
		if strings.TrimSpace(l) == "" {
			blank++
			// Keep paragraph breaks but not the gaps dropped lines leave.
			if blank > 1 || b.Len() == 0 {
				continue
			}
		} else {
			blank = 0
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(l)
	}
	return strings.TrimRight(b.String(), " \t\r\n"), dropped
}

// navRun is how many label-like lines in a row make a navigation block.
const navRun = 6

// dropNavRuns marks runs of at least navRun consecutive label-like lines
// (one to three words, no sentence punctuation, blank lines between them
// allowed): category menus and link lists, never paragraphs.
func dropNavRuns(ls []string, drop []bool) {
	var run []int
	flush := func() {
		if len(run) >= navRun {
			for _, k := range run {
				drop[k] = true
			}
		}
		run = run[:0]
	}
	for i, l := range ls {
		t := strings.TrimSpace(l)
		switch {
		case t == "":
			continue
		case drop[i] || isLabel(t):
			run = append(run, i)
		default:
			flush()
		}
	}
	flush()
}

// isLabel: a menu entry, not a sentence.
func isLabel(t string) bool {
	if n := wordCount(t); n == 0 || n > 3 || len(t) > 40 {
		return false
	}
	return !strings.ContainsAny(t, ".!?,;:\"“”")
}

// widgetLines are whole lines (folded: lower case, edge punctuation gone)
// that only ever appear as page furniture.
var widgetLines = map[string]bool{}

func init() {
	for _, s := range []string{
		"most viewed", "most read", "most popular", "most shared", "most commented", "trending",
		"trending now", "trending stories", "popular", "popular stories", "top stories", "latest news",
		"latest stories", "latest", "more stories", "more news", "more from", "you may also like",
		"you might also like", "recommended", "recommended for you", "recommended stories",
		"related", "related articles", "related stories", "related news", "related content",
		"related coverage", "related topics", "read more", "read next", "read this next",
		"see also", "also read", "more on this story", "in other news", "editor's picks",
		"editors' picks", "don't miss", "connect with us", "follow us", "stay connected",
		"share", "share this", "share this article", "share this story", "share this post",
		"share on facebook", "share on twitter", "share via email", "share via", "tweet", "email",
		"print", "facebook", "twitter", "linkedin", "whatsapp", "reddit", "pinterest", "copy link",
		"copy link to clipboard", "link copied", "comments", "comment", "show comments",
		"view comments", "leave a reply", "leave a comment", "post a comment", "add a comment",
		"join the conversation", "join the discussion", "cancel reply", "comments are closed",
		"advertisement", "advertisements", "advertising", "sponsored", "sponsored content",
		"paid content", "partner content", "ad", "ads", "skip to content", "skip to main content",
		"skip navigation", "menu", "search", "home", "sign in", "log in", "login", "sign up",
		"register", "subscribe", "subscribe now", "subscribe today", "newsletter", "newsletters",
		"now loading", "loading", "continue reading", "continue reading below",
		"story continues below", "story continues below advertisement",
		"article continues below advertisement", "advertisement continue reading below",
		"scroll to continue", "back to top", "close", "open", "view all", "see all", "load more",
		"show more", "next article", "previous article", "next story", "previous story",
		"listen to this article", "listen", "watch", "play video", "video", "photos", "gallery",
		"view gallery", "enlarge this image", "toggle caption", "hide caption", "image",
		"view this post on instagram", "a post shared by", "all rights reserved", "privacy policy",
		"terms of use", "terms of service", "cookie policy", "contact us", "about us",
		"we recommend", "sections", "topics", "tags", "filed under", "print this page",
		"font size", "text size", "reprints", "save", "saved", "bookmark", "get the app",
		"by", "order reprints", "print article", "print this article", "email this article",
		"see more", "more from this author", "about the author",
	} {
		widgetLines[s] = true
	}
}

// boilerRules match short lines that start like furniture. maxWords keeps
// each rule away from real sentences.
var boilerRules = []struct {
	re       *regexp.Regexp
	maxWords int
}{
	// Navigation and cross-links: a label with a colon or arrow, then a headline.
	{regexp.MustCompile(`^(?i)(related|read more|read also|also read|see also|see more|more|recommended|watch|listen|read next|click here|related video|related coverage|more coverage|related stories?|related articles?|related content|editor's pick|don't miss|must read|trending|popular)(\s*(:|>|»|→|\|)|\s+(-{1,2}|—|–)\s)`), 30},
	{regexp.MustCompile(`^(?i)(read more|click here|tap here|learn more)\b`), 14},
	{regexp.MustCompile(`(?i)\bclick(ing)? here\b`), 14},
	{regexp.MustCompile(`^(?i)(share|tweet|email|post) (this|on|via|to|with) (article|story|post|page|facebook|twitter|x|email|linkedin|whatsapp|reddit)\b`), 10},
	{regexp.MustCompile(`^(?i)click to (share|email|print)\b`), 12},
	{regexp.MustCompile(`^(?i)(connect|follow) (with )?us\b`), 12},
	{regexp.MustCompile(`^(?i)follow (the|our) \w+( \w+)? on (twitter|facebook|instagram|x|linkedin|tiktok|threads)\b`), 16},
	{regexp.MustCompile(`^(?i)(now )?loading\s*(\.\.\.|…)`), 4},
	// Dates and stamps as their own line.
	{regexp.MustCompile(`^(?i)(published|posted|updated|last updated|first published|modified)(\s+on|\s+at)?\s*:?\s*(` + monthRe + `|(mon|tues|wednes|thurs|fri|satur|sun)day\b|\d{1,4}([/.:-]\d|\s*(min|mins|minutes?|hours?|hrs?|days?)\s+ago))`), 14},
	// Advertising.
	{regexp.MustCompile(`^(?i)(advertisement|advertising|sponsored|ad)(\s*(:|\|)|\s+(-{1,2}|—|–)\s)`), 12},
	{regexp.MustCompile(`^(?i)(story|article|content) continues (below|after)`), 8},
	// Subscription and newsletter calls: an imperative with a promo word.
	{regexp.MustCompile(`^(?i)(subscribe|sign up|signup|register|join|get|unlock|try|start|support|become a (member|subscriber)|already a subscriber|want more)\b.*(\b(newsletters?|subscription|subscribers?|inbox|digital access|unlimited access|free trial|per month|/month|special offer)\b|\$\d)`), 25},
	{regexp.MustCompile(`^(?i)subscribe (to|for|now|today)\b`), 16},
	{regexp.MustCompile(`^(?i)(you have|you've) (reached|read) (your|\d+)`), 25},
	{regexp.MustCompile(`^(?i)(thanks?( you)? for (signing up|subscribing)|keep an eye on your inbox|check your inbox|there was an error processing your (subscription|request)|already have an account|don't have an account)`), 20},
	// Comment prompts.
	{regexp.MustCompile(`^(?i)your email address will not be published`), 30},
	{regexp.MustCompile(`^(?i)required fields are marked`), 10},
	{regexp.MustCompile(`^(?i)you must (be )?(log|logged|sign|signed) in to (post|leave|add) a comment`), 16},
	{regexp.MustCompile(`^(?i)save my name,? email,? and website`), 30},
	{regexp.MustCompile(`^(?i)((leave a (reply|comment)|post a comment|add a comment|join the (conversation|discussion))\W*$|comments (are|have been) closed\b|be the first to comment\b|\d+ comments?$)`), 14},
	{regexp.MustCompile(`^(?i)(we|our) (welcome|invite) (your )?(comments|feedback)`), 30},
	// Publisher disclaimers.
	{regexp.MustCompile(`^(?i)(the )?(views|opinions) expressed\b.*\b(author|authors|writer|contributor)('s|s'|s)?\b`), 60},
	{regexp.MustCompile(`^(?i)this (article|story|report|piece|post|content) (was|has been|is) (produced|written|originally published|first published|republished|prepared|created|generated|edited|translated)\b`), 60},
	{regexp.MustCompile(`^(?i)(this material|this article|this story) may not be (published|reproduced|copied)`), 30},
	{regexp.MustCompile(`^(?i)this copy is for your personal,? non-commercial use`), 60},
	{regexp.MustCompile(`(?i)\b(if you (buy|purchase) (something|anything|a product)|we may (earn|receive|get) (a )?(small )?(commission|share))\b`), 50},
	{regexp.MustCompile(`^(?i)follow\s+\S.{0,80}\s+on\s+(twitter|facebook|instagram|youtube|tiktok|linkedin|threads|bluesky)\b`), 25},
	// WordPress shortcodes that leaked into the text.
	{regexp.MustCompile(`^\[\w+[^\]]*\].*\[/\w+\]$`), 40},
	{regexp.MustCompile(`^(?i)write to [\pL .'-]+ at \S+@\S+\.\w+\.?$`), 16},
	// Copyright lines.
	{regexp.MustCompile(`^(?i)(©|\(c\)\s*\d{4}|copyright\s*(©|\(c\))?\s*\d{4})`), 25},
	{regexp.MustCompile(`(?i)\ball rights reserved\.?$`), 25},
	// Social embeds shown as a caption line.
	{regexp.MustCompile(`^(?i)a post shared by\b`), 30},
	{regexp.MustCompile(`^(?i)(tags|filed under|topics|categories|posted in)\s*:`), 30},
}

// monthRe matches an English month name or its abbreviation.
const monthRe = `(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d`

// IsBoilerplate reports whether a single line (no newline) is page
// furniture rather than article text.
func IsBoilerplate(line string) bool {
	t := strings.TrimSpace(line)
	if t == "" {
		return false
	}
	if widgetLines[foldLine(t)] {
		return true
	}
	n := wordCount(t)
	if n <= 40 && promoLine.MatchString(t) && !reportVerbs.MatchString(t) {
		return true
	}
	// Author contact lines: an e-mail address with a contact or follow cue.
	if n <= 30 && emailAddr.MatchString(t) && contactCue.MatchString(t) && !reportVerbs.MatchString(t) {
		return true
	}
	if n <= 8 && (bylineOnly.MatchString(t) || dateOnly(t)) {
		return true
	}
	// Beyond a few words, a reporting verb marks a sentence of the article
	// ("Subscribers were told ..."), whatever its first words.
	if n > 6 && reportVerbs.MatchString(t) {
		return false
	}
	for _, r := range boilerRules {
		if n <= r.maxWords && r.re.MatchString(t) {
			return true
		}
	}
	return false
}

// promoLine is a newsletter or subscription pitch anywhere in a short
// paragraph; attribution verbs mark reporting about newsletters instead.
var (
	promoLine   = regexp.MustCompile(`(?i)\b(sign up|subscribe)\b.*\b(newsletters?|inbox)\b`)
	reportVerbs = regexp.MustCompile(`(?i)\b(said|says|told|according|reported)\b`)
)

var (
	emailAddr  = regexp.MustCompile(`[\w.+-]+@[\w-]+\.[\w.]+`)
	contactCue = regexp.MustCompile(`(?i)\b(e-?mail|write to|reach(ed)?|contact|follow|tips?)\b`)
	// bylineOnly: "By Jane Roe", "By JANE ROE", "By Harbor Ledger Staff".
	bylineOnly = regexp.MustCompile(`^(?i:by)\s+(\p{Lu}[\pL.'’-]*\s*){1,6}$`)
)

// dateOnly: a line that is nothing but a date and maybe a time.
func dateOnly(t string) bool {
	if !strings.ContainsAny(t, "0123456789") {
		return false
	}
	_, ok := parseDate(t)
	return ok
}

// socialSignature is the attribution line of an embedded post:
// "— Name (@handle) March 3, 2025" (Twitter/X, Threads, Bluesky).
var socialSignature = regexp.MustCompile(`^(?:[—–-]{1,2}|&mdash;)\s*[^()]{0,80}\(@[A-Za-z0-9_.]{1,30}\)\s*(?:on\s+)?(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{4})\s*$`)

func isSocialSignature(t string) bool { return socialSignature.MatchString(t) }

// foldLine lower-cases a line, collapses spaces and trims bullets,
// ellipses, colons and arrows at both ends, for whole-line lookup.
func foldLine(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	s = strings.ReplaceAll(s, "’", "'")
	return strings.TrimFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '$'
	})
}

func wordCount(s string) int { return len(strings.Fields(s)) }
