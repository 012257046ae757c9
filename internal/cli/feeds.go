package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/crosswire-news/crosswire/internal/feed"
	"github.com/crosswire-news/crosswire/internal/store"
)

var feedsGroup = &group{name: "feeds", summary: "manage feed subscriptions: feeds add|import|export|list|remove", subs: map[string]*command{}}

func init() {
	register(&command{name: "feeds", usage: "add|import|export|list|remove [flags] [args]", summary: feedsGroup.summary, run: feedsGroup.run})
	feedsGroup.add(&command{name: "add", usage: "[--db PATH] URL...", summary: "subscribe to RSS, Atom or JSON feeds (polled by 'crosswire watch')", run: runFeedsAdd})
	feedsGroup.add(&command{name: "import", usage: "[--db PATH] FILE.opml", summary: "subscribe to every feed of an OPML file (nested folders included)", run: runFeedsImport})
	feedsGroup.add(&command{name: "export", usage: "[--db PATH]", summary: "print the subscriptions as OPML", run: runFeedsExport})
	feedsGroup.add(&command{name: "remove", usage: "[--db PATH] URL...", summary: "unsubscribe from feeds (articles already stored are kept)", run: runFeedsRemove})
	feedsGroup.add(&command{name: "list", usage: "[--db PATH] [--json]", summary: "show subscriptions with last fetch, status and item count", run: runFeedsList})
}

// checkFeedURL admits absolute http and https URLs only: anything else could
// never be polled.
func checkFeedURL(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("%q is not an http(s) feed URL", raw)
	}
	u.Fragment = ""
	return u.String(), nil
}

// eachFeed runs do for each item, one error line per failure, the rest
// going on; it returns how many succeeded and the exit code.
func eachFeed[T any](env *Env, items []T, do func(T) error) (int, int) {
	n, code := 0, ExitOK
	for _, it := range items {
		if err := do(it); err != nil {
			env.Errorf("%v", err)
			code = ExitPartial
			continue
		}
		n++
	}
	return n, code
}

// addFeed subscribes to u; its error names u.
func addFeed(ctx context.Context, db *store.DB, u, title string) error {
	if err := db.AddFeed(ctx, u, title); err != nil {
		return fmt.Errorf("%s: %v", u, err)
	}
	return nil
}

func runFeedsAdd(env *Env, args []string) int {
	fs := newFlags(env, feedsGroup.subs["add"])
	dbPath := dbFlag(fs)
	title := fs.String("title", "", "title to show until the first poll names the feed")
	if code, ok := parseArgs(fs, args, 1, -1); !ok {
		return code
	}
	db, ok := openStore(env, *dbPath)
	if !ok {
		return ExitPartial
	}
	defer db.Close()
	ctx := context.Background()
	added, code := eachFeed(env, fs.Args(), func(a string) error {
		u, err := checkFeedURL(a)
		if err != nil {
			return err
		}
		return addFeed(ctx, db, u, *title)
	})
	fmt.Fprintf(env.Stdout, "subscribed to %s (%s)\n", plural(added, "feed"), db.Path())
	return code
}

func runFeedsRemove(env *Env, args []string) int {
	fs := newFlags(env, feedsGroup.subs["remove"])
	dbPath := dbFlag(fs)
	if code, ok := parseArgs(fs, args, 1, -1); !ok {
		return code
	}
	db, ok := openStore(env, *dbPath)
	if !ok {
		return ExitPartial
	}
	defer db.Close()
	ctx := context.Background()
	removed, code := eachFeed(env, fs.Args(), func(a string) error {
		// Feeds are stored in the form 'feeds add' normalised them to.
		u, err := checkFeedURL(a)
		if err != nil {
			u = strings.TrimSpace(a)
		}
		if err := db.RemoveFeed(ctx, u); err != nil {
			if errors.Is(err, store.ErrNotFound) {
				return fmt.Errorf("%s: no such feed in %s (see 'crosswire feeds list')", u, db.Path())
			}
			return fmt.Errorf("%s: %v", u, err)
		}
		return nil
	})
	fmt.Fprintf(env.Stdout, "unsubscribed from %s (%s)\n", plural(removed, "feed"), db.Path())
	return code
}

