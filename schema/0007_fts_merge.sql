-- pubdb schema, version 7: the full-text index merges its segments eight at a time.

-- FTS5 writes an import's words as segments and merges a level's segments
-- into one on the next level once it holds 'automerge' of them (4 by
-- default): every word is written again at each level it climbs. At 8 a
-- word climbs half as many levels. A first import of 150,000 entries
-- stores 7% fewer instructions' worth (50,000 entries, callgrind), and a
-- search reads at most 7 segments a level instead of 3: --search on the
-- 150,000 entries still answers in the same time (README, Performance).
INSERT INTO entries_fts (entries_fts, rank) VALUES ('automerge', 8);
