package feed

import (
	"context"
	"fmt"
	"sort"
	"sync"
)

// MemStore is an in-memory Store: for tests and for watching without a
// database (state is lost on exit).
type MemStore struct {
	mu    sync.Mutex
	feeds map[string]*Feed
	seen  map[[2]string]bool
}

// NewMemStore makes an empty MemStore.
func NewMemStore() *MemStore {
	return &MemStore{feeds: map[string]*Feed{}, seen: map[[2]string]bool{}}
}

// AddFeed implements Store.
func (m *MemStore) AddFeed(_ context.Context, url, title string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if f, ok := m.feeds[url]; ok {
		if f.Title == "" {
			f.Title = title
		}
		return nil
	}
	m.feeds[url] = &Feed{URL: url, Title: title}
	return nil
}

// Feeds implements Store.
func (m *MemStore) Feeds(context.Context) ([]Feed, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]Feed, 0, len(m.feeds))
	for _, f := range m.feeds {
		out = append(out, *f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].URL < out[j].URL })
	return out, nil
}

// UpdateFeed implements Store.
func (m *MemStore) UpdateFeed(_ context.Context, f Feed) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.feeds[f.URL]; !ok {
		return fmt.Errorf("update feed %s: not subscribed", f.URL)
	}
	m.feeds[f.URL] = &f
	return nil
}

// SeenItem implements Store.
func (m *MemStore) SeenItem(_ context.Context, feedURL, key string) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.seen[[2]string{feedURL, key}], nil
}

// MarkItem implements Store.
func (m *MemStore) MarkItem(_ context.Context, feedURL, key string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.seen[[2]string{feedURL, key}] = true
	return nil
}
