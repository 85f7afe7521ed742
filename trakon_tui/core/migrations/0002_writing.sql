-- Writings the user chose to keep (a writing practice's text). Discarded ones never reach
-- the database. Times as in 0001: UTC milliseconds plus the local offset in minutes.
CREATE TABLE writing (
    id INTEGER PRIMARY KEY,
    at_ms INTEGER NOT NULL,
    utc_offset_min INTEGER NOT NULL CHECK (utc_offset_min BETWEEN -1080 AND 1080),
    item_id TEXT NOT NULL,
    text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 20000)
) STRICT;

CREATE INDEX writing_time ON writing (at_ms);
