package web

import (
	"context"
	"sync"
	"time"
)

// listTTL is how long the filter lists (outlets, people) are fresh. They
// feed the selects on every list page, and computing them aggregates the
// whole store (seconds at 100k articles), so readers are served the last
// list while one background refresh runs.
const listTTL = 30 * time.Second

// ttlCache holds one value. Only the very first request waits for it;
// after that a stale value is returned at once and refreshed in the
// background, one refresh at a time.
type ttlCache[T any] struct {
	mu         sync.Mutex
	at         time.Time
	v          T
	valid      bool
	refreshing bool
}

func (c *ttlCache[T]) get(ctx context.Context, fetch func(context.Context) (T, error)) (T, error) {
	c.mu.Lock()
	if c.valid {
		v := c.v
		if time.Since(c.at) >= listTTL && !c.refreshing {
			c.refreshing = true
			go c.refresh(fetch)
		}
		c.mu.Unlock()
		return v, nil
	}
	c.mu.Unlock()
	v, err := fetch(ctx)
	if err != nil {
		return v, err
	}
	c.set(v)
	return v, nil
}

func (c *ttlCache[T]) refresh(fetch func(context.Context) (T, error)) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	v, err := fetch(ctx)
	c.mu.Lock()
	c.refreshing = false
	c.mu.Unlock()
	if err == nil {
		c.set(v)
	}
}

func (c *ttlCache[T]) set(v T) {
	c.mu.Lock()
	c.v, c.at, c.valid = v, time.Now(), true
	c.mu.Unlock()
}

// expire makes the next read start a refresh (after an ingest) while
// still answering with the old value.
func (c *ttlCache[T]) expire() {
	c.mu.Lock()
	c.at = time.Time{}
	c.mu.Unlock()
}
