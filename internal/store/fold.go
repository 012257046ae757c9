package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/crosswire-news/crosswire/internal/model"
)

// maxFoldHops bounds how far FoldedInto follows a chain of folds. Fold
// refuses to fold into a folded story, so chains cannot loop; the bound
// only keeps a damaged table from hanging a request.
const maxFoldHops = 100

// Fold moves every article of f.From into f.Into, stores into (the story
// f.Into rebuilt from the members of both; into.ID == f.Into, else error),
// deletes story f.From, and records the fold so that FoldedInto(f.From)
// gives f.Into. Each article in f.Moved takes the placement and link
// names it has in Into. One transaction: on error nothing changes.
//
// Folding a story that holds no articles and has no row is not an error:
// the fold may already have been applied; it is recorded all the same.
func (db *DB) Fold(ctx context.Context, f Fold, into *model.Story) error {
	switch {
	case f.From == "" || f.Into == "":
		// Unlinked articles have story_id "": never move them wholesale.
		return fmt.Errorf("folding story %q into %q: empty story id", f.From, f.Into)
	case f.From == f.Into:
		return fmt.Errorf("folding story %s into itself", f.From)
	case into == nil:
		return fmt.Errorf("folding story %s into %s: no merged story to store", f.From, f.Into)
	case into.ID != f.Into:
		return fmt.Errorf("folding story %s into %s: merged story has id %q", f.From, f.Into, into.ID)
	}
	if err := db.inTx(ctx, func(tx *sql.Tx) error { return fold(ctx, tx, f, into) }); err != nil {
		return fmt.Errorf("folding story %s into %s: %w", f.From, f.Into, err)
	}
	return nil
}

func fold(ctx context.Context, tx *sql.Tx, f Fold, into *model.Story) error {
	// Storing into under an id that was itself folded away would bring a
	// dead story back, and could make the chain loop back to f.From.
	if gone, err := foldedInto(ctx, tx, f.Into); err != nil {
		return err
	} else if gone != "" {
		return fmt.Errorf("story %s was itself folded into %s", f.Into, gone)
	}
	now := time.Now().UTC().Format(time.RFC3339)
	if _, err := tx.ExecContext(ctx, `UPDATE articles SET story_id = ? WHERE story_id = ?`, f.Into, f.From); err != nil {
		return err
	}
	for _, m := range f.Moved {
		if _, err := tx.ExecContext(ctx, `UPDATE articles SET joined_by = ?, join_score = ?, link_names = ? WHERE id = ?`,
			m.JoinedBy, m.JoinScore, m.LinkNames, m.ID); err != nil {
			return fmt.Errorf("article %s: %w", m.ID, err)
		}
	}
	// A person named in both stories now has one story where they had two;
	// one named only in From keeps the count and follows the articles.
	for _, q := range []string{
		`UPDATE people SET stories = stories - 1 WHERE name IN
			(SELECT name FROM person_stories WHERE story_id = ?1
			 AND name IN (SELECT name FROM person_stories WHERE story_id = ?2))`,
		`DELETE FROM person_stories WHERE story_id = ?1
			AND name IN (SELECT name FROM person_stories WHERE story_id = ?2)`,
		`UPDATE person_stories SET story_id = ?2 WHERE story_id = ?1`,
		`DELETE FROM stories WHERE id = ?1`,
		`DELETE FROM story_outlets WHERE story_id = ?1`,
	} {
		if _, err := tx.ExecContext(ctx, q, f.From, f.Into); err != nil {
			return err
		}
	}
	if err := saveStory(ctx, tx, into, now); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO story_folds (id, into_id, folded_at) VALUES (?, ?, ?)`,
		f.From, f.Into, now); err != nil {
		return err
	}
	return nil
}

// FoldedInto returns the story a folded story id now lives in, following
// chains of folds (A into B, later B into C gives C for A); "" when id
// was never folded.
func (db *DB) FoldedInto(ctx context.Context, id string) (string, error) {
	return foldedInto(ctx, db.sql, id)
}

// queryRower is what foldedInto reads through: the database or, inside
// Fold, its transaction.
type queryRower interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func foldedInto(ctx context.Context, q queryRower, id string) (string, error) {
	cur := id
	for range maxFoldHops {
		var next string
		err := q.QueryRowContext(ctx, `SELECT into_id FROM story_folds WHERE id = ?`, cur).Scan(&next)
		if errors.Is(err, sql.ErrNoRows) {
			if cur == id {
				return "", nil
			}
			return cur, nil
		}
		if err != nil {
			return "", fmt.Errorf("story %s: reading folds: %w", id, err)
		}
		cur = next
	}
	return "", fmt.Errorf("story %s: more than %d folds in a chain (a cycle?)", id, maxFoldHops)
}
