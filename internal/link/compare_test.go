package link

import (
	"testing"

	"github.com/crosswire-news/crosswire/internal/model"
)

func TestCompareGroupsAndOrders(t *testing.T) {
	dam := "The Orlen dam was closed on Monday after engineers found deep cracks in its concrete spillway. " +
		"Regional water board chief Ilse Varga said repairs to the spillway would take at least six weeks. " +
		"Farmers below the Orlen dam were told to move cattle to higher pastures while the reservoir is lowered."
	dam2 := "Engineers closed the Orlen dam on Monday after deep cracks were discovered in the concrete spillway. " +
		"Ilse Varga, chief of the regional water board, said spillway repairs would take six weeks or more. " +
		"The reservoir behind the Orlen dam is being lowered and farmers have moved cattle to higher pastures."
	chess := "A fourteen-year-old from Vellin won the national chess championship on Saturday, beating three grandmasters. " +
		"Her coach, Piotr Amsel, said she had studied endgames for six hours a day since the spring. " +
		"The Vellin chess club will host a celebration match against the city council next weekend."
	arts := []*model.Article{
		{ID: "chess", Outlet: "Vellin Star", Title: "Teenager wins national chess title", Published: "2026-05-03T10:00:00Z", Text: chess},
		{ID: "dam2", Outlet: "Lake Post", Title: "Cracked spillway shuts Orlen dam", Published: "2026-05-01T12:00:00Z", Text: dam2},
		{ID: "dam1", Outlet: "Ridge Courier", Title: "Orlen dam closed after cracks found", Published: "2026-05-01T08:00:00Z", Text: dam},
	}
	stories := Compare(arts, DefaultConfig())
	seen := map[string]int{}
	for _, st := range stories {
		for _, a := range st.Articles {
			seen[a.ID]++
		}
	}
	if len(seen) != 3 || seen["dam1"] != 1 || seen["dam2"] != 1 || seen["chess"] != 1 {
		t.Fatalf("every article exactly once: %v", seen)
	}
	if len(stories) != 2 {
		t.Fatalf("%d stories, want 2: %+v", len(stories), stories)
	}
	// First published first; within a story, publication order.
	if stories[0].FirstPublished != "2026-05-01T08:00:00Z" || stories[0].Articles[0].ID != "dam1" || stories[0].Articles[1].ID != "dam2" {
		t.Fatalf("first story %+v", stories[0].Articles)
	}
	if stories[0].Articles[1].DelaySeconds != 4*3600 || stories[0].Title != "Orlen dam closed after cracks found" {
		t.Fatalf("timeline %+v", stories[0])
	}
	if stories[1].Articles[0].ID != "chess" {
		t.Fatalf("second story %+v", stories[1].Articles)
	}
	// The same article twice is one article.
	again := Compare(append(arts, arts[1]), DefaultConfig())
	if n := len(again[0].Articles) + len(again[1].Articles); len(again) != 2 || n != 3 {
		t.Fatalf("duplicate id: %d stories", len(again))
	}
	if len(Compare(nil, DefaultConfig())) != 0 {
		t.Fatal("no articles, no stories")
	}
}

// A bare date after same-day timed articles must not move the linker's
// clock back: it joins the day's story like a timed rewrite would.
func TestCompareBareDateFollowsTheDay(t *testing.T) {
	l := NewLinker(DefaultConfig())
	timed := &model.Article{ID: "t", Published: "2026-03-14T16:30:00Z"}
	bare := &model.Article{ID: "b", Published: "2026-03-14"}
	t1, _ := l.tick(timed)
	t2, _ := l.tick(bare)
	if t2 < t1 || l.clock != t2 {
		t.Fatalf("bare date ticked to %d after %d (clock %d)", t2, t1, l.clock)
	}
	arts := []*model.Article{bare, timed}
	model.SortByOrderTime(arts)
	if arts[0] != timed {
		t.Fatal("a bare date sorts after the timed articles of its day")
	}
}
