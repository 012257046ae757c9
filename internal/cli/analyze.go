package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"runtime"

	"github.com/crosswire-news/crosswire/internal/extract"
	"github.com/crosswire-news/crosswire/internal/model"
	"github.com/crosswire-news/crosswire/internal/pipeline"
)

func init() {
	register(&command{
		name:    "analyze",
		usage:   "[--json] [--raw] FILE...|-",
		summary: "analyse articles (text, JSON Lines, HTML, .gz): people, quotes and attributions",
		run:     runAnalyze,
	})
}

func runAnalyze(env *Env, args []string) int {
	c := commands["analyze"]
	fs := newFlags(env, c)
	asJSON := fs.Bool("json", false, "print one Article JSON object per line")
	raw := fs.Bool("raw", false, "analyse the input exactly as given (no cleaning), so offsets point into it")
	if code, ok := parseArgs(fs, args, 1, -1); !ok {
		return code
	}
	arts, errs := readInputs(env, fs.Args(), extract.Options{Raw: *raw})
	pipeline.AnalyzeAll(arts, runtime.GOMAXPROCS(0))
	enc := json.NewEncoder(env.Stdout)
	enc.SetEscapeHTML(false)
	for _, a := range arts {
		if *asJSON {
			if err := enc.Encode(a); err != nil {
				env.Errorf("%v", err)
				return ExitPartial
			}
			continue
		}
		printArticle(env.Stdout, a)
	}
	if len(errs) > 0 {
		return ExitPartial
	}
	return ExitOK
}

// readInputs reads paths (stdin for "-") and reports each failure on
// stderr, one line each.
func readInputs(env *Env, paths []string, opt extract.Options) ([]*model.Article, []error) {
	arts, errs, _ := pipeline.Read(paths, env.Stdin, opt)
	for _, e := range errs {
		env.Errorf("%v", e)
	}
	return arts, errs
}

func printArticle(w io.Writer, a *model.Article) {
	fmt.Fprintf(w, "%s\n", a.Title)
	meta := a.Outlet
	if a.Published != "" {
		meta += " · " + a.Published
	}
	for _, b := range a.Byline {
		meta += " · " + b
	}
	fmt.Fprintf(w, "  %s\n  id %s · %s · %d bytes · %s\n", meta, a.ID, a.Source, len(a.Text), plural(len(a.Dropped), "dropped line"))
	if len(a.People) > 0 {
		fmt.Fprintln(w, "  People:")
		for _, p := range a.People {
			role := ""
			if len(p.Roles) > 0 {
				role = " (" + joinComma(p.Roles) + ")"
			}
			fmt.Fprintf(w, "    %s%s, %s\n", p.Name, role, plural(p.Mentions, "mention"))
		}
	}
	if len(a.Attributions) > 0 {
		fmt.Fprintln(w, "  Attributions:")
		for _, at := range a.Attributions {
			who := string(at.Speaker)
			if who == "" && at.Source != nil {
				who = at.Source.Text
			}
			if who == "" {
				who = "?"
			}
			fmt.Fprintf(w, "    [%s] %s —%s→ %q\n", at.Kind, who, " "+at.Cue.Text+" ", clip(at.Content.Text, 100))
		}
	}
	fmt.Fprintln(w)
}

func joinComma(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += ", "
		}
		out += x
	}
	return out
}

// clip shortens s to at most n runes for one-line display.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
