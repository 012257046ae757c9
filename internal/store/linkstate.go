package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// SaveLinkState keeps a piece of linker state under name, with the number
// of articles stored now: LinkState gives it back only while that number
// holds, as articles stored after it are not in it.
func (db *DB) SaveLinkState(ctx context.Context, name string, data []byte) error {
	_, err := db.sql.ExecContext(ctx, `INSERT INTO link_state (name, data, articles, saved_at)
		VALUES (?, ?, (SELECT COUNT(*) FROM articles), ?)
		ON CONFLICT (name) DO UPDATE SET data = excluded.data, articles = excluded.articles, saved_at = excluded.saved_at`,
		name, data, time.Now().UTC().Format(time.RFC3339))
	return err
}

// LinkState returns the state saved under name if no article has been
// stored since it was saved; nil if there is none or it is stale (a run
// stopped before it saved its state).
func (db *DB) LinkState(ctx context.Context, name string) ([]byte, error) {
	var data []byte
	var fresh bool
	err := db.sql.QueryRowContext(ctx, `SELECT data, articles = (SELECT COUNT(*) FROM articles) FROM link_state WHERE name = ?`, name).
		Scan(&data, &fresh)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && !fresh) {
		return nil, nil
	}
	return data, err
}
