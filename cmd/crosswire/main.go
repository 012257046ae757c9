// Command crosswire is a news provenance engine: it groups coverage into
// stories, finds who said what, and shows how many independent sources
// stand behind a story.
package main

import (
	"os"

	"github.com/crosswire-news/crosswire/internal/cli"
)

func main() {
	os.Exit(cli.Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
