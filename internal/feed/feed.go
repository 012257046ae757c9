// Package feed reads RSS (0.9x, 1.0, 2.0), Atom and JSON Feed documents into
// items, reads and writes OPML subscription lists, and defines the store
// interface that keeps subscriptions and seen items.
package feed

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
)

// Item is one entry of a feed.
type Item struct {
	FeedURL     string    `json:"feed_url"`
	Link        string    `json:"link"` // absolute
	Title       string    `json:"title"`
	GUID        string    `json:"guid"`
	Published   time.Time `json:"published"` // zero when the feed gives none
	Description string    `json:"description"`
	Content     string    `json:"content"` // full content when the feed carries it (content:encoded, atom:content)
	Authors     []string  `json:"authors"`
}

// Key identifies the item within its feed: the GUID, else the link.
func (it *Item) Key() string {
	if it.GUID != "" {
		return it.GUID
	}
	return it.Link
}

// Parsed is a parsed feed document.
type Parsed struct {
	Type  string // rss, atom, json
	Title string
	Link  string // the site's home page
	Items []Item
}

// ErrNotAFeed is returned for documents that are no feed format at all.
var ErrNotAFeed = errors.New("not an RSS, Atom or JSON feed")

// Parse reads a feed document fetched from feedURL; relative item links are
// resolved against it. Items come back oldest first when dated, so they are
// processed in publication order.
func Parse(data []byte, feedURL string) (p *Parsed, err error) {
	// gofeed's parsers can panic on some malformed input; one bad feed must
	// not take down a watcher polling hundreds.
	defer func() {
		if r := recover(); r != nil {
			p, err = nil, fmt.Errorf("feed %s: malformed: %v", feedURL, r)
		}
	}()
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if gofeed.DetectFeedType(bytes.NewReader(data)) == gofeed.FeedTypeUnknown {
		return nil, fmt.Errorf("feed %s: %w", feedURL, ErrNotAFeed)
	}
	f, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("feed %s: malformed: %w", feedURL, err)
	}
	base, _ := url.Parse(feedURL)
	p = &Parsed{Type: f.FeedType, Title: strings.TrimSpace(f.Title), Link: resolve(base, f.Link)}
	for _, gi := range f.Items {
		if gi == nil {
			continue
		}
		it := Item{
			FeedURL:     feedURL,
			Link:        resolve(base, strings.TrimSpace(gi.Link)),
			Title:       strings.TrimSpace(gi.Title),
			GUID:        strings.TrimSpace(gi.GUID),
			Description: gi.Description,
			Content:     gi.Content,
		}
		if it.Link == "" {
			for _, l := range gi.Links {
				if l = resolve(base, strings.TrimSpace(l)); l != "" {
					it.Link = l
					break
				}
			}
		}
		switch {
		case gi.PublishedParsed != nil:
			it.Published = gi.PublishedParsed.UTC()
		case gi.UpdatedParsed != nil:
			it.Published = gi.UpdatedParsed.UTC()
		}
		for _, a := range gi.Authors {
			if a != nil && strings.TrimSpace(a.Name) != "" {
				it.Authors = append(it.Authors, strings.TrimSpace(a.Name))
			}
		}
		if it.Key() == "" {
			continue // nothing to identify or fetch it by
		}
		p.Items = append(p.Items, it)
	}
	sort.SliceStable(p.Items, func(i, j int) bool {
		a, b := p.Items[i].Published, p.Items[j].Published
		if a.IsZero() || b.IsZero() {
			return false
		}
		return a.Before(b)
	})
	return p, nil
}

func resolve(base *url.URL, ref string) string {
	if ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	return u.String()
}

// Feed is a subscription and its polling state.
type Feed struct {
	URL          string
	Title        string
	ETag         string
	LastModified string
	LastStatus   string // "200", "304", "429", "error", "parse error", ...
	LastError    string
	LastFetch    time.Time
	NextFetch    time.Time // zero: due now
	Items        int       // items handed on so far
	Failures     int       // consecutive failed polls, drives backoff
}

// Store keeps subscriptions and which items were already handled. The
// embedded SQLite store implements it; MemStore is for tests and --no-db.
type Store interface {
	// AddFeed subscribes; adding a known URL changes nothing (and keeps its
	// state), except that an empty title is filled in.
	AddFeed(ctx context.Context, url, title string) error
	// Feeds lists every subscription, ordered by URL.
	Feeds(ctx context.Context) ([]Feed, error)
	// UpdateFeed writes back a feed's state after a poll (all fields, by URL).
	UpdateFeed(ctx context.Context, f Feed) error
	// SeenItem reports whether MarkItem was called for the pair.
	SeenItem(ctx context.Context, feedURL, itemKey string) (bool, error)
	// MarkItem records the item as handled; idempotent.
	MarkItem(ctx context.Context, feedURL, itemKey string) error
}
