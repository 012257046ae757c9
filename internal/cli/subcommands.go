package cli

import (
	"fmt"
	"sort"
)

// A group is a command whose first argument picks a sub-command
// ("crosswire eval stories FILE", "crosswire bench analyze").
type group struct {
	name, summary string
	subs          map[string]*command
}

var (
	evalGroup  = &group{name: "eval", summary: "measure quality against gold data: " + "eval extraction|attribution|stories ...", subs: map[string]*command{}}
	benchGroup = &group{name: "bench", summary: "measure throughput and peak memory: bench analyze|link|ingest|...", subs: map[string]*command{}}
)

func init() {
	for _, g := range []*group{evalGroup, benchGroup} {
		g := g
		register(&command{name: g.name, usage: "WHAT [flags] [args]", summary: g.summary, run: g.run})
	}
}

// registerEval adds "crosswire eval NAME".
func registerEval(c *command) { evalGroup.add(c) }

// registerBench adds "crosswire bench NAME".
func registerBench(c *command) { benchGroup.add(c) }

func (g *group) add(c *command) {
	if _, dup := g.subs[c.name]; dup {
		panic("cli: " + g.name + " " + c.name + " registered twice")
	}
	c.name = g.name + " " + c.name
	g.subs[c.name[len(g.name)+1:]] = c
}

func (g *group) run(env *Env, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprintf(env.Stderr, "Usage: crosswire %s WHAT [flags] [args]\n\n", g.name)
		names := make([]string, 0, len(g.subs))
		for n := range g.subs {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			fmt.Fprintf(env.Stderr, "  %-12s %s\n", n, g.subs[n].summary)
		}
		if len(args) == 0 {
			return ExitUsage
		}
		return ExitOK
	}
	c, ok := g.subs[args[0]]
	if !ok {
		env.Errorf("%s: unknown %q (see 'crosswire %s --help')", g.name, args[0], g.name)
		return ExitUsage
	}
	return c.run(env, args[1:])
}
