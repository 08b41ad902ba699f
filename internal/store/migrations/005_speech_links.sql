-- The same speech in the meeting's other language versions (package
-- align): each link is stored both ways, so that a speech's versions are
-- one indexed query. Computed when a version is stored, for every other
-- stored version of the same symbol; a version's links go with its
-- speeches when it is replaced. Filled from the stored records right after
-- this migration.
CREATE TABLE speech_links (
    speech_id  INTEGER NOT NULL REFERENCES speeches (id) ON DELETE CASCADE,
    other_id   INTEGER NOT NULL REFERENCES speeches (id) ON DELETE CASCADE,
    confidence REAL NOT NULL,
    PRIMARY KEY (speech_id, other_id)
);
CREATE INDEX speech_links_other ON speech_links (other_id);
