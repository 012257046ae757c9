package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/crosswire-news/crosswire/internal/analyze"
	"github.com/crosswire-news/crosswire/internal/model"
)

func main() {
	split := flag.String("split", "dev", "")
	limit := flag.Int("limit", 0, "")
	flag.Parse()
	docs, err := LoadAttribution(flag.Arg(0), *split, *limit)
	if err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	var s AttrScores
	for _, d := range docs {
		a := &model.Article{Text: d.Text}
		analyze.Article(a)
		s.ScoreAttrDoc(d.Text, d.Gold, AttrFromArticle(d.Text, a.Attributions))
	}
	fmt.Print(s.Format())
}
