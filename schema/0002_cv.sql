-- pubdb schema, version 2: what a CV cares about.

-- Equal contribution, corresponding author and other marks, per author
-- (bits: 1 equal, 2 corresponding, 4 dagger, 8 double dagger, 16 highlighted).
ALTER TABLE entry_persons ADD COLUMN marks INTEGER NOT NULL DEFAULT 0;

-- The recognised venue; NULL when unknown. A workshop held at a venue
-- keeps the host in venue_id with workshop = 1: it is not the venue itself.
ALTER TABLE entries ADD COLUMN venue_id INTEGER REFERENCES venues(id) ON DELETE SET NULL;
ALTER TABLE entries ADD COLUMN workshop INTEGER NOT NULL DEFAULT 0;
-- An abbr field (al-folio) that is not a known venue's name: the short
-- name the entry asks a CV to print, year removed ("TIST 2022" is "TIST").
-- It wins over the short name of the venue its other fields name.
ALTER TABLE entries ADD COLUMN abbr TEXT;
ALTER TABLE entries ADD COLUMN equal INTEGER NOT NULL DEFAULT 0;	-- any equal-contribution mark
ALTER TABLE entries ADD COLUMN selected INTEGER NOT NULL DEFAULT 0;
CREATE INDEX entries_venue ON entries(venue_id);

-- Tags come from the entry's fields (award, keywords: origin 'field',
-- recomputed on every update) or from the user (tag --add, import --tag:
-- origin 'user', kept). "award:NAME" and "topic:NAME" have meaning.
ALTER TABLE tags ADD COLUMN origin TEXT NOT NULL DEFAULT 'user'
	CHECK (origin IN ('field', 'user'));
