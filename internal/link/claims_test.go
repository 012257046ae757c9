package link

import (
	"reflect"
	"testing"
)

func TestClaimsAlignAndUnique(t *testing.T) {
	a := storyTArt(t, "a", "Reef Ledger", "2026-04-01T08:00:00Z",
		"The Orlen dam was closed on Monday after engineers found cracks in its spillway.\n\nThe regional council will meet on Thursday to discuss repairs.")
	copyA := storyTArt(t, "copy", "Shoal Post", "2026-04-01T09:00:00Z", a.Text)
	b := storyTArt(t, "b", "Tide Gazette", "2026-04-01T10:00:00Z",
		"Engineers closed the Orlen dam on Monday after discovering cracks in the spillway.\n\nFarmers downstream moved their cattle to higher pastures.")
	st := BuildStory("s", []Member{{Article: a}, {Article: copyA, CopyOf: "a", Similarity: 1}, {Article: b}})
	if len(st.Claims) != 3 {
		t.Fatalf("claims %+v", st.Claims)
	}
	if c := st.Claims[0]; c.Text != "The Orlen dam was closed on Monday after engineers found cracks in its spillway." || !reflect.DeepEqual(c.Articles, []string{"a", "copy", "b"}) {
		t.Fatalf("first claim %+v", c)
	}
	// The council sentence is carried by a and its copy: not unique.
	want := map[string][]string{"b": {"Farmers downstream moved their cattle to higher pastures."}}
	if !reflect.DeepEqual(st.Unique, want) {
		t.Fatalf("unique %v, want %v", st.Unique, want)
	}
}

func TestClaimsSingleArticleHasNoUnique(t *testing.T) {
	a := storyTArt(t, "a", "Reef Ledger", "2026-04-01T08:00:00Z", "The Orlen dam was closed on Monday after engineers found cracks.")
	st := BuildStory("s", storyMembers(a))
	if len(st.Claims) != 1 || len(st.Unique) != 0 {
		t.Fatalf("claims %+v unique %v", st.Claims, st.Unique)
	}
}

func TestClaimsJoinSentencesOfOneQuote(t *testing.T) {
	a := storyTArt(t, "a", "Reef Ledger", "2026-04-01T08:00:00Z",
		"\"We are not going to give in to pressure. We are going to negotiate,\" the minister told lawmakers.\n\"Next.\" Then more words here today.")
	got := claimSentences(a)
	if len(got) < 2 || got[0].Text != "\"We are not going to give in to pressure. We are going to negotiate,\" the minister told lawmakers." {
		t.Fatalf("%+v", got)
	}
	for _, s := range got {
		if a.Text[s.Start:s.End] != s.Text {
			t.Fatalf("offsets %+v", s)
		}
	}
}
