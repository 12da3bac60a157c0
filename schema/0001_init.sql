-- pubdb schema, version 1.
-- Migrations are applied in order, each in the same transaction as the
-- PRAGMA user_version update that records it.

-- The files entries were imported from, with what they held besides
-- entries: @string definitions, @preamble and @comment, in file order.
CREATE TABLE files (
	id INTEGER PRIMARY KEY,
	path TEXT NOT NULL UNIQUE
);

CREATE TABLE file_items (
	file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
	pos INTEGER NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('string', 'preamble', 'comment')),
	name TEXT,			-- the macro name of a @string
	raw TEXT NOT NULL,		-- as written
	value TEXT NOT NULL,		-- expanded
	line INTEGER NOT NULL,
	PRIMARY KEY (file_id, pos)
) WITHOUT ROWID;

CREATE TABLE entries (
	id INTEGER PRIMARY KEY,		-- order of first import: --sort added
	key TEXT NOT NULL UNIQUE COLLATE NOCASE,	-- BibTeX keys ignore case
	type TEXT NOT NULL,		-- lower-case BibTeX type
	file_id INTEGER REFERENCES files(id) ON DELETE SET NULL,
	line INTEGER,
	hash INTEGER NOT NULL,		-- of type, key and every field: unchanged re-imports
	source TEXT NOT NULL,		-- the entry as it stood in its file
	-- derived for display, sorting and filters (crossref resolved)
	title TEXT,
	title_key TEXT,			-- folded, for sorting
	year INTEGER,
	month INTEGER,
	venue TEXT,
	venue_key TEXT,			-- folded, for matching
	crossref TEXT,
	inherited INTEGER NOT NULL DEFAULT 0	-- bits: 1 year, 2 month, 4 venue from crossref
);
CREATE INDEX entries_year ON entries(year, month);
CREATE INDEX entries_crossref ON entries(crossref) WHERE crossref IS NOT NULL;

-- Every field, in file order, raw (as written) and expanded.
CREATE TABLE fields (
	entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
	pos INTEGER NOT NULL,
	name TEXT NOT NULL,
	raw TEXT NOT NULL,
	value TEXT NOT NULL,
	PRIMARY KEY (entry_id, pos)
) WITHOUT ROWID;

-- People, in Unicode, with folded keys for accent- and case-insensitive
-- matching.
CREATE TABLE persons (
	id INTEGER PRIMARY KEY,
	given TEXT NOT NULL,
	von TEXT NOT NULL,
	family TEXT NOT NULL,
	jr TEXT NOT NULL,
	literal INTEGER NOT NULL DEFAULT 0,	-- {Barnes and Noble, Inc.}
	family_key TEXT NOT NULL,
	given_key TEXT NOT NULL,
	UNIQUE (family, given, von, jr, literal)
);
CREATE INDEX persons_family_key ON persons(family_key);

CREATE TABLE entry_persons (
	entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
	role TEXT NOT NULL CHECK (role IN ('author', 'editor')),
	pos INTEGER NOT NULL,		-- 0-based within the role
	person_id INTEGER NOT NULL REFERENCES persons(id),
	raw TEXT NOT NULL,		-- the name as written
	PRIMARY KEY (entry_id, role, pos)
) WITHOUT ROWID;
CREATE INDEX entry_persons_person ON entry_persons(person_id);

CREATE TABLE venues (
	id INTEGER PRIMARY KEY,
	short TEXT NOT NULL UNIQUE COLLATE NOCASE,
	full TEXT NOT NULL,
	kind TEXT NOT NULL
		CHECK (kind IN ('conference', 'journal', 'workshop', 'preprint', 'other'))
);

CREATE TABLE venue_aliases (
	alias TEXT PRIMARY KEY,		-- folded
	venue_id INTEGER NOT NULL REFERENCES venues(id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE tags (
	entry_id INTEGER NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
	tag TEXT NOT NULL,
	PRIMARY KEY (entry_id, tag)
) WITHOUT ROWID;
CREATE INDEX tags_tag ON tags(tag);

CREATE TABLE config (
	name TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;
