package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/crosswire-news/crosswire/internal/analyze"
	"github.com/crosswire-news/crosswire/internal/model"
)

func main() {
	b, _ := os.ReadFile(os.Args[1])
	a := &model.Article{Text: string(b)}
	analyze.Article(a)
	for _, r := range a.Attributions {
		src := ""
		if r.Source != nil {
			src = r.Source.Text
		}
		fmt.Printf("[%s] src=%q cue=%q spk=%q role=%q kind=%s\n   content=%q parts=%d\n", r.Kind, src, r.Cue.Text, r.Speaker, r.SpeakerRole, r.SpeakerKind, r.Content.Text, len(r.ContentParts))
	}
	j, _ := json.Marshal(a.People)
	fmt.Println(string(j))
	j, _ = json.Marshal(a.Organizations)
	fmt.Println(string(j))
}
