package link

import (
	"sort"

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
	model.SortByOrderTime(arts)

	assigned, _ := NewLinker(cfg).AddAll(arts)
	byStory := map[string][]Member{}
	var ids []string
	for i, a := range arts {
		as := assigned[i]
		if _, ok := byStory[as.StoryID]; !ok {
			ids = append(ids, as.StoryID)
		}
		byStory[as.StoryID] = append(byStory[as.StoryID], as.Member(a))
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
