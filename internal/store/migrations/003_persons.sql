-- People across meetings (package people): the people table holds the
-- speaker labels as printed ("The President" of many meetings is one row
-- there); persons are who actually speaks, by folded name and
-- affiliation, the presiding officer resolved from the cover page.
-- Filled by the store when a record is stored; this migration's rows are
-- filled from the stored records right after it.
CREATE TABLE persons (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE,          -- liujieyi.chn, president.s.rus.2016-10
    name        TEXT NOT NULL DEFAULT '',      -- as shown; '' for an unnamed presiding officer
    name_zh     TEXT NOT NULL DEFAULT '',
    title       TEXT NOT NULL DEFAULT '',
    affiliation TEXT NOT NULL DEFAULT '',      -- ISO3 or organization code
    office      TEXT NOT NULL DEFAULT '',      -- 'president' for an unnamed presiding officer
    term        TEXT NOT NULL DEFAULT ''       -- that office's month or session
);

-- Who speaks each turn (NULL: the record does not say), and whether the
-- turn is the chair's procedural one (1) rather than a statement.
ALTER TABLE speeches ADD COLUMN person INTEGER REFERENCES persons (id);
ALTER TABLE speeches ADD COLUMN chair INTEGER NOT NULL DEFAULT 0;
CREATE INDEX speeches_person_ref ON speeches (person);

-- Each speech's JSON without its text (record.Speech): the record's JSON
-- in meetings keeps everything else, so that a page of a long meeting
-- reads its own speeches only. Filled from the records by the migration.
ALTER TABLE speeches ADD COLUMN meta BLOB;

-- The meeting's subject (its first agenda item) for listings and hits.
ALTER TABLE meetings ADD COLUMN subject TEXT NOT NULL DEFAULT '';
CREATE INDEX meetings_body_date ON meetings (body_code, date);
