-- The full-text index's documents gain the language of delivery (a
-- keyword column) and the person (an id column: speeches.person), so that
-- a search filtered by them is exact over every match: the store rebuilds
-- the index after this migration.
--
-- Spellings of one person: persons whose keys agree after the
-- transliteration rules of package people (data/variants.txt: Nebenzia,
-- Nebenzya, same affiliation) share variant, and every person of a group
-- has the group's canonical id (its first person's): a person filter, a
-- person's page and counts by person take the whole group. Filled in Go
-- after this migration, and again when the rules change (person_rules).
ALTER TABLE persons ADD COLUMN variant TEXT NOT NULL DEFAULT '';
ALTER TABLE persons ADD COLUMN canonical INTEGER REFERENCES persons (id);
CREATE INDEX persons_variant ON persons (variant);
CREATE INDEX persons_canonical ON persons (canonical);

-- Persons known to be one though their names cannot be compared (a name
-- in Chinese characters and its Latin spelling): each row joins the two
-- persons' groups, how says what showed it. Grouping honours these rows
-- together with the variants.
CREATE TABLE person_links (
    person INTEGER NOT NULL REFERENCES persons (id),
    other  INTEGER NOT NULL REFERENCES persons (id),
    how    TEXT NOT NULL,
    PRIMARY KEY (person, other)
);

-- The variant rules the groups were made with (people.VariantRules).
CREATE TABLE person_rules (digest TEXT NOT NULL);
