package link

import (
	"sort"
	"time"

	"github.com/crosswire-news/crosswire/internal/model"
)

// Compare runs the whole linking stage in memory over analysed articles:
// it feeds them to a fresh Linker in publication order (undated last,
// stable otherwise), groups them by the story the Linker assigns, and
// builds each story. An id given twice is the same article given twice:
// the first is kept (the Linker would otherwise replace it). Stories come
// back ordered by first publication, then id. The articles are not
// modified.
func Compare(articles []*model.Article, cfg Config) []model.Story {
	arts := make([]*model.Article, 0, len(articles))
	seen := make(map[string]bool, len(articles))
	for _, a := range articles {
		if a != nil && !seen[a.ID] {
			seen[a.ID] = true
			arts = append(arts, a)
		}
	}
	keys := make(map[*model.Article]storyTime, len(arts))
	for _, a := range arts {
		keys[a] = storyParseTime(a.Published)
	}
	sort.SliceStable(arts, func(x, y int) bool {
		return storyCompareTime(keys[arts[x]], keys[arts[y]]) < 0
	})

	l := NewLinker(cfg)
	byStory := map[string][]Member{}
	var ids []string
	var last storyTime
	for _, a := range arts {
		as := l.Add(cmpForLinker(a, keys[a], &last))
		if _, ok := byStory[as.StoryID]; !ok {
			ids = append(ids, as.StoryID)
		}
		byStory[as.StoryID] = append(byStory[as.StoryID], Member{
			Article: a, DuplicateOf: as.DuplicateOf, CopyOf: as.CopyOf, Similarity: as.Similarity,
		})
	}
	stories := make([]model.Story, 0, len(ids))
	for _, id := range ids {
		stories = append(stories, BuildStory(id, byStory[id]))
	}
	sort.SliceStable(stories, func(x, y int) bool {
		if c := storyCompareTime(storyParseTime(stories[x].FirstPublished), storyParseTime(stories[y].FirstPublished)); c != 0 {
			return c < 0
		}
		return stories[x].ID < stories[y].ID
	})
	return stories
}

// cmpForLinker is the article as the Linker should see it. The Linker
// expects time order, and a bare date ("2026-03-14") parses as midnight,
// earlier than the timed articles of that day it is sorted after: it is
// given instead the newest time already seen that day (a shallow copy with
// only Published changed; the Linker keeps no pointer to it). last tracks
// the newest time fed.
func cmpForLinker(a *model.Article, k storyTime, last *storyTime) *model.Article {
	if !k.ok {
		return a
	}
	if !k.dateOnly {
		*last = k
		return a
	}
	if last.ok && last.t.After(k.t) && last.t.Sub(k.t) < 24*time.Hour {
		c := *a
		c.Published = last.t.Format(time.RFC3339)
		return &c
	}
	*last = k
	return a
}
