-- pubdb schema, version 10: the full-text index keeps no sizes of rows,
-- and writes its index in pages of 16,000 bytes rather than 4,050.
--
-- FTS5 keeps the length of each column of each row (its docsize table)
-- for bm25(). pubdb ranks with pdb_rank(), which reads only which columns
-- a phrase occurs in, from the position lists a match has loaded: the
-- sizes were written and never read. A first import of 20,000 entries
-- ran 3% fewer instructions in the storing thread without them, and 1%
-- fewer again with the larger pages (which hold more of a word's list
-- in one row of the index's data table; searches take the same time).
--
-- FTS5 takes columnsize only when its table is made: the index is made
-- again, from the words the old one holds.
DROP TRIGGER entries_fts_delete;
ALTER TABLE entries_fts RENAME TO entries_fts_old;

CREATE VIRTUAL TABLE entries_fts USING fts5(
	title, abstract, authors, venue,
	tokenize = 'unicode61 remove_diacritics 2',
	columnsize = 0
);
INSERT INTO entries_fts (entries_fts, rank) VALUES ('automerge', 8);
INSERT INTO entries_fts (entries_fts, rank) VALUES ('pgsz', 16000);

INSERT INTO entries_fts (rowid, title, abstract, authors, venue)
SELECT rowid, title, abstract, authors, venue FROM entries_fts_old ORDER BY rowid;
DROP TABLE entries_fts_old;

CREATE TRIGGER entries_fts_delete AFTER DELETE ON entries BEGIN
	DELETE FROM entries_fts WHERE rowid = old.id;
END;
