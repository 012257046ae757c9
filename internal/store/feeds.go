package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/crosswire-news/crosswire/internal/feed"
)

// The feed subscriptions: *DB implements feed.Store so that the watcher's
// state survives restarts in the same file as the articles.

var _ feed.Store = (*DB)(nil)

// AddFeed subscribes to a feed; a known URL keeps its state.
func (db *DB) AddFeed(ctx context.Context, url, title string) error {
	_, err := db.sql.ExecContext(ctx, `INSERT INTO feeds (url, title, added_at) VALUES (?, ?, ?)
		ON CONFLICT(url) DO UPDATE SET title = CASE WHEN feeds.title = '' THEN excluded.title ELSE feeds.title END`,
		url, title, time.Now().UTC().Format(time.RFC3339))
	return err
}

// RemoveFeed unsubscribes from a feed and forgets which of its items were
// seen, in one transaction. An unknown URL is an error wrapping ErrNotFound.
// Articles already taken from the feed stay in the store.
func (db *DB) RemoveFeed(ctx context.Context, url string) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM feeds WHERE url = ?`, url)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("feed %s: %w", url, ErrNotFound)
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM feed_items WHERE feed_url = ?`, url)
		return err
	})
}

// Feeds lists every subscription, ordered by URL.
func (db *DB) Feeds(ctx context.Context) ([]feed.Feed, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT url, title, etag, last_modified, last_status, last_error,
		last_fetch, next_fetch, items, failures FROM feeds ORDER BY url`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []feed.Feed
	for rows.Next() {
		var f feed.Feed
		var last, next string
		if err := rows.Scan(&f.URL, &f.Title, &f.ETag, &f.LastModified, &f.LastStatus, &f.LastError,
			&last, &next, &f.Items, &f.Failures); err != nil {
			return nil, err
		}
		f.LastFetch, f.NextFetch = parseStamp(last), parseStamp(next)
		out = append(out, f)
	}
	return out, rows.Err()
}

// UpdateFeed writes back a feed's state after a poll.
func (db *DB) UpdateFeed(ctx context.Context, f feed.Feed) error {
	_, err := db.sql.ExecContext(ctx, `UPDATE feeds SET title = ?, etag = ?, last_modified = ?, last_status = ?,
		last_error = ?, last_fetch = ?, next_fetch = ?, items = ?, failures = ? WHERE url = ?`,
		f.Title, f.ETag, f.LastModified, f.LastStatus, f.LastError, stamp(f.LastFetch), stamp(f.NextFetch),
		f.Items, f.Failures, f.URL)
	return err
}

// SeenItem reports whether an item of a feed was already handled.
func (db *DB) SeenItem(ctx context.Context, feedURL, itemKey string) (bool, error) {
	var one int
	err := db.sql.QueryRowContext(ctx, `SELECT 1 FROM feed_items WHERE feed_url = ? AND item_key = ?`, feedURL, itemKey).Scan(&one)
	if err == sql.ErrNoRows {
		return false, nil
	}
	return err == nil, err
}

// MarkItem records an item as handled.
func (db *DB) MarkItem(ctx context.Context, feedURL, itemKey string) error {
	_, err := db.sql.ExecContext(ctx, `INSERT OR IGNORE INTO feed_items (feed_url, item_key, seen_at) VALUES (?, ?, ?)`,
		feedURL, itemKey, time.Now().UTC().Format(time.RFC3339))
	return err
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

func parseStamp(s string) time.Time {
	t, _ := time.Parse(time.RFC3339Nano, s)
	return t
}
