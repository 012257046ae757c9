package cli

import (
	"fmt"

	"github.com/crosswire-news/crosswire/internal/eval"
)

func init() {
	c := &command{
		name:    "attribution",
		usage:   "[--split dev|train] [--limit N] [--skip N] DIR",
		summary: "score attribution relations (source, cue, content; exact and overlap F1; speaker accuracy) on PolNeAR-style DIR",
	}
	c.run = func(env *Env, args []string) int {
		fs := newFlags(env, c)
		split := fs.String("split", "dev", "which `split` to score: dev or train")
		limit := fs.Int("limit", 0, "score only the first `N` articles (0: all)")
		skip := fs.Int("skip", 0, "leave out the first `N` articles (held-out scoring of a model trained with -limit N)")
		if code, ok := parse(fs, args); !ok {
			return code
		}
		if fs.NArg() != 1 {
			fs.Usage()
			return ExitUsage
		}
		s, err := eval.EvalAttributionRange(fs.Arg(0), *split, *skip, *limit)
		if err != nil {
			env.Errorf("eval attribution: %v", err)
			return ExitPartial
		}
		fmt.Fprintf(env.Stdout, "split: %s\n%s", *split, s.Format())
		return ExitOK
	}
	registerEval(c)
}
