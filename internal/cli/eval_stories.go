package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"os"

	"github.com/crosswire-news/crosswire/internal/eval"
	"github.com/crosswire-news/crosswire/internal/link"
)

func init() {
	registerEval(&command{
		name:    "stories",
		usage:   "[--json] [--window DUR] [--threshold X] [--dump FILE] [--db PATH] FILE.jsonl",
		summary: "story clustering: BCubed precision, recall and F1 against gold clusters (doc_id, cluster_id, title, text, date)",
		run:     runEvalStories,
	})
}

func runEvalStories(env *Env, args []string) int {
	c := evalGroup.subs["stories"]
	fs := newFlags(env, c)
	asJSON := fs.Bool("json", false, "print the result as JSON")
	def := link.DefaultConfig()
	window := fs.Duration("window", def.Window, "time window for joining a story")
	thr := fs.Float64("threshold", def.JoinThreshold, "score an article needs to join a story")
	dump := fs.String("dump", "", "write each article's decision as JSON lines to `file` (for error analysis)")
	dbPath := fs.String("db", "", "score the stories stored in this SQLite `path` (built by crosswire ingest FILE.jsonl, in one run or several) instead of linking FILE.jsonl")
	if code, ok := parseArgs(fs, args, 1, 1); !ok {
		return code
	}
	if *dbPath != "" {
		return evalStoredStories(env, *dbPath, fs.Arg(0), *asJSON)
	}
	cfg := def
	cfg.Window, cfg.JoinThreshold = *window, *thr
	res, err := eval.Stories(fs.Arg(0), cfg)
	if err != nil {
		env.Errorf("eval stories: %v", err)
		return ExitPartial
	}
	if *dump != "" {
		if err := writeStoryDump(*dump, res); err != nil {
			env.Errorf("eval stories: %v", err)
			return ExitPartial
		}
	}
	return printStories(env, res, *asJSON)
}

// evalStoredStories is eval stories --db: the store's stories scored,
// nothing linked.
func evalStoredStories(env *Env, dbPath, gold string, asJSON bool) int {
	// Open would create a missing database; an empty one scores nothing.
	if _, err := os.Stat(dbPath); err != nil {
		env.Errorf("eval stories: --db: %v", err)
		return ExitUsage
	}
	db, ok := openStore(env, dbPath)
	if !ok {
		return ExitPartial
	}
	defer db.Close()
	res, err := eval.StoredStories(context.Background(), gold, db)
	if err != nil {
		env.Errorf("eval stories: %v", err)
		return ExitPartial
	}
	if res.Articles == 0 {
		env.Errorf("eval stories: %s holds none of the documents of %s (ingest the file first)", dbPath, gold)
		return ExitPartial
	}
	return printStories(env, res, asJSON)
}

// printStories writes an eval stories result as JSON or as a table.
func printStories(env *Env, res eval.StoriesResult, asJSON bool) int {
	if asJSON {
		b, _ := json.Marshal(res)
		env.Stdout.Write(append(b, '\n'))
		return ExitOK
	}
	res.Print(env.Stdout)
	return ExitOK
}

// writeStoryDump writes one line per article: the decision next to gold.
func writeStoryDump(path string, res eval.StoriesResult) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	for i, as := range res.Assign {
		d := res.Docs[i]
		if err := enc.Encode(map[string]any{"doc_id": d.DocID, "gold": res.Gold[i], "story": as.StoryID, "new": as.NewStory,
			"duplicate_of": as.DuplicateOf, "copy_of": as.CopyOf, "similarity": as.Similarity, "via": as.Via, "score": as.Score,
			"title": d.Title, "date": d.Date}); err != nil {
			f.Close()
			return err
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
