package web

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// chromiumPath finds Debian's chromium (package "chromium"), or
// CROSSWIRE_CHROMIUM when set.
func chromiumPath() string {
	if p := os.Getenv("CROSSWIRE_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// browserProblems collects what a page must never produce: console errors
// and warnings, uncaught exceptions, browser log errors (CSP violations,
// failed loads) and dialogs.
type browserProblems struct {
	mu   sync.Mutex
	list []string
}

func (b *browserProblems) add(format string, args ...any) {
	b.mu.Lock()
	b.list = append(b.list, fmt.Sprintf(format, args...))
	b.mu.Unlock()
}

func (b *browserProblems) take() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	l := b.list
	b.list = nil
	return l
}

func TestBrowser(t *testing.T) {
	exe := chromiumPath()
	if exe == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("chromium is not installed, and CI is set: the browser test must run in CI (apt-get install -y chromium)")
		}
		t.Skip("chromium not installed (apt-get install -y chromium); skipping the browser test outside CI")
	}
	shots := os.Getenv("CROSSWIRE_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	} else if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(New(newFakeStore(t), quietOptions()))
	defer srv.Close()

	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1360, 900),
	)
	defer cancelAlloc()
	probs := &browserProblems{}
	var ctx context.Context
	var cancel context.CancelFunc
	ctx, cancel = chromedp.NewContext(alloc, chromedp.WithListener(func(ev any) {
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeWarning || e.Type == runtime.ConsoleAPICalledTypeAssert {
				var parts []string
				for _, a := range e.Args {
					parts = append(parts, string(a.Value)+a.Description)
				}
				probs.add("console.%s: %s", e.Type, strings.Join(parts, " "))
			}
		case *runtime.EventExceptionThrown:
			d := e.ExceptionDetails
			desc := ""
			if d.Exception != nil {
				desc = d.Exception.Description
			}
			probs.add("uncaught exception: %s %s at %s:%d", d.Text, desc, d.URL, d.LineNumber)
		case *log.EventEntryAdded:
			if e.Entry.Level == log.EntryLevelError || e.Entry.Level == log.EntryLevelWarning || e.Entry.Source == log.EntrySourceSecurity {
				probs.add("browser log %s/%s: %s %s", e.Entry.Source, e.Entry.Level, e.Entry.Text, e.Entry.URL)
			}
		case *cdppage.EventJavascriptDialogOpening:
			probs.add("dialog opened: %s %q", e.Type, e.Message)
			go chromedp.Call(ctx, cdppage.HandleJavaScriptDialog, cdppage.HandleJavaScriptDialogParams{Accept: false})
		}
	}))
	defer cancel()
	// The first Run starts the browser; it must not carry a timeout.
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}

	type check struct{ sel, want string }
	pages := []struct {
		name, path string
		checks     []check
	}{
		{"stories", "/", []check{
			{"h1", "Stories"},
			{"table.stories tbody tr:first-child .story-link", "Calder River bridge shut"},
			{"select[name=outlet]", "Ridgeline Post"},
			{".pager", "Page 1 of 1"},
		}},
		{"search", "/search?q=corroded", []check{
			{".hits .hit mark", "orroded"},
			{".page-head", "3 articles"},
		}},
		{"story", "/story/story-bridge", []check{
			{"h1", "Calder River bridge shut after engineers find corroded cables"},
			{".summary", "1 independent source"},
			{".cards .card:nth-child(2) .delay", "+1h 30m"},
			{".cards .card.is-copy .copy-note", "copy of The Valley Sentinel (97%)"},
			{".cards .card:first-child .joined", "started the story"},
			{".cards .card:nth-child(2) .joined", "similar coverage (score 0.41)"},
			{"table.quotes thead", "NORTHFIELD WIRE"}, // uppercased by CSS
			{"table.quotes tr.misattributed .flag", "attributed to Ada Fenwick"},
			{"table.quotes ins", "that"},
			{"table.claims tr.unique", "only one outlet"},
			{"svg.graph .node.origin", "Lakeshore Press Agency"},
			{"svg.timeline", "Northfield Wire"},
			{"ul.discrepancies", "Speaker mismatch"},
		}},
		{"article", "/article/sentinel-bridge", []check{
			{".page-head .outlet", "THE VALLEY SENTINEL"},
			{".article-text .a-source", "Lakeshore Press Agency"},
			{".article-text .a-content", "closed to all traffic"},
			{".article-side", "Public Works Director"},
			{"details.dropped summary", "3 lines dropped"},
		}},
		{"person", "/person/Mara%20Ilves", []check{
			{"h1", "Mara Ilves"},
			{".summary", "5 statements in 1 story"},
			{".person-story h2", "Calder River bridge"},
		}},
		{"xss-story", "/story/story-xss", []check{{"h1", "<script>"}}},
		{"xss-article", "/article/xss-1", []check{{"h1", "onerror="}, {".article-text", "<img src=x"}}},
		{"xss-person", "/person/" + strings.ReplaceAll(strings.ReplaceAll("Eve "+xssPayload, "/", "%2F"), " ", "%20"), []check{{"h1", "<script>"}}},
	}
	for _, p := range pages {
		t.Run(p.name, func(t *testing.T) {
			pctx, pcancel := context.WithTimeout(ctx, 20*time.Second)
			defer pcancel()
			if err := chromedp.Do(pctx, chromedp.Navigate(srv.URL+p.path), chromedp.WaitReady("body")); err != nil {
				t.Fatalf("load %s: %v", p.path, err)
			}
			for _, c := range p.checks {
				text := chromedp.Text[chromedp.CSS]
				if strings.HasPrefix(c.sel, "svg") { // SVG has no innerText
					text = chromedp.TextContent[chromedp.CSS]
				}
				got, err := chromedp.Run(pctx, text(chromedp.CSS(c.sel)))
				if err != nil {
					t.Errorf("%s: text of %q: %v", p.path, c.sel, err)
					continue
				}
				if !strings.Contains(got, c.want) {
					t.Errorf("%s: %q shows %q, want it to contain %q", p.path, c.sel, truncate(200, got), c.want)
				}
			}
			pwned, err := chromedp.Run(pctx, chromedp.Evaluate[bool](`typeof window.__pwned !== "undefined" || document.title === "PWNED"`))
			if err != nil || pwned {
				t.Errorf("%s: injected script ran (pwned=%v, err=%v)", p.path, pwned, err)
			}
			// Long unbroken article strings must not push the page sideways.
			wide, err := chromedp.Run(pctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth`))
			if err != nil || wide {
				t.Errorf("%s: page wider than the window (err=%v)", p.path, err)
			}
			png, err := chromedp.Run(pctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Errorf("screenshot: %v", err)
			} else if err := os.WriteFile(filepath.Join(shots, "screenshot-"+p.name+".png"), png, 0o644); err != nil {
				t.Error(err)
			}
			for _, pr := range probs.take() {
				t.Errorf("%s: %s", p.path, pr)
			}
		})
	}

	t.Run("interactions", func(t *testing.T) {
		pctx, pcancel := context.WithTimeout(ctx, 20*time.Second)
		defer pcancel()
		// The diff switch is script-driven: it appears, and hides the diff.
		err := chromedp.Do(pctx,
			chromedp.Navigate(srv.URL+"/story/story-bridge"),
			chromedp.WaitVisible(chromedp.CSS("button.toggle-diff")),
			chromedp.Click(chromedp.CSS("button.toggle-diff")),
			chromedp.WaitVisible(chromedp.CSS("#quotes.quotes-plain")),
		)
		if err != nil {
			t.Fatalf("diff toggle: %v", err)
		}
		hidden, err := chromedp.Run(pctx, chromedp.Evaluate[bool](`getComputedStyle(document.querySelector("#quotes q.v-diff")).display === "none" && getComputedStyle(document.querySelector("#quotes q.v-plain")).display !== "none"`))
		if err != nil || !hidden {
			t.Errorf("plain view does not replace the diff (ok=%v err=%v)", hidden, err)
		}
		// The dropped lines open without script.
		err = chromedp.Do(pctx,
			chromedp.Navigate(srv.URL+"/article/sentinel-bridge"),
			chromedp.Click(chromedp.CSS("details.dropped summary")),
			chromedp.WaitVisible(chromedp.CSS("details.dropped ol")),
		)
		if err != nil {
			t.Errorf("dropped lines: %v", err)
		}
		// The header search submits to the search page.
		err = chromedp.Do(pctx,
			chromedp.Navigate(srv.URL+"/"),
			chromedp.SendKeys(chromedp.CSS("header input[name=q]"), "vouch\n"),
			chromedp.WaitVisible(chromedp.CSS(".hits mark")),
		)
		if err != nil {
			t.Errorf("header search: %v", err)
		}
		for _, pr := range probs.take() {
			t.Errorf("interactions: %s", pr)
		}
	})
	t.Logf("screenshots in %s", shots)
}
