package web

import (
	"strings"
	"testing"

	"github.com/crosswire-news/crosswire/internal/model"
	"github.com/crosswire-news/crosswire/internal/store"
)

// The fixture is invented coverage of an invented event (every outlet,
// person and place is made up): four outlets on a bridge closure, one of
// them a copy, one misattributing a quote, each saying how it joined; an
// unrelated two-article story stored before joins were kept; and a hostile
// article whose every field carries an injection payload.

const xssPayload = `<script>window.__pwned=1;document.title="PWNED"</script><img src=x onerror="window.__pwned=1;document.title='PWNED'">`

type fixtureDoc struct {
	art   model.Article
	attrs []fixAttr
	mem   store.Membership
}

// fixAttr names an attribution by its strings; offsets are found in the text.
type fixAttr struct {
	kind, source, cue, content, speaker, role, skind string
}

func (f fixtureDoc) build(t testing.TB) *store.StoredArticle {
	a := f.art
	for _, fa := range f.attrs {
		at := model.Attribution{Kind: fa.kind, Speaker: model.NullString(fa.speaker), SpeakerRole: fa.role, SpeakerKind: fa.skind}
		at.Content = find(t, a.Text, fa.content, -1)
		// The cue and source are the occurrences nearest the content.
		at.Cue = find(t, a.Text, fa.cue, at.Content.Start)
		if fa.source != "" {
			sp := find(t, a.Text, fa.source, at.Content.Start)
			at.Source = &sp
		}
		a.Attributions = append(a.Attributions, at)
	}
	return &store.StoredArticle{Article: a, Membership: f.mem, IngestedAt: "2026-05-03T00:00:00Z"}
}

