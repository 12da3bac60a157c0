-- pubdb schema, version 6: a table of entries reads no names.

-- The first author's (else the first editor's) von and family names, as
-- persons holds them, and how many names that list has: what the table's
-- FIRST AUTHOR column prints. An upgrade derives the entries again, which
-- fills them in.
ALTER TABLE entries ADD COLUMN lead TEXT;
ALTER TABLE entries ADD COLUMN lead_names INTEGER NOT NULL DEFAULT 0;
