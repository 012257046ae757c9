package web

import (
	"context"
	"sort"
	"strings"
	"testing"

	"github.com/crosswire-news/crosswire/internal/model"
	"github.com/crosswire-news/crosswire/internal/store"
)

// fakeStore is an in-memory Store over the fixture, with just enough query
// semantics (filters, paging, substring search) to exercise the handlers.
type fakeStore struct {
	articles map[string]*store.StoredArticle
	stories  map[string]*model.Story
	order    []string          // story ids
	folds    map[string]string // folded story id -> the story it went into
}

func newFakeStore(t testing.TB) *fakeStore {
	f := &fakeStore{articles: map[string]*store.StoredArticle{}, stories: map[string]*model.Story{}}
	for _, d := range fixtureDocs() {
		a := d.build(t)
		f.articles[a.ID] = a
	}
	for _, s := range fixtureStories() {
		f.stories[s.ID] = s
		f.order = append(f.order, s.ID)
	}
	return f
}

func (f *fakeStore) summary(s *model.Story) store.StorySummary {
	sum := store.StorySummary{ID: s.ID, Title: s.Title, FirstPublished: s.FirstPublished, Articles: len(s.Articles), IndependentSources: s.IndependentSources}
	seen := map[string]bool{}
	for _, a := range s.Articles {
		if !seen[a.Outlet] {
			seen[a.Outlet] = true
			sum.OutletNames = append(sum.OutletNames, a.Outlet)
		}
	}
	sum.Outlets = len(sum.OutletNames)
	return sum
}

func (f *fakeStore) Stories(ctx context.Context, flt store.StoryFilter) ([]store.StorySummary, int, error) {
	var out []store.StorySummary
	for _, id := range f.order {
		s := f.stories[id]
		day := s.FirstPublished
		if len(day) > 10 {
			day = day[:10]
		}
		if flt.From != "" && day < flt.From || flt.To != "" && day > flt.To {
			continue
		}
		ok := flt.Outlet == "" && flt.Person == "" && flt.Query == ""
		if !ok {
			ok = true
			var hasOutlet, hasPerson, hasQuery bool
			for _, sa := range s.Articles {
				a := f.articles[sa.ID]
				hasOutlet = hasOutlet || sa.Outlet == flt.Outlet
				if a == nil {
					continue
				}
				for _, p := range a.People {
					hasPerson = hasPerson || p.Name == flt.Person
				}
				hasQuery = hasQuery || strings.Contains(strings.ToLower(a.Text), strings.ToLower(flt.Query))
			}
			ok = (flt.Outlet == "" || hasOutlet) && (flt.Person == "" || hasPerson) && (flt.Query == "" || hasQuery)
		}
		if ok {
			out = append(out, f.summary(s))
		}
	}
	if flt.Sort == "covered" {
		sort.SliceStable(out, func(i, j int) bool { return out[i].Outlets > out[j].Outlets })
	} else {
		sort.SliceStable(out, func(i, j int) bool { return out[i].FirstPublished > out[j].FirstPublished })
	}
	total := len(out)
	if flt.Offset >= len(out) {
		return nil, total, nil
	}
	out = out[flt.Offset:]
	if flt.Limit > 0 && len(out) > flt.Limit {
		out = out[:flt.Limit]
	}
	return out, total, nil
}

func (f *fakeStore) Story(ctx context.Context, id string) (*model.Story, error) {
	if s, ok := f.stories[id]; ok {
		return s, nil
	}
	return nil, store.ErrNotFound
}

func (f *fakeStore) FoldedInto(ctx context.Context, id string) (string, error) {
	into := ""
	for range len(f.folds) + 1 {
		next, ok := f.folds[id]
		if !ok {
			break
		}
		into, id = next, next
	}
	return into, nil
}

func (f *fakeStore) Article(ctx context.Context, id string) (*store.StoredArticle, error) {
	if a, ok := f.articles[id]; ok {
		return a, nil
	}
	return nil, store.ErrNotFound
}

func (f *fakeStore) Search(ctx context.Context, q string, limit int) ([]store.SearchHit, error) {
	q = strings.ToLower(strings.Trim(q, `"`))
	var hits []store.SearchHit
	ids := make([]string, 0, len(f.articles))
	for id := range f.articles {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		a := f.articles[id]
		i := strings.Index(strings.ToLower(a.Text), q)
		if i < 0 {
			continue
		}
		lo, hi := max(0, i-40), min(len(a.Text), i+len(q)+40)
		snip := a.Text[lo:i] + store.MarkStart + a.Text[i:i+len(q)] + store.MarkEnd + a.Text[i+len(q):hi]
		hits = append(hits, store.SearchHit{ArticleID: a.ID, StoryID: a.StoryID, Title: a.Title, Outlet: a.Outlet, Published: a.Published, Snippet: snip, Rank: 1})
		if len(hits) == limit {
			break
		}
	}
	return hits, nil
}

func (f *fakeStore) PersonStatements(ctx context.Context, name string) ([]store.Statement, error) {
	var out []store.Statement
	for _, id := range f.sortedArticleIDs() {
		a := f.articles[id]
		for _, at := range a.Attributions {
			if string(at.Speaker) != name {
				continue
			}
			title := ""
			if s := f.stories[a.StoryID]; s != nil {
				title = s.Title
			}
			out = append(out, store.Statement{Speaker: name, Role: at.SpeakerRole, Kind: at.Kind, Text: strings.TrimRight(at.Content.Text, ",."),
				ArticleID: a.ID, Outlet: a.Outlet, Published: a.Published, StoryID: a.StoryID, StoryTitle: title})
		}
	}
	return out, nil
}

func (f *fakeStore) sortedArticleIDs() []string {
	ids := make([]string, 0, len(f.articles))
	for id := range f.articles {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		a, b := f.articles[ids[i]], f.articles[ids[j]]
		if a.Published != b.Published {
			return a.Published < b.Published
		}
		return a.ID < b.ID
	})
	return ids
}

func (f *fakeStore) People(ctx context.Context, limit int) ([]store.PersonSummary, error) {
	m := map[string]*store.PersonSummary{}
	var names []string
	for _, a := range f.articles {
		for _, p := range a.People {
			ps := m[p.Name]
			if ps == nil {
				ps = &store.PersonSummary{Name: p.Name}
				m[p.Name] = ps
				names = append(names, p.Name)
			}
			for _, r := range p.Roles {
				ps.Roles = appendUnique(ps.Roles, r)
			}
			ps.Stories++
		}
		for _, at := range a.Attributions {
			if ps := m[string(at.Speaker)]; ps != nil {
				ps.Statements++
			}
		}
	}
	sort.Strings(names)
	var out []store.PersonSummary
	for _, n := range names {
		out = append(out, *m[n])
		if len(out) == limit {
			break
		}
	}
	return out, nil
}

func (f *fakeStore) Outlets(ctx context.Context) ([]string, error) {
	seen := map[string]bool{}
	var out []string
	for _, a := range f.articles {
		if !seen[a.Outlet] {
			seen[a.Outlet] = true
			out = append(out, a.Outlet)
		}
	}
	sort.Strings(out)
	return out, nil
}
