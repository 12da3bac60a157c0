-- pubdb schema, version 8: an entry's text in one row of its own.
--
-- The entry as it stood in its file, and its fields, in file order, raw
-- (as written) and expanded, packed in one blob: a NUL-ended name, a
-- NUL-ended raw text and the value, for each field in turn. The value is
-- one byte when it is the raw text without its first and last byte (1:
-- "{...}" or "..." with nothing inside changed) or the raw text itself
-- (2: a number or a macro that expands to nothing else), else its bytes
-- and a NUL, after a byte 3 when its first byte is 1, 2 or 3. No field
-- text holds a NUL. src/store.c (pack_field, unpack_fields) writes and
-- reads it; pdb_field(fields, name) gives one field's value in SQL.
--
-- A row a field made 1.3 million rows of 150,000 entries, more than a
-- tenth of an import's time; an entry is read or written whole, and
-- entries, without the source, is the narrow table that filters and index
-- builds scan.
CREATE TABLE entry_texts (
	entry_id INTEGER PRIMARY KEY REFERENCES entries(id) ON DELETE CASCADE,
	source TEXT NOT NULL,
	fields BLOB NOT NULL
);

INSERT INTO entry_texts (entry_id, source, fields)
SELECT e.id, e.source,
	coalesce((SELECT pdb_pack_fields(f.pos, f.name, f.raw, f.value) FROM fields f
		  WHERE f.entry_id = e.id), x'')
FROM entries e;

DROP TABLE fields;
ALTER TABLE entries DROP COLUMN source;
