package link

import (
	"strings"
	"testing"

	"github.com/crosswire-news/crosswire/internal/model"
)

// TEMPORARY: the fixture with colliding content ids made distinct and the
// stories grouped by hand, to check BuildStory apart from extract/Linker.
func TestStoryDbgFixture(t *testing.T) {
	arts := storyFixtureArticles(t)
	seen := map[string]bool{}
	for _, a := range arts {
		if seen[a.ID] {
			a.ID += "-" + strings.ToLower(strings.ReplaceAll(a.Outlet, " ", "-"))
		}
		seen[a.ID] = true
	}
	var h, k []Member
	var ledger string
	for _, a := range arts {
		if a.Outlet == "The Harbor Ledger" {
			ledger = a.ID
		}
	}
	for _, a := range arts {
		m := Member{Article: a}
		if a.Outlet == "Coastline Daily" {
			m.CopyOf, m.Similarity = ledger, 1
		}
		if strings.Contains(a.Text, "Kessel public library") {
			k = append(k, m)
		} else {
			h = append(h, m)
		}
	}
	storyCheckFixture(t, []model.Story{BuildStory("k", k), BuildStory("h", h)})
}