// find locates s in text: the first occurrence when near < 0, else the one
// closest to byte offset near.
func find(t testing.TB, text, s string, near int) model.Span {
	best := -1
	for i := 0; ; {
		j := strings.Index(text[i:], s)
		if j < 0 {
			break
		}
		at := i + j
		if best < 0 || near >= 0 && abs(at-near) < abs(best-near) {
			best = at
		}
		if near < 0 {
			break
		}
		i = at + 1
	}
	if best < 0 {
		t.Fatalf("fixture: %q not in text", s)
	}
	return model.Span{Start: best, End: best + len(s), Text: s}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

const (
	sentinelText = `Calder River bridge shut after engineers find corroded cables

The Calder River bridge in Orrin was closed to all traffic on Saturday after engineers found corroded suspension cables, according to a Lakeshore Press Agency report.

Public Works Director Mara Ilves said the closure would last at least six weeks. "We will not reopen a bridge we cannot vouch for," Ilves said.

"The cables should have been inspected last spring," said Tobias Renn, a spokesman for the transit workers' union.

Councillor Ada Fenwick called the decision "overdue but right" and said the council would fund a ferry shuttle.`

	ridgelineText = `Orrin loses its main crossing as Calder bridge closes

Orrin's Calder River bridge closed on Saturday, the Lakeshore Press Agency reported, after inspectors flagged corroded cables.

"We won't reopen a bridge that we can't vouch for," said Mara Ilves, the public works director.

"The cables should have been inspected last spring," said Ada Fenwick.

Commuters face a detour of forty minutes via the Dunmore road.`

	northfieldText = `Calder bridge closure: what commuters need to know

Citing the Lakeshore Press Agency, officials confirmed the Calder River bridge will stay closed for six weeks.

Ilves told reporters that the city "will not reopen a bridge we cannot vouch for."

A ferry shuttle will run every twenty minutes from Monday, according to the council.`

	libraryText = `Greyhaven library reopens after flood repairs

The Greyhaven public library reopened on Tuesday after three months of flood repairs.

"The children's wing is finally dry," said head librarian Oren Vasko.`

	libraryText2 = `Flood-hit Greyhaven library welcomes readers back

Readers returned to the Greyhaven library on Tuesday.

"The children's wing is finally dry," Oren Vasko said.`
)

func fixtureDocs() []fixtureDoc {
	return []fixtureDoc{
		{art: model.Article{ID: "sentinel-bridge", Source: "sentinel.txt", URL: "https://valley-sentinel.example/bridge", Outlet: "The Valley Sentinel",
			Title: "Calder River bridge shut after engineers find corroded cables", Byline: []string{"Ines Halloran"}, Published: "2026-05-02T07:00:00Z", Language: "en",
			Text: sentinelText, Dropped: []string{"Most Read", "Share this story", "Sign up for our morning briefing"},
			People: []model.Person{{Name: "Mara Ilves", Roles: []string{"Public Works Director"}, Mentions: 2}, {Name: "Tobias Renn", Roles: []string{"spokesman for the transit workers' union"}, Mentions: 1},
				{Name: "Ada Fenwick", Roles: []string{"Councillor"}, Mentions: 1}},
			Organizations: []model.Organization{{Name: "Lakeshore Press Agency", Mentions: 1}}},
			attrs: []fixAttr{
				{model.KindReported, "a Lakeshore Press Agency report", "according to", "The Calder River bridge in Orrin was closed to all traffic on Saturday after engineers found corroded suspension cables", "Lakeshore Press Agency", "", model.SpeakerPublication},
				{model.KindIndirect, "Public Works Director Mara Ilves", "said", "the closure would last at least six weeks", "Mara Ilves", "Public Works Director", model.SpeakerPerson},
				{model.KindDirect, "Ilves", "said", `We will not reopen a bridge we cannot vouch for,`, "Mara Ilves", "Public Works Director", model.SpeakerPerson},
				{model.KindDirect, "Tobias Renn", "said", "The cables should have been inspected last spring,", "Tobias Renn", "spokesman for the transit workers' union", model.SpeakerPerson},
				{model.KindPartial, "Councillor Ada Fenwick", "called", "overdue but right", "Ada Fenwick", "Councillor", model.SpeakerPerson},
			},
			mem: store.Membership{StoryID: "story-bridge", JoinedBy: "new"}},
		{art: model.Article{ID: "ridgeline-bridge", Source: "ridgeline.html", URL: "https://ridgeline-post.example/news/calder", Outlet: "Ridgeline Post",
			Title: "Orrin loses its main crossing as Calder bridge closes", Byline: []string{"Pavel Okonjo", "Lise Marr"}, Published: "2026-05-02T08:30:00Z", Language: "en",
			Text: ridgelineText, Dropped: []string{"Advertisement"},
			People: []model.Person{{Name: "Mara Ilves", Roles: []string{"public works director"}, Mentions: 1}, {Name: "Ada Fenwick", Mentions: 1}}},
			attrs: []fixAttr{
				{model.KindReported, "the Lakeshore Press Agency", "reported", "Orrin's Calder River bridge closed on Saturday", "Lakeshore Press Agency", "", model.SpeakerPublication},
				{model.KindDirect, "Mara Ilves", "said", "We won't reopen a bridge that we can't vouch for,", "Mara Ilves", "public works director", model.SpeakerPerson},
				{model.KindDirect, "Ada Fenwick", "said", "The cables should have been inspected last spring,", "Ada Fenwick", "", model.SpeakerPerson},
			},
			mem: store.Membership{StoryID: "story-bridge", JoinedBy: "score", JoinScore: 0.413}},
		{art: model.Article{ID: "eastport-bridge", Source: "eastport.txt", URL: "http://eastport-herald.example/a/77", Outlet: "Eastport Herald",
			Title: "Corroded cables close Calder bridge", Published: "2026-05-02T10:00:00Z", Language: "en",
			Text:   strings.Replace(sentinelText, "Calder River bridge shut after engineers find corroded cables", "Corroded cables close Calder bridge", 1),
			People: []model.Person{{Name: "Mara Ilves", Roles: []string{"Public Works Director"}, Mentions: 2}, {Name: "Tobias Renn", Mentions: 1}, {Name: "Ada Fenwick", Roles: []string{"Councillor"}, Mentions: 1}}},
			attrs: []fixAttr{
				{model.KindDirect, "Ilves", "said", `We will not reopen a bridge we cannot vouch for,`, "Mara Ilves", "Public Works Director", model.SpeakerPerson},
				{model.KindDirect, "Tobias Renn", "said", "The cables should have been inspected last spring,", "Tobias Renn", "", model.SpeakerPerson},
			},
			mem: store.Membership{StoryID: "story-bridge", CopyOf: "sentinel-bridge", Similarity: 0.97, JoinedBy: "copy"}},
		{art: model.Article{ID: "northfield-bridge", Source: "northfield.jsonl", URL: "https://northfield-wire.example/calder", Outlet: "Northfield Wire",
			Title: "Calder bridge closure: what commuters need to know", Byline: []string{"Staff"}, Published: "2026-05-02T12:15:00Z", Language: "en",
			Text: northfieldText, People: []model.Person{{Name: "Mara Ilves", Mentions: 1}}},
			attrs: []fixAttr{
				{model.KindReported, "the Lakeshore Press Agency", "Citing", "officials confirmed the Calder River bridge will stay closed for six weeks", "Lakeshore Press Agency", "", model.SpeakerPublication},
				{model.KindPartial, "Ilves", "told", "will not reopen a bridge we cannot vouch for.", "Mara Ilves", "", model.SpeakerPerson},
			},
			mem: store.Membership{StoryID: "story-bridge", JoinedBy: "incident-day"}},
		{art: model.Article{ID: "greyhaven-1", Source: "lib.jsonl", URL: "https://greyhaven-gazette.example/library", Outlet: "Greyhaven Gazette",
			Title: "Greyhaven library reopens after flood repairs", Published: "2026-04-21", Language: "en", Text: libraryText,
			People: []model.Person{{Name: "Oren Vasko", Roles: []string{"head librarian"}, Mentions: 1}}},
			attrs: []fixAttr{{model.KindDirect, "head librarian Oren Vasko", "said", "The children's wing is finally dry,", "Oren Vasko", "head librarian", model.SpeakerPerson}},
			mem:   store.Membership{StoryID: "story-library"}},
		{art: model.Article{ID: "greyhaven-2", Source: "lib.jsonl", URL: "", Outlet: "Coastal Review",
			Title: "Flood-hit Greyhaven library welcomes readers back", Published: "2026-04-21", Language: "en", Text: libraryText2,
			People: []model.Person{{Name: "Oren Vasko", Mentions: 1}}},
			attrs: []fixAttr{{model.KindDirect, "Oren Vasko", "said", "The children's wing is finally dry,", "Oren Vasko", "", model.SpeakerPerson}},
			mem:   store.Membership{StoryID: "story-library"}},
		xssDoc(),
	}
}

// xssDoc carries a payload in every field a page shows.
func xssDoc() fixtureDoc {
	text := "Hostile " + xssPayload + " text.\n\n\"" + xssPayload + " is a quote,\" said Eve " + xssPayload + "."
	return fixtureDoc{art: model.Article{ID: "xss-1", Source: "evil", URL: "javascript:window.__pwned=1", Outlet: "Evil " + xssPayload,
		Title: "Title " + xssPayload, Byline: []string{"By " + xssPayload}, Published: "2026-05-01T00:00:00Z", Language: "en",
		Text: text, Dropped: []string{"dropped " + xssPayload},
		People:        []model.Person{{Name: "Eve " + xssPayload, Roles: []string{"role " + xssPayload}, Mentions: 1}},
		Organizations: []model.Organization{{Name: "Org " + xssPayload, Mentions: 1}}},
		attrs: []fixAttr{{model.KindDirect, "Eve " + xssPayload, "said", xssPayload + " is a quote,", "Eve " + xssPayload, "role " + xssPayload, model.SpeakerPerson}},
		mem:   store.Membership{StoryID: "story-xss"}}
}

func fixtureStories() []*model.Story {
	bridge := &model.Story{
		ID: "story-bridge", Title: "Calder River bridge shut after engineers find corroded cables", FirstPublished: "2026-05-02T07:00:00Z",
		Articles: []model.StoryArticle{
			{ID: "sentinel-bridge", Outlet: "The Valley Sentinel", Title: "Calder River bridge shut after engineers find corroded cables", Published: "2026-05-02T07:00:00Z", Byline: []string{"Ines Halloran"}, DelaySeconds: 0, JoinedBy: "new"},
			{ID: "ridgeline-bridge", Outlet: "Ridgeline Post", Title: "Orrin loses its main crossing as Calder bridge closes", Published: "2026-05-02T08:30:00Z", Byline: []string{"Pavel Okonjo", "Lise Marr"}, DelaySeconds: 5400, JoinedBy: "score", JoinScore: 0.413},
			{ID: "eastport-bridge", Outlet: "Eastport Herald", Title: "Corroded cables close Calder bridge", Published: "2026-05-02T10:00:00Z", DelaySeconds: 10800, CopyOf: "sentinel-bridge", Similarity: 0.97, JoinedBy: "copy"},
			{ID: "northfield-bridge", Outlet: "Northfield Wire", Title: "Calder bridge closure: what commuters need to know", Published: "2026-05-02T12:15:00Z", Byline: []string{"Staff"}, DelaySeconds: 18900, JoinedBy: "incident-day"},
		},
		Origins:            []model.Origin{{Source: "Lakeshore Press Agency", CitedBy: []string{"sentinel-bridge", "ridgeline-bridge", "northfield-bridge"}}},
		IndependentSources: 1,
		QuoteGroups: []model.QuoteGroup{
			{Speaker: "Mara Ilves", Variants: []model.Variant{
				{Article: "sentinel-bridge", Outlet: "The Valley Sentinel", Text: "We will not reopen a bridge we cannot vouch for", Speaker: "Mara Ilves", Kind: model.KindDirect},
				{Article: "ridgeline-bridge", Outlet: "Ridgeline Post", Text: "We won't reopen a bridge that we can't vouch for", Speaker: "Mara Ilves", Kind: model.KindDirect},
				{Article: "eastport-bridge", Outlet: "Eastport Herald", Text: "We will not reopen a bridge we cannot vouch for", Speaker: "Mara Ilves", Kind: model.KindDirect},
				{Article: "northfield-bridge", Outlet: "Northfield Wire", Text: "will not reopen a bridge we cannot vouch for", Speaker: "Mara Ilves", Kind: model.KindPartial},
			}},
			{Speaker: "Tobias Renn", Variants: []model.Variant{
				{Article: "sentinel-bridge", Text: "The cables should have been inspected last spring", Speaker: "Tobias Renn", Kind: model.KindDirect},
				{Article: "ridgeline-bridge", Text: "The cables should have been inspected last spring", Speaker: "Ada Fenwick", Kind: model.KindDirect},
				{Article: "eastport-bridge", Text: "The cables should have been inspected last spring", Speaker: "Tobias Renn", Kind: model.KindDirect},
			}},
			{Speaker: "Ada Fenwick", Identical: true, Variants: []model.Variant{
				{Article: "sentinel-bridge", Text: "overdue but right", Speaker: "Ada Fenwick", Kind: model.KindPartial},
				{Article: "eastport-bridge", Text: "overdue but right", Speaker: "Ada Fenwick", Kind: model.KindPartial},
			}},
		},
		Claims: []model.Claim{
			{Text: "The Calder River bridge closed on Saturday after corroded cables were found.", Articles: []string{"sentinel-bridge", "ridgeline-bridge", "eastport-bridge", "northfield-bridge"}},
			{Text: "The closure will last at least six weeks.", Articles: []string{"sentinel-bridge", "eastport-bridge", "northfield-bridge"}},
			{Text: "Commuters face a forty-minute detour via the Dunmore road.", Articles: []string{"ridgeline-bridge"}},
			{Text: "A ferry shuttle will run every twenty minutes from Monday.", Articles: []string{"northfield-bridge"}},
		},
		Unique: map[string][]string{"ridgeline-bridge": {"Commuters face a forty-minute detour via the Dunmore road."}, "northfield-bridge": {"A ferry shuttle will run every twenty minutes from Monday."}},
		Discrepancies: []model.Discrepancy{
			{Kind: model.DiscrepancySpeaker, Detail: `"The cables should have been inspected last spring" is Tobias Renn's in 2 articles and Ada Fenwick's in 1`, Articles: []string{"ridgeline-bridge"}},
			{Kind: model.DiscrepancyWording, Detail: "Mara Ilves's statement is worded 3 ways", Articles: []string{"sentinel-bridge", "ridgeline-bridge", "northfield-bridge"}},
		},
	}
	library := &model.Story{
		ID: "story-library", Title: "Greyhaven library reopens after flood repairs", FirstPublished: "2026-04-21",
		Articles: []model.StoryArticle{
			{ID: "greyhaven-1", Outlet: "Greyhaven Gazette", Title: "Greyhaven library reopens after flood repairs", Published: "2026-04-21"},
			{ID: "greyhaven-2", Outlet: "Coastal Review", Title: "Flood-hit Greyhaven library welcomes readers back", Published: "2026-04-21"},
		},
		IndependentSources: 2,
		QuoteGroups: []model.QuoteGroup{{Speaker: "Oren Vasko", Identical: true, Variants: []model.Variant{
			{Article: "greyhaven-1", Text: "The children's wing is finally dry", Speaker: "Oren Vasko", Kind: model.KindDirect},
			{Article: "greyhaven-2", Text: "The children's wing is finally dry", Speaker: "Oren Vasko", Kind: model.KindDirect}}}},
		Claims: []model.Claim{{Text: "The Greyhaven library reopened on Tuesday.", Articles: []string{"greyhaven-1", "greyhaven-2"}}},
	}
	xss := &model.Story{
		ID: "story-xss", Title: "Story " + xssPayload, FirstPublished: "2026-05-01T00:00:00Z",
		Articles:           []model.StoryArticle{{ID: "xss-1", Outlet: "Evil " + xssPayload, Title: "Title " + xssPayload, Published: "2026-05-01T00:00:00Z", Byline: []string{xssPayload}, CopyOf: "javascript:alert(1)", Similarity: 0.5}},
		Origins:            []model.Origin{{Source: "Origin " + xssPayload, CitedBy: []string{"xss-1"}}},
		IndependentSources: 1,
		QuoteGroups: []model.QuoteGroup{{Speaker: "Eve " + xssPayload, Variants: []model.Variant{
			{Article: "xss-1", Text: xssPayload + " is a quote", Speaker: "Eve " + xssPayload},
			{Article: "xss-1", Text: xssPayload + " was a quote", Speaker: "Mallory " + xssPayload}}}},
		Claims:        []model.Claim{{Text: "Claim " + xssPayload, Articles: []string{"xss-1"}}},
		Discrepancies: []model.Discrepancy{{Kind: xssPayload, Detail: "Detail " + xssPayload, Articles: []string{"xss-1"}}},
	}
	return []*model.Story{bridge, library, xss}
}
