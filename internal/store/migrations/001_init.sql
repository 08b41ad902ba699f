-- Meetings, their speeches and everything a record says, normalised so that
-- "every speech by China" or "every speech by this person" is one indexed
-- query. The record's JSON is kept whole for show and the API.

CREATE TABLE meetings (
    id             INTEGER PRIMARY KEY,
    symbol         TEXT NOT NULL,            -- S/PV.8706 (Resumption 1)
    base_symbol    TEXT NOT NULL,            -- S/PV.8706: the meeting, all parts
    part           INTEGER NOT NULL DEFAULT 0,
    language       TEXT NOT NULL,
    body           TEXT NOT NULL DEFAULT '', -- Security Council
    body_code      TEXT NOT NULL DEFAULT '', -- S, A, E
    meeting        INTEGER,
    session        TEXT NOT NULL DEFAULT '',
    date           TEXT NOT NULL DEFAULT '', -- YYYY-MM-DD
    opened         TEXT NOT NULL DEFAULT '',
    closed         TEXT NOT NULL DEFAULT '',
    president_code TEXT NOT NULL DEFAULT '',
    speeches       INTEGER NOT NULL DEFAULT 0,
    warnings       INTEGER NOT NULL DEFAULT 0,
    source_file    TEXT NOT NULL DEFAULT '',
    source_sha256  TEXT NOT NULL DEFAULT '',
    extractor      TEXT NOT NULL DEFAULT '',
    record         BLOB NOT NULL,            -- the record's JSON
    ingested_at    TEXT NOT NULL,
    UNIQUE (symbol, language)
);
CREATE INDEX meetings_date ON meetings (date);
CREATE INDEX meetings_base ON meetings (base_symbol, language);
CREATE INDEX meetings_sha ON meetings (source_sha256);

-- Who speaks: a person with the state or organization they represent.
CREATE TABLE people (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    title       TEXT NOT NULL DEFAULT '',
    affiliation TEXT NOT NULL DEFAULT '',    -- ISO3 or organization code
    UNIQUE (name, title, affiliation)
);

CREATE TABLE speeches (
    id                INTEGER PRIMARY KEY,
    meeting_id        INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    seq               INTEGER NOT NULL,
    person_id         INTEGER REFERENCES people (id),
    speaker           TEXT NOT NULL,
    role              TEXT NOT NULL,
    country           TEXT NOT NULL DEFAULT '', -- affiliation code
    affiliation_kind  TEXT NOT NULL DEFAULT '',
    national_capacity INTEGER NOT NULL DEFAULT 0,
    language          TEXT NOT NULL DEFAULT '',
    on_behalf_of      TEXT NOT NULL DEFAULT '',
    item              INTEGER NOT NULL DEFAULT 0,
    chars             INTEGER NOT NULL,
    words             INTEGER NOT NULL,
    text              TEXT NOT NULL,
    UNIQUE (meeting_id, seq)
);
CREATE INDEX speeches_country ON speeches (country);
CREATE INDEX speeches_person ON speeches (person_id);
CREATE INDEX speeches_role ON speeches (role);
CREATE INDEX speeches_language ON speeches (language);

CREATE TABLE agenda_items (
    meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    number     TEXT NOT NULL DEFAULT '',
    title      TEXT NOT NULL,
    PRIMARY KEY (meeting_id, idx)
);

CREATE TABLE events (
    id         INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    type       TEXT NOT NULL,
    speech     INTEGER NOT NULL DEFAULT 0,
    time       TEXT NOT NULL DEFAULT '',
    rule       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX events_meeting ON events (meeting_id);

CREATE TABLE votes (
    event_id   INTEGER PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
    draft      TEXT NOT NULL DEFAULT '',
    resolution TEXT NOT NULL DEFAULT '',
    method     TEXT NOT NULL DEFAULT '',
    yes        INTEGER NOT NULL DEFAULT 0,
    no         INTEGER NOT NULL DEFAULT 0,
    abstain    INTEGER NOT NULL DEFAULT 0,
    adopted    INTEGER
);

CREATE TABLE vote_positions (
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    country  TEXT NOT NULL,
    position TEXT NOT NULL, -- in_favour | against | abstaining
    PRIMARY KEY (event_id, country, position)
);
CREATE INDEX vote_positions_country ON vote_positions (country);

CREATE TABLE refs (
    meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    speech     INTEGER NOT NULL DEFAULT 0,
    symbol     TEXT NOT NULL,
    text       TEXT NOT NULL
);
CREATE INDEX refs_symbol ON refs (symbol);
CREATE INDEX refs_meeting ON refs (meeting_id);

-- Full text: the speech text analysed by package search (CJK bigrams),
-- tokenised by unicode61 (case and accents folded). Contentless: the text
-- lives in speeches; rowid is speeches.id.
CREATE VIRTUAL TABLE speech_fts USING fts5 (
    body,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- Merge the index's segments in larger steps: at the default (4) merging
-- took most of the time of storing a record; 8 halved it (BenchmarkPut).
INSERT INTO speech_fts (speech_fts, rank) VALUES ('automerge', 8);
