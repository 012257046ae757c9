package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/crosswire-news/crosswire/internal/store"
)

// The read-only commands over the store: stories, story, search.

func init() {
	register(&command{name: "stories", usage: "[--db PATH] [--json] [--sort newest|covered] [--limit N] [--outlet O] [--person P]",
		summary: "list stored stories", run: runStories})
	register(&command{name: "story", usage: "[--db PATH] [--json] ID",
		summary: "show one stored story: articles, origins, quotes across outlets, discrepancies", run: runStory})
	register(&command{name: "search", usage: "[--db PATH] [--json] [--limit N] QUERY",
		summary: "full-text search over stored articles, with snippets", run: runSearch})
}

func openStore(env *Env, path string) (*store.DB, bool) {
	db, err := store.Open(path)
	if err != nil {
		env.Errorf("%v", err)
		return nil, false
	}
	return db, true
}

func runStories(env *Env, args []string) int {
	fs := newFlags(env, commands["stories"])
	dbPath := dbFlag(fs)
	asJSON := fs.Bool("json", false, "print one JSON object per line")
	var f store.StoryFilter
	fs.StringVar(&f.Sort, "sort", "newest", "order: newest or covered (most outlets first)")
	fs.IntVar(&f.Limit, "limit", 50, "how many stories")
	fs.StringVar(&f.Outlet, "outlet", "", "only stories covered by this outlet")
	fs.StringVar(&f.Person, "person", "", "only stories naming this person")
	fs.StringVar(&f.From, "from", "", "first published on or after this date (YYYY-MM-DD)")
	fs.StringVar(&f.To, "to", "", "first published on or before this date (YYYY-MM-DD)")
	if code, ok := parseArgs(fs, args, 0, 0); !ok {
		return code
	}
	db, ok := openStore(env, *dbPath)
	if !ok {
		return ExitPartial
	}
	defer db.Close()
	list, total, err := db.Stories(context.Background(), f)
	if err != nil {
		env.Errorf("%v", err)
		return ExitPartial
	}
	enc := json.NewEncoder(env.Stdout)
	for _, s := range list {
		if *asJSON {
			enc.Encode(s)
			continue
		}
		fmt.Fprintf(env.Stdout, "%s  %-10s  %2d outlets  %2d sources  %s\n", s.ID, firstDay(s.FirstPublished), s.Outlets, s.IndependentSources, s.Title)
	}
	if !*asJSON {
		fmt.Fprintf(env.Stdout, "%d of %s\n", len(list), plural(total, "story"))
	}
	return ExitOK
}

func firstDay(ts string) string {
	if len(ts) >= 10 {
		return ts[:10]
	}
	return orDash(ts)
}

func runStory(env *Env, args []string) int {
	fs := newFlags(env, commands["story"])
	dbPath := dbFlag(fs)
	asJSON := fs.Bool("json", false, "print the Story as JSON")
	if code, ok := parseArgs(fs, args, 1, 1); !ok {
		return code
	}
	db, ok := openStore(env, *dbPath)
	if !ok {
		return ExitPartial
	}
	defer db.Close()
	ctx := context.Background()
	s, err := db.Story(ctx, fs.Arg(0))
	if errors.Is(err, store.ErrNotFound) {
		// The linker may have folded the story into a bigger one since
		// its id was handed out: show where its articles are now.
		into, ferr := db.FoldedInto(ctx, fs.Arg(0))
		if ferr != nil {
			env.Errorf("%v", ferr)
			return ExitPartial
		}
		if into != "" {
			fmt.Fprintf(env.Stderr, "crosswire: story %s was folded into %s\n", fs.Arg(0), into)
			s, err = db.Story(ctx, into)
		}
	}
	if errors.Is(err, store.ErrNotFound) {
		env.Errorf("story %q: not found in %s", fs.Arg(0), db.Path())
		return ExitPartial
	}
	if err != nil {
		env.Errorf("%v", err)
		return ExitPartial
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetEscapeHTML(false)
		enc.Encode(s)
		return ExitOK
	}
	printStory(env.Stdout, s)
	return ExitOK
}

func runSearch(env *Env, args []string) int {
	fs := newFlags(env, commands["search"])
	dbPath := dbFlag(fs)
	asJSON := fs.Bool("json", false, "print one JSON object per line")
	limit := fs.Int("limit", 20, "how many hits")
	if code, ok := parseArgs(fs, args, 1, -1); !ok {
		return code
	}
	db, ok := openStore(env, *dbPath)
	if !ok {
		return ExitPartial
	}
	defer db.Close()
	hits, err := db.Search(context.Background(), strings.Join(fs.Args(), " "), *limit)
	if err != nil {
		env.Errorf("%v", err)
		return ExitPartial
	}
	enc := json.NewEncoder(env.Stdout)
	enc.SetEscapeHTML(false)
	mark := strings.NewReplacer(store.MarkStart, "[", store.MarkEnd, "]")
	for _, h := range hits {
		if *asJSON {
			h.Snippet = strings.NewReplacer(store.MarkStart, "", store.MarkEnd, "").Replace(h.Snippet)
			enc.Encode(h)
			continue
		}
		fmt.Fprintf(env.Stdout, "%s  %s · %s · story %s\n    %s\n", h.ArticleID, orDash(h.Outlet), h.Title, h.StoryID, mark.Replace(h.Snippet))
	}
	if !*asJSON {
		fmt.Fprintf(env.Stdout, "%s\n", plural(len(hits), "hit"))
	}
	return ExitOK
}
