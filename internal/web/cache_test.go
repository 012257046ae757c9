package web

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"
)

func TestTTLCacheServesStaleAndRefreshes(t *testing.T) {
	var c ttlCache[int]
	var calls atomic.Int32
	fetch := func(context.Context) (int, error) { return int(calls.Add(1)), nil }
	ctx := context.Background()
	if v, _ := c.get(ctx, fetch); v != 1 {
		t.Fatalf("first get = %d", v)
	}
	if v, _ := c.get(ctx, fetch); v != 1 || calls.Load() != 1 {
		t.Fatalf("fresh value refetched: %d calls", calls.Load())
	}
	c.expire()
	if v, _ := c.get(ctx, fetch); v != 1 {
		t.Fatalf("expired get should answer stale at once, got %d", v)
	}
	deadline := time.Now().Add(2 * time.Second)
	for {
		if v, _ := c.get(ctx, fetch); v == 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("background refresh never landed")
		}
		time.Sleep(5 * time.Millisecond)
	}
	var e ttlCache[int]
	if _, err := e.get(ctx, func(context.Context) (int, error) { return 0, errors.New("down") }); err == nil {
		t.Error("error not returned on a cold cache")
	}
}
