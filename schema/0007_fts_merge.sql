-- pubdb schema, version 7: the full-text index merges its segments eight at a time.

-- FTS5 writes an import's words as segments and merges a level's segments
-- into one on the next level once it holds 'automerge' of them (4 by
-- default): every word is written again at each level it climbs. At 8 a
-- word climbs half as many levels: a first import of 50,000 entries runs
-- 7% fewer instructions in its storing thread (callgrind). A level may now
-- hold up to 7 segments before they merge, and a search reads them all:
-- --search on 150,000 entries answers in the same time (README,
-- Performance).
INSERT INTO entries_fts (entries_fts, rank) VALUES ('automerge', 8);
