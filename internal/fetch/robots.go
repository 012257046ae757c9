package fetch

import (
	"bufio"
	"bytes"
	"strconv"
	"strings"
	"time"
)

// Robots is the part of a robots.txt that applies to one user agent.
type Robots struct {
	rules      []robotsRule
	CrawlDelay time.Duration
}

type robotsRule struct {
	allow   bool
	pattern string
}

// allowAll is what a missing robots.txt (404 and other 4xx) means.
var allowAll = &Robots{}

// ParseRobots reads a robots.txt and keeps the groups for agent (a product
// token such as "crosswire", matched case-insensitively) or, when no group
// names it, the "*" groups. Groups naming the same agent are merged.
func ParseRobots(data []byte, agent string) *Robots {
	agent = strings.ToLower(agent)
	type group struct {
		agents []string
		rules  []robotsRule
		delay  time.Duration
		hasDly bool
	}
	var groups []*group
	var cur *group
	inAgents := false // consecutive User-agent lines share one group
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 4096), 64*1024)
	for sc.Scan() {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		key, val, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		key = strings.ToLower(strings.TrimSpace(key))
		val = strings.TrimSpace(val)
		switch key {
		case "user-agent":
			if !inAgents || cur == nil {
				cur = &group{}
				groups = append(groups, cur)
			}
			cur.agents = append(cur.agents, strings.ToLower(val))
			inAgents = true
		case "allow", "disallow":
			inAgents = false
			if cur == nil {
				continue // rules before any User-agent belong to nobody
			}
			if val == "" {
				continue // "Disallow:" with no path allows everything
			}
			cur.rules = append(cur.rules, robotsRule{allow: key == "allow", pattern: val})
		case "crawl-delay":
			inAgents = false
			if cur == nil {
				continue
			}
			if f, err := strconv.ParseFloat(val, 64); err == nil && f >= 0 && f < 86400 {
				cur.delay = time.Duration(f * float64(time.Second))
				cur.hasDly = true
			}
		default:
			// Sitemap and unknown keys do not end the agent list in practice.
		}
	}
	matches := func(wantStar bool) *Robots {
		var r *Robots
		for _, g := range groups {
			hit := false
			for _, a := range g.agents {
				if wantStar && a == "*" || !wantStar && a != "*" && a != "" && strings.Contains(agent, a) {
					hit = true
				}
			}
			if !hit {
				continue
			}
			if r == nil {
				r = &Robots{}
			}
			r.rules = append(r.rules, g.rules...)
			if g.hasDly && g.delay > r.CrawlDelay {
				r.CrawlDelay = g.delay
			}
		}
		return r
	}
	if r := matches(false); r != nil {
		return r
	}
	if r := matches(true); r != nil {
		return r
	}
	return allowAll
}

// Allowed reports whether path (the URL's escaped path plus "?query") may be
// fetched: the longest matching rule decides, Allow wins a tie.
func (r *Robots) Allowed(path string) bool {
	if path == "" {
		path = "/"
	}
	if path == "/robots.txt" {
		return true
	}
	best, allow := -1, true
	for _, rule := range r.rules {
		if !robotsMatch(rule.pattern, path) {
			continue
		}
		n := len(rule.pattern)
		if n > best || n == best && rule.allow {
			best, allow = n, rule.allow
		}
	}
	return allow
}

// robotsMatch matches a robots.txt path pattern: "*" is any run of
// characters, a final "$" anchors the end, and otherwise it is a prefix.
func robotsMatch(pattern, path string) bool {
	anchored := strings.HasSuffix(pattern, "$")
	if anchored {
		pattern = pattern[:len(pattern)-1]
	}
	parts := strings.Split(pattern, "*")
	if !strings.HasPrefix(path, parts[0]) {
		return false
	}
	pos := len(parts[0])
	for i := 1; i < len(parts); i++ {
		p := parts[i]
		if i == len(parts)-1 && anchored {
			// The last piece must end the path.
			return len(path)-pos >= len(p) && strings.HasSuffix(path, p)
		}
		j := strings.Index(path[pos:], p)
		if j < 0 {
			return false
		}
		pos += j + len(p)
	}
	if anchored {
		return pos == len(path)
	}
	return true
}
