-- pubdb schema, version 4: full-text search (list/export --search).

-- Title, abstract, authors and venue of every entry, in Unicode (LaTeX
-- converted), rowid = entries.id. Words match without regard to case or
-- accents. The entry's own values only: a crossref parent's venue is not
-- copied in.
CREATE VIRTUAL TABLE entries_fts USING fts5(
	title, abstract, authors, venue,
	tokenize = 'unicode61 remove_diacritics 2'
);

-- An entry that goes takes its words with it.
CREATE TRIGGER entries_fts_delete AFTER DELETE ON entries BEGIN
	DELETE FROM entries_fts WHERE rowid = old.id;
END;

-- The entries already stored. pdb_tex() is pubdb's LaTeX to Unicode
-- conversion, the one new imports use.
INSERT INTO entries_fts (rowid, title, abstract, authors, venue)
SELECT e.id, e.title,
	(SELECT pdb_tex(f.value) FROM fields f WHERE f.entry_id = e.id AND f.name = 'abstract'
	 ORDER BY f.pos LIMIT 1),
	(SELECT group_concat(p.given || ' ' || p.von || ' ' || p.family || ' ' || p.jr, ', ')
	 FROM entry_persons ep JOIN persons p ON p.id = ep.person_id
	 WHERE ep.entry_id = e.id AND ep.role = 'author'),
	CASE WHEN e.inherited & 4 THEN NULL ELSE e.venue END
FROM entries e;
