package fetch

import "testing"

// FuzzRobots: any robots.txt and path must parse and match without panic.
func FuzzRobots(f *testing.F) {
	f.Add([]byte("User-agent: *\nDisallow: /a*b$\nAllow: /a\nCrawl-delay: 2\n"), "/a/x.b")
	f.Add([]byte("user-agent: crosswire\ndisallow: /\n"), "/")
	f.Fuzz(func(t *testing.T, data []byte, path string) {
		r := ParseRobots(data, "crosswire")
		r.Allowed(path)
		if r.CrawlDelay < 0 {
			t.Fatal("negative crawl delay")
		}
	})
}
