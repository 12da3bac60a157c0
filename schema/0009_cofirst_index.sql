-- pubdb schema, version 9: the index from a person to their entries holds
-- first authors only.
--
-- Listing the owner's first-author entries (--first-author) is the one
-- query that goes from a person to the entries that name them; every
-- other reads an entry's names by the entry. An index of every name
-- (870,000 rows for 150,000 entries) was half of the time an import spent
-- making indexes; the first authors and their equal-contribution groups
-- (marks & 64) are a quarter of the names.
DROP INDEX entry_persons_person;
CREATE INDEX entry_persons_cofirst ON entry_persons(person_id) WHERE marks & 64;

-- A person whose name leaves an entry may be named by no other: the
-- command that removed the name deletes such people when it ends, and
-- without an index of every name it asks only about the people noted
-- here, in one pass over the names.
CREATE TABLE person_checks (
	person_id INTEGER PRIMARY KEY
);

CREATE TRIGGER entry_persons_check AFTER DELETE ON entry_persons BEGIN
	INSERT OR IGNORE INTO person_checks (person_id) VALUES (old.person_id);
END;

DELETE FROM persons WHERE id NOT IN (SELECT person_id FROM entry_persons);
