-- The full-text index (package index): immutable segments, their postings
-- in 64 KiB chunks, and tombstones for replaced speeches.
CREATE TABLE ix_segments (
    id     INTEGER PRIMARY KEY AUTOINCREMENT, -- ids never come back: chunks are keyed by them
    docs   INTEGER NOT NULL,
    tokens INTEGER NOT NULL,
    bytes  INTEGER NOT NULL,                  -- postings
    dict   BLOB NOT NULL,
    meta   BLOB NOT NULL
);
CREATE TABLE ix_chunks (
    id   INTEGER PRIMARY KEY,                 -- segment << 24 | n
    data BLOB NOT NULL
);
CREATE TABLE ix_deleted (
    speech INTEGER NOT NULL,                  -- speeches.id
    before INTEGER NOT NULL                   -- hidden in segments with a lower id
);
