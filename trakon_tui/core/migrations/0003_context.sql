-- Context tags (#17): what was just before a check-in (a home visit, a phone call), one row
-- per tag, so that history and the summary count them in SQL through the primary key. Its
-- own table rather than a prefix in `tags`: the signs there are rewritten whole by the
-- details form and are ASCII ids, while a tag of the user's own is any short word. Deleted
-- with its check-in (forget).
CREATE TABLE checkin_context (
    checkin_id INTEGER NOT NULL REFERENCES checkin (id) ON DELETE CASCADE,
    tag TEXT NOT NULL CHECK (length(tag) BETWEEN 1 AND 40),
    PRIMARY KEY (checkin_id, tag)
) STRICT, WITHOUT ROWID;
