package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/crosswire-news/crosswire/internal/extract"
	"github.com/crosswire-news/crosswire/internal/link"
	"github.com/crosswire-news/crosswire/internal/model"
	"github.com/crosswire-news/crosswire/internal/pipeline"
)

func init() {
	register(&command{
		name:    "compare",
		usage:   "[--json] FILE...",
		summary: "run the whole pipeline in memory and show the stories, who said what across outlets",
		run:     runCompare,
	})
}

func runCompare(env *Env, args []string) int {
	fs := newFlags(env, commands["compare"])
	asJSON := fs.Bool("json", false, "print one Story JSON object per line")
	window := windowFlag(fs)
	if code, ok := parseArgs(fs, args, 1, -1); !ok {
		return code
	}
	arts, errs := readInputs(env, fs.Args(), extract.Options{})
	cfg := link.DefaultConfig()
	cfg.Window = *window
	stories := pipeline.Compare(arts, cfg)
	enc := json.NewEncoder(env.Stdout)
	enc.SetEscapeHTML(false)
	for i := range stories {
		if *asJSON {
			if err := enc.Encode(&stories[i]); err != nil {
				env.Errorf("%v", err)
				return ExitPartial
			}
			continue
		}
		printStory(env.Stdout, &stories[i])
	}
	if len(errs) > 0 {
		return ExitPartial
	}
	return ExitOK
}

// printStory is the readable form of a story: the articles, where the
// coverage comes from, and who said what in each outlet.
func printStory(w io.Writer, s *model.Story) {
	outlets := map[string]bool{}
	for _, a := range s.Articles {
		outlets[a.Outlet] = true
	}
	fmt.Fprintf(w, "== %s\n   story %s · first published %s · %s from %s · %s\n",
		s.Title, s.ID, orDash(s.FirstPublished), plural(len(s.Articles), "article"), plural(len(outlets), "outlet"),
		plural(s.IndependentSources, "independent source"))
	outletOf := map[string]string{}
	fmt.Fprintln(w, "\n   Articles:")
	for _, a := range s.Articles {
		outletOf[a.ID] = a.Outlet
		delay := ""
		if a.DelaySeconds > 0 {
			delay = fmt.Sprintf(" (+%s)", humanDelay(a.DelaySeconds))
		}
		cp := ""
		if a.CopyOf != "" {
			cp = fmt.Sprintf(" — copy of %s (%.0f%%)", a.CopyOf, a.Similarity*100)
		}
		fmt.Fprintf(w, "   - %-22s %s%s%s\n", clip(orDash(a.Outlet), 22), a.Title, delay, cp)
	}
	if len(s.Origins) > 0 {
		fmt.Fprintln(w, "\n   Goes back to:")
		for _, o := range s.Origins {
			var by []string
			for _, id := range o.CitedBy {
				by = append(by, orDash(outletOf[id]))
			}
			fmt.Fprintf(w, "   - %s, cited by %s\n", o.Source, strings.Join(by, ", "))
		}
	}
	if len(s.QuoteGroups) > 0 {
		fmt.Fprintln(w, "\n   Quotes by speaker:")
		for _, g := range s.QuoteGroups {
			same := ""
			if len(g.Variants) > 1 && g.Identical {
				same = " (identical everywhere)"
			}
			fmt.Fprintf(w, "   %s%s\n", orDash(g.Speaker), same)
			for _, v := range g.Variants {
				who := ""
				if v.Speaker != "" && v.Speaker != g.Speaker {
					who = " [as " + v.Speaker + "]"
				}
				fmt.Fprintf(w, "     %-22s %q%s\n", clip(orDash(outletOf[v.Article]), 22), clip(v.Text, 110), who)
			}
		}
	}
	if len(s.Unique) > 0 {
		fmt.Fprintln(w, "\n   Only one outlet says:")
		for _, a := range s.Articles {
			for _, c := range s.Unique[a.ID] {
				fmt.Fprintf(w, "   - %-22s %s\n", clip(orDash(a.Outlet), 22), clip(c, 110))
			}
		}
	}
	if len(s.Discrepancies) > 0 {
		fmt.Fprintln(w, "\n   Discrepancies:")
		for _, d := range s.Discrepancies {
			fmt.Fprintf(w, "   ! %s: %s\n", d.Kind, d.Detail)
		}
	}
	fmt.Fprintln(w)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func humanDelay(sec int64) string {
	switch {
	case sec < 3600:
		return fmt.Sprintf("%dm", sec/60)
	case sec < 48*3600:
		return fmt.Sprintf("%dh%02dm", sec/3600, sec%3600/60)
	default:
		return fmt.Sprintf("%dd", sec/86400)
	}
}
