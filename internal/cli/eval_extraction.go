package cli

import (
	"encoding/json"
	"os"
	"path/filepath"

	"github.com/crosswire-news/crosswire/internal/eval"
)

func init() {
	c := &command{
		name:    "extraction",
		usage:   "[--out DIR] DIR",
		summary: "score main-text extraction on DIR (html/, ground-truth.json, peer-output/) beside the peers",
	}
	c.run = func(env *Env, args []string) int {
		fs := newFlags(env, c)
		out := fs.String("out", "", "also write crosswire's output as `DIR`/output/crosswire.json (evaluate.py's layout)")
		if code, ok := parse(fs, args); !ok {
			return code
		}
		if fs.NArg() != 1 {
			fs.Usage()
			return ExitUsage
		}
		res, err := eval.Extraction(fs.Arg(0), env.Stdout)
		if err != nil {
			env.Errorf("eval extraction: %v", err)
			return ExitPartial
		}
		if *out != "" {
			b, _ := json.Marshal(res.Output)
			dir := filepath.Join(*out, "output")
			if err := os.MkdirAll(dir, 0o755); err != nil {
				env.Errorf("eval extraction: %v", err)
				return ExitPartial
			}
			if err := os.WriteFile(filepath.Join(dir, "crosswire.json"), b, 0o644); err != nil {
				env.Errorf("eval extraction: %v", err)
				return ExitPartial
			}
		}
		if res.Failed > 0 {
			return ExitPartial
		}
		return ExitOK
	}
	registerEval(c)
}
