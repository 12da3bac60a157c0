-- pubdb schema, version 11: no index of tags by tag.
--
-- --award, --topic and --tag read the tags to their entries in one pass:
-- 180,000 tags of 150,000 entries are 6 MB, read in a few milliseconds
-- (list --topic, --award NAME and --tag took the same time with the index
-- and without it, 15 runs each). Made again at the end of a first import,
-- the index was 3% of the storing thread's instructions (20,000 entries)
-- and 0.16 s of the 150,000-entry import's work after its last entry.
DROP INDEX IF EXISTS tags_tag;
