// Package cli implements the crosswire command line: one file per
// subcommand, each registering itself in the command table.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/crosswire-news/crosswire/internal/link"
)

// Exit codes.
const (
	ExitOK      = 0 // everything worked
	ExitPartial = 1 // some inputs failed; the rest were processed
	ExitUsage   = 2 // bad command line
)

// Env is what a command runs against; tests swap the streams.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
}

// Errorf prints an error line on stderr.
func (e *Env) Errorf(format string, args ...any) {
	fmt.Fprintf(e.Stderr, "crosswire: "+format+"\n", args...)
}

type command struct {
	name    string
	usage   string // argument synopsis, e.g. "[--json] FILE..."
	summary string
	// run parses its own flags from args and returns an exit code.
	run func(env *Env, args []string) int
}

var commands = map[string]*command{}

func register(c *command) {
	if _, dup := commands[c.name]; dup {
		panic("cli: command registered twice: " + c.name)
	}
	commands[c.name] = c
}

// Run executes the command line and returns the process exit code.
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	env := &Env{Stdin: stdin, Stdout: stdout, Stderr: stderr}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		if len(args) > 1 {
			if c, ok := commands[args[1]]; ok {
				return c.run(env, []string{"--help"})
			}
		}
		usage(stdout)
		if len(args) == 0 {
			return ExitUsage
		}
		return ExitOK
	}
	c, ok := commands[args[0]]
	if !ok {
		env.Errorf("unknown command %q (see 'crosswire help')", args[0])
		return ExitUsage
	}
	return c.run(env, args[1:])
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "crosswire: news provenance engine\n\nUsage: crosswire COMMAND [flags] [args]\n\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'crosswire COMMAND --help' for a command's flags.")
}

// newFlags makes a flag set for a command that prints its usage on -h and
// reports parse errors without exiting the process.
func newFlags(env *Env, c *command) *flag.FlagSet {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, "Usage: crosswire %s %s\n\n%s\n", c.name, c.usage, c.summary)
		var has bool
		fs.VisitAll(func(*flag.Flag) { has = true })
		if has {
			fmt.Fprintln(env.Stderr, "\nFlags:")
			fs.PrintDefaults()
		}
	}
	return fs
}

// parse parses flags; it returns ok=false and the exit code to use when the
// command should stop (help asked for, or a usage error). Flags may follow
// positional arguments ("crosswire story ID --json").
func parse(fs *flag.FlagSet, args []string) (code int, ok bool) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return ExitOK, false
			}
			return ExitUsage, false
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
		if pos[len(pos)-1] == "--" {
			pos = append(pos[:len(pos)-1], args...)
			break
		}
	}
	// Re-parse an empty list so fs.Args() returns the positional arguments.
	_ = fs.Parse(append([]string{"--"}, pos...))
	return ExitOK, true
}

// parseArgs is parse plus a check that the command got between min and max
// positional arguments (max < 0: no limit); otherwise it prints the usage.
func parseArgs(fs *flag.FlagSet, args []string, min, max int) (code int, ok bool) {
	if code, ok := parse(fs, args); !ok {
		return code, false
	}
	if n := fs.NArg(); n < min || (max >= 0 && n > max) {
		fs.Usage()
		return ExitUsage, false
	}
	return ExitOK, true
}

// defaultDBPath is the embedded store in the user's data directory (XDG).
func defaultDBPath() string {
	dir := os.Getenv("XDG_DATA_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "crosswire.db"
		}
		dir = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(dir, "crosswire", "crosswire.db")
}

// dbFlag adds the --db flag every store-backed command takes.
func dbFlag(fs *flag.FlagSet) *string {
	def := os.Getenv("CROSSWIRE_DB")
	if def == "" {
		def = defaultDBPath()
	}
	return fs.String("db", def, "SQLite database `path` (env CROSSWIRE_DB)")
}

// windowFlag adds --window, the time within which articles can join one
// story, for every command that links.
func windowFlag(fs *flag.FlagSet) *time.Duration {
	return fs.Duration("window", link.DefaultConfig().Window, "time window within which articles can join one story")
}

// signalContext is cancelled by SIGINT or SIGTERM, so long runs stop
// cleanly with what they committed.
func signalContext() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}

// plural is "1 article", "2 articles", "3 stories".
func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	if strings.HasSuffix(word, "y") {
		return fmt.Sprintf("%d %sies", n, strings.TrimSuffix(word, "y"))
	}
	return fmt.Sprintf("%d %ss", n, word)
}