func runFeedsImport(env *Env, args []string) int {
	fs := newFlags(env, feedsGroup.subs["import"])
	dbPath := dbFlag(fs)
	if code, ok := parseArgs(fs, args, 1, 1); !ok {
		return code
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		env.Errorf("%v", err)
		return ExitPartial
	}
	defer f.Close()
	subs, err := feed.ReadOPML(f)
	if err != nil {
		env.Errorf("%s: %v", fs.Arg(0), err)
		return ExitPartial
	}
	db, ok := openStore(env, *dbPath)
	if !ok {
		return ExitPartial
	}
	defer db.Close()
	ctx := context.Background()
	added, code := eachFeed(env, subs, func(s feed.Subscription) error {
		u, err := checkFeedURL(s.URL)
		if err != nil {
			return fmt.Errorf("%s: %v", fs.Arg(0), err)
		}
		return addFeed(ctx, db, u, s.Title)
	})
	fmt.Fprintf(env.Stdout, "imported %s from %s (%s)\n", plural(added, "feed"), fs.Arg(0), db.Path())
	return code
}

func runFeedsExport(env *Env, args []string) int {
	fs := newFlags(env, feedsGroup.subs["export"])
	dbPath := dbFlag(fs)
	if code, ok := parse(fs, args); !ok {
		return code
	}
	db, ok := openStore(env, *dbPath)
	if !ok {
		return ExitPartial
	}
	defer db.Close()
	feeds, err := db.Feeds(context.Background())
	if err != nil {
		env.Errorf("%v", err)
		return ExitPartial
	}
	if err := feed.WriteOPML(env.Stdout, feeds, time.Now()); err != nil {
		env.Errorf("%v", err)
		return ExitPartial
	}
	return ExitOK
}

// feedJSON is the --json form of a subscription.
type feedJSON struct {
	URL          string `json:"url"`
	Title        string `json:"title"`
	LastStatus   string `json:"last_status"`
	LastError    string `json:"last_error,omitempty"`
	LastFetch    string `json:"last_fetch,omitempty"`
	NextFetch    string `json:"next_fetch,omitempty"`
	Items        int    `json:"items"`
	Failures     int    `json:"failures"`
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
}

func runFeedsList(env *Env, args []string) int {
	fs := newFlags(env, feedsGroup.subs["list"])
	dbPath := dbFlag(fs)
	asJSON := fs.Bool("json", false, "one JSON object per feed")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	db, ok := openStore(env, *dbPath)
	if !ok {
		return ExitPartial
	}
	defer db.Close()
	feeds, err := db.Feeds(context.Background())
	if err != nil {
		env.Errorf("%v", err)
		return ExitPartial
	}
	stamp := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format(time.RFC3339)
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		for _, f := range feeds {
			enc.Encode(feedJSON{URL: f.URL, Title: f.Title, LastStatus: f.LastStatus, LastError: f.LastError,
				LastFetch: stamp(f.LastFetch), NextFetch: stamp(f.NextFetch), Items: f.Items, Failures: f.Failures,
				ETag: f.ETag, LastModified: f.LastModified})
		}
		return ExitOK
	}
	if len(feeds) == 0 {
		fmt.Fprintln(env.Stdout, "no feeds (add some with 'crosswire feeds add URL' or 'crosswire feeds import FILE.opml')")
		return ExitOK
	}
	now := time.Now()
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "URL\tTITLE\tLAST FETCH\tSTATUS\tITEMS\tNEXT\tERROR")
	for _, f := range feeds {
		last, next, status := "never", "now", f.LastStatus
		if !f.LastFetch.IsZero() {
			last = feedAgo(now.Sub(f.LastFetch)) + " ago"
		}
		if f.NextFetch.After(now) {
			next = "in " + feedAgo(f.NextFetch.Sub(now))
		}
		if status == "" {
			status = "-"
		}
		if f.Failures > 1 {
			status += fmt.Sprintf(" (x%d)", f.Failures)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%s\t%s\n", f.URL, feedClip(f.Title, 40), last, status, f.Items, next, feedClip(f.LastError, 60))
	}
	tw.Flush()
	return ExitOK
}

// feedAgo is a short human duration: "45s", "12m", "3h", "2d".
func feedAgo(d time.Duration) string {
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d.Seconds()))
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%dh", int(d.Hours()))
	default:
		return fmt.Sprintf("%dd", int(d.Hours()/24))
	}
}

func feedClip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
