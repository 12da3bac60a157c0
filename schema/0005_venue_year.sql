-- pubdb schema, version 5: --venue with --year reads only what it lists.

-- A known venue's entries in one index range, narrowed by year within it
-- (the index on venue_id alone read every entry of the venue).
CREATE INDEX entries_venue_year ON entries(venue_id, year);
DROP INDEX entries_venue;
