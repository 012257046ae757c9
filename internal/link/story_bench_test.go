package link

import (
	"fmt"
	"math/rand"
	rand2 "math/rand/v2"
	"strings"
	"testing"

	"github.com/crosswire-news/crosswire/internal/model"
)

// storySynthetic makes n invented articles of one story: shared lead
// sentences and quotes reworded at random, plus sentences of their own.
func storySynthetic(n int) []Member {
	r := rand2.New(rand2.NewPCG(7, 11))
	// 3,000 pseudo-words drawn with a Zipf law, as words of news are.
	syl := strings.Fields("ka lo mi ren tas vel dor shi nu pra gel ost ine bar cul fen")
	words := make([]string, 3000)
	for i := range words {
		n := 2 + i%3
		var w strings.Builder
		x := i
		for k := 0; k < n; k++ {
			w.WriteString(syl[x%len(syl)])
			x = x/len(syl) + k + 1
		}
		words[i] = w.String()
	}
	zipf := rand.NewZipf(rand.New(rand.NewSource(5)), 1.1, 1, uint64(len(words)-1))
	quotes := []string{
		"We will not bow to pressure, we will negotiate",
		"The valves should have been replaced years ago",
		"Nobody wanted to pay for it",
		"Safety comes before the timetable",
	}
	speakers := []string{"Ana Ruiz", "Dan Pike", "Dan Pike", "Grace Okafor"}
	ms := make([]Member, n)
	for i := range ms {
		var b strings.Builder
		a := &model.Article{ID: fmt.Sprintf("a%04d", i), Outlet: fmt.Sprintf("Outlet %d", i%40),
			Published: fmt.Sprintf("2026-03-14T%02d:%02d:00Z", 8+i/60%12, i%60)}
		for s := 0; s < 20; s++ {
			if s%5 == 0 {
				q := r.IntN(len(quotes))
				start := b.Len() + 1
				b.WriteString(`"` + quotes[q] + `," ` + speakers[q] + " said. ")
				a.Attributions = append(a.Attributions, model.Attribution{Kind: model.KindDirect,
					Content: model.Span{Start: start, End: start + len(quotes[q]), Text: quotes[q]},
					Speaker: model.NullString(speakers[q]), SpeakerKind: model.SpeakerPerson})
				continue
			}
			k := 8 + r.IntN(10)
			for w := 0; w < k; w++ {
				if w == 0 {
					b.WriteString("The ")
				}
				b.WriteString(words[zipf.Uint64()] + " ")
			}
			b.WriteString(fmt.Sprintf("item%d.\n", r.IntN(200)))
		}
		a.Text = b.String()
		ms[i] = Member{Article: a}
	}
	return ms
}

func BenchmarkStoryBuild200(b *testing.B) {
	ms := storySynthetic(200)
	b.ResetTimer()
	for b.Loop() {
		BuildStory("s", ms)
	}
}

func TestStoryBuildLargeIsBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("large story")
	}
	st := BuildStory("s", storySynthetic(200))
	if len(st.Articles) != 200 || len(st.QuoteGroups) == 0 {
		t.Fatalf("articles %d groups %d", len(st.Articles), len(st.QuoteGroups))
	}
	// The four quotes come out as four groups across all articles.
	if n := len(st.QuoteGroups[0].Variants); n < 150 {
		t.Fatalf("widest group has %d variants", n)
	}
}
