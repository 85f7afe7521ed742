-- The private log: check-ins and practice runs. Times are UTC milliseconds plus the local
-- offset in minutes at that moment. Never edited in place: later changes are new files.
CREATE TABLE checkin (
    id INTEGER PRIMARY KEY,
    at_ms INTEGER NOT NULL,
    utc_offset_min INTEGER NOT NULL CHECK (utc_offset_min BETWEEN -1080 AND 1080),
    level INTEGER CHECK (level BETWEEN 0 AND 10),
    zone TEXT NOT NULL CHECK (zone IN ('below', 'within', 'above', 'unsure')),
    window_low INTEGER NOT NULL CHECK (window_low BETWEEN 0 AND 10),
    window_high INTEGER NOT NULL CHECK (window_high BETWEEN 0 AND 10),
    intensity INTEGER CHECK (intensity BETWEEN 0 AND 10),
    tags TEXT NOT NULL DEFAULT '',
    body_areas TEXT NOT NULL DEFAULT '',
    note TEXT CHECK (note IS NULL OR length(note) <= 2000),
    context TEXT NOT NULL DEFAULT 'standalone'
        CHECK (context IN ('standalone', 'before', 'after')),
    practice_id TEXT,
    pair_id INTEGER REFERENCES checkin (id) ON DELETE SET NULL,
    CHECK (window_low < window_high),
    CHECK ((level IS NULL) = (zone = 'unsure'))
) STRICT;

CREATE INDEX checkin_time_zone_level ON checkin (at_ms, zone, level);

CREATE TABLE practice_run (
    id INTEGER PRIMARY KEY,
    item_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    started_ms INTEGER NOT NULL,
    ended_ms INTEGER NOT NULL,
    utc_offset_min INTEGER NOT NULL CHECK (utc_offset_min BETWEEN -1080 AND 1080),
    completed INTEGER NOT NULL CHECK (completed IN (0, 1)),
    pace REAL NOT NULL CHECK (pace > 0),
    before_checkin INTEGER REFERENCES checkin (id) ON DELETE SET NULL,
    after_checkin INTEGER REFERENCES checkin (id) ON DELETE SET NULL,
    CHECK (ended_ms >= started_ms)
) STRICT;

CREATE INDEX practice_run_time ON practice_run (started_ms);
