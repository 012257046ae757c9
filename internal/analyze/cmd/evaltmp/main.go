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
	dbg := flag.Int("debug", -1, "")
	from := flag.Int("from", 0, "")
	flag.Parse()
	docs, err := LoadAttribution(flag.Arg(0), *split, *limit)
	if err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	var s AttrScores
	st := map[string]int{}
	docs = docs[min(*from, len(docs)):]
	for _, d := range docs {
		a := &model.Article{Text: d.Text}
		analyze.Article(a)
		pred := AttrFromArticle(d.Text, a.Attributions)
		if *dbg == 9 {
			speakerErrors(d.Text, d.Gold, pred)
		} else if *dbg >= 0 {
			fmt.Println("==", d.Name)
			debugDoc(d.Text, d.Gold, pred, *dbg)
		}
		s.ScoreAttrDoc(d.Text, d.Gold, pred)
		boundaryStats(d.Text, d.Gold, pred, st)
	}
	fmt.Println(st)
	fmt.Print(s.Format())
}
