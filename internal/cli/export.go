package cli

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/crosswire-news/crosswire/internal/store"
)

func init() {
	register(&command{name: "export", usage: "[--db PATH] --format jsonl|csv [--what articles|attributions|stories] [-o FILE]",
		summary: "export stored articles, attributions or stories as JSON Lines or CSV", run: runExport})
}

func runExport(env *Env, args []string) int {
	fs := newFlags(env, commands["export"])
	dbPath := dbFlag(fs)
	format := fs.String("format", "jsonl", "jsonl or csv")
	what := fs.String("what", "articles", "articles, attributions (one row per attribution) or stories")
	out := fs.String("o", "-", "output `file` (- for stdout)")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 || (*format != "jsonl" && *format != "csv") ||
		(*what != "articles" && *what != "attributions" && *what != "stories") {
		fs.Usage()
		return ExitUsage
	}
	db, ok := openStore(env, *dbPath)
	if !ok {
		return ExitPartial
	}
	defer db.Close()
	w := env.Stdout
	if *out != "-" {
		f, err := os.Create(*out)
		if err != nil {
			env.Errorf("%v", err)
			return ExitPartial
		}
		defer f.Close()
		w = f
	}
	if err := export(context.Background(), db, w, *format, *what); err != nil {
		env.Errorf("export: %v", err)
		return ExitPartial
	}
	return ExitOK
}

func export(ctx context.Context, db *store.DB, w io.Writer, format, what string) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	cw := csv.NewWriter(w)
	defer cw.Flush()
	row := func(rec ...string) error { return cw.Write(rec) }
	switch what {
	case "stories":
		if format == "csv" {
			row("id", "title", "first_published", "articles", "outlets", "independent_sources", "outlet_names")
		}
		for offset := 0; ; offset += 500 {
			list, _, err := db.Stories(ctx, store.StoryFilter{Limit: 500, Offset: offset})
			if err != nil {
				return err
			}
			for _, s := range list {
				if format == "csv" {
					row(s.ID, s.Title, s.FirstPublished, strconv.Itoa(s.Articles), strconv.Itoa(s.Outlets),
						strconv.Itoa(s.IndependentSources), strings.Join(s.OutletNames, "; "))
					continue
				}
				full, err := db.Story(ctx, s.ID)
				if err != nil {
					return err
				}
				if err := enc.Encode(full); err != nil {
					return err
				}
			}
			if len(list) < 500 {
				return cw.Error()
			}
		}
	case "attributions":
		if format == "csv" {
			row("article_id", "story_id", "outlet", "published", "kind", "speaker", "speaker_role", "speaker_kind", "source", "cue", "content")
		}
		return db.EachArticle(ctx, "", func(a *store.StoredArticle) error {
			for _, at := range a.Attributions {
				src := ""
				if at.Source != nil {
					src = at.Source.Text
				}
				if format == "csv" {
					if err := row(a.ID, a.StoryID, a.Outlet, a.Published, at.Kind, string(at.Speaker), at.SpeakerRole, at.SpeakerKind, src, at.Cue.Text, at.Content.Text); err != nil {
						return err
					}
					continue
				}
				if err := enc.Encode(map[string]any{"article_id": a.ID, "story_id": a.StoryID, "outlet": a.Outlet, "attribution": at}); err != nil {
					return err
				}
			}
			return nil
		})
	case "articles":
		if format == "csv" {
			row("id", "story_id", "outlet", "title", "published", "url", "byline", "language", "copy_of", "duplicate_of", "attributions", "text")
		}
		return db.EachArticle(ctx, "", func(a *store.StoredArticle) error {
			if format == "csv" {
				return row(a.ID, a.StoryID, a.Outlet, a.Title, a.Published, a.URL, strings.Join(a.Byline, "; "), a.Language,
					a.CopyOf, a.DuplicateOf, strconv.Itoa(len(a.Attributions)), a.Text)
			}
			return enc.Encode(a)
		})
	}
	return fmt.Errorf("unknown export %q", what)
}
