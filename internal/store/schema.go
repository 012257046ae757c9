package store

// migrations is the schema history, applied in order; PRAGMA user_version
// records how many have run. Append, never edit: a released database has
// already run the old entries.
var migrations = []string{
	// 1: articles with full-text search, stories, and the derived tables the
	// list filters and person pages query.
	`
CREATE TABLE articles (
	id             TEXT PRIMARY KEY,
	source         TEXT NOT NULL DEFAULT '',
	url            TEXT NOT NULL DEFAULT '',
	outlet         TEXT NOT NULL DEFAULT '',
	title          TEXT NOT NULL DEFAULT '',
	byline         TEXT NOT NULL DEFAULT '[]',
	published      TEXT NOT NULL DEFAULT '',
	published_unix INTEGER,
	language       TEXT NOT NULL DEFAULT '',
	text           TEXT NOT NULL,
	dropped        TEXT NOT NULL DEFAULT '[]',
	analysis       TEXT NOT NULL DEFAULT '{}',
	story_id       TEXT NOT NULL DEFAULT '',
	duplicate_of   TEXT NOT NULL DEFAULT '',
	copy_of        TEXT NOT NULL DEFAULT '',
	similarity     REAL NOT NULL DEFAULT 0,
	ingested_at    TEXT NOT NULL
);
CREATE INDEX articles_story ON articles(story_id);
CREATE INDEX articles_published ON articles(published_unix, id);
CREATE VIRTUAL TABLE articles_fts USING fts5(
	title, text, content='articles', content_rowid='rowid',
	tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
	INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
	INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
	INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
	INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;

CREATE TABLE stories (
	id                  TEXT PRIMARY KEY,
	title               TEXT NOT NULL,
	first_published     TEXT NOT NULL DEFAULT '',
	first_unix          INTEGER,
	articles            INTEGER NOT NULL,
	outlets             INTEGER NOT NULL,
	outlet_names        TEXT NOT NULL DEFAULT '[]',
	independent_sources INTEGER NOT NULL,
	data                TEXT NOT NULL,
	updated_at          TEXT NOT NULL
);
CREATE INDEX stories_newest ON stories(first_unix DESC, id);
CREATE INDEX stories_covered ON stories(outlets DESC, first_unix DESC, id);
CREATE TABLE story_outlets (
	story_id TEXT NOT NULL,
	outlet   TEXT NOT NULL,
	PRIMARY KEY (story_id, outlet)
) WITHOUT ROWID;
CREATE INDEX story_outlets_outlet ON story_outlets(outlet);

CREATE TABLE mentions (
	article_id TEXT NOT NULL,
	name       TEXT NOT NULL,
	roles      TEXT NOT NULL DEFAULT '[]',
	mentions   INTEGER NOT NULL,
	PRIMARY KEY (article_id, name)
) WITHOUT ROWID;
CREATE INDEX mentions_name ON mentions(name);

CREATE TABLE statements (
	article_id TEXT NOT NULL,
	seq        INTEGER NOT NULL,
	speaker    TEXT NOT NULL,
	role       TEXT NOT NULL,
	kind       TEXT NOT NULL,
	text       TEXT NOT NULL,
	PRIMARY KEY (article_id, seq)
) WITHOUT ROWID;
CREATE INDEX statements_speaker ON statements(speaker);
`,
	// 2: feed subscriptions and the items already taken from each.
	`
CREATE TABLE feeds (
	url           TEXT PRIMARY KEY,
	title         TEXT NOT NULL DEFAULT '',
	etag          TEXT NOT NULL DEFAULT '',
	last_modified TEXT NOT NULL DEFAULT '',
	last_status   TEXT NOT NULL DEFAULT '',
	last_error    TEXT NOT NULL DEFAULT '',
	last_fetch    TEXT NOT NULL DEFAULT '',
	next_fetch    TEXT NOT NULL DEFAULT '',
	items         INTEGER NOT NULL DEFAULT 0,
	failures      INTEGER NOT NULL DEFAULT 0,
	added_at      TEXT NOT NULL
);
CREATE TABLE feed_items (
	feed_url TEXT NOT NULL,
	item_key TEXT NOT NULL,
	seen_at  TEXT NOT NULL,
	PRIMARY KEY (feed_url, item_key)
) WITHOUT ROWID;
`,
	// 3: a summary row per person, kept current at save time, so that the
	// people list does not aggregate every mention on each request; and an
	// index matching the "most covered" order exactly.
	`
CREATE TABLE people (
	name       TEXT PRIMARY KEY,
	roles      TEXT NOT NULL DEFAULT '[]',
	mentions   INTEGER NOT NULL DEFAULT 0,
	stories    INTEGER NOT NULL DEFAULT 0,
	statements INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX people_rank ON people(stories DESC, mentions DESC, name);
CREATE TABLE person_stories (
	name     TEXT NOT NULL,
	story_id TEXT NOT NULL,
	PRIMARY KEY (name, story_id)
) WITHOUT ROWID;
INSERT OR IGNORE INTO person_stories (name, story_id)
	SELECT DISTINCT m.name, a.story_id FROM mentions m JOIN articles a ON a.id = m.article_id;
INSERT INTO people (name, mentions) SELECT name, sum(mentions) FROM mentions GROUP BY name;
INSERT OR IGNORE INTO people (name) SELECT DISTINCT speaker FROM statements;
UPDATE people SET
	stories = (SELECT count(*) FROM person_stories ps WHERE ps.name = people.name),
	statements = (SELECT count(*) FROM statements s WHERE s.speaker = people.name),
	roles = (SELECT json_group_array(DISTINCT j.value) FROM mentions m, json_each(m.roles) j WHERE m.name = people.name);
DROP INDEX stories_covered;
CREATE INDEX stories_covered ON stories(outlets DESC, articles DESC, first_unix DESC, id);
`,
	// 4: each article's incident names as the linker encodes them, so that
	// start-up gives a year of names back without reading a year of
	// articles. NULL for articles stored before: those are read again.
	`
ALTER TABLE articles ADD COLUMN link_names BLOB;
`,
	// 5: how linking placed each article (link.Via) and its join score, so
	// that the story page can say why an article is in its story. Empty
	// for articles stored before: their placement was not kept.
	`
ALTER TABLE articles ADD COLUMN joined_by TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN join_score REAL NOT NULL DEFAULT 0;
`,
	// 6: stories folded into others after they closed (store.Fold), so
	// that a link to a folded story's id still leads to its articles.
	`
CREATE TABLE story_folds (
	id        TEXT PRIMARY KEY,
	into_id   TEXT NOT NULL,
	folded_at TEXT NOT NULL
);
`,
	// 7: linker state kept whole rather than per article (the document
	// frequencies features are weighed by), with the article count it
	// covers, so that a stale copy is known.
	`
CREATE TABLE link_state (
	name     TEXT PRIMARY KEY,
	data     BLOB NOT NULL,
	articles INTEGER NOT NULL,
	saved_at TEXT NOT NULL
);
`,
}
