-- Per-practice totals kept on write (#16): history's "what each practice did" read 10,000
-- pairs through two primary-key lookups each on every open (~10 ms at 100,000 check-ins;
-- SQLite cannot cover those lookups with an index); now it reads one row per practice.
-- The store keeps it equal to counting from scratch in the same transaction as each write
-- (a run saved, its pair linked, check-ins forgotten); see `Store.practice_totals`. Not
-- triggers: their text would push the schema past the file's first page.
CREATE TABLE practice_total (
    item_id TEXT PRIMARY KEY,
    runs INTEGER NOT NULL,
    pairs INTEGER NOT NULL,
    toward INTEGER NOT NULL,
    back INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- What refers to a check-in, found without a scan, for SQLite's ON DELETE SET NULL when
-- check-ins are forgotten (without these, forgetting half of 100,000 check-ins scanned a
-- table once per check-in: minutes). Partial, so that `count(*)` keeps walking the time
-- index as before (a damaged log still says so on opening history).
CREATE INDEX practice_run_before ON practice_run (before_checkin)
    WHERE before_checkin IS NOT NULL;
CREATE INDEX practice_run_after ON practice_run (after_checkin) WHERE after_checkin IS NOT NULL;
CREATE INDEX checkin_pair ON checkin (pair_id) WHERE pair_id IS NOT NULL;

INSERT INTO practice_total (item_id, runs, pairs, toward, back)
SELECT r.item_id, count(*), sum(b.id IS NOT NULL AND a.id IS NOT NULL),
    sum(coalesce(max(b.window_low - a.level, a.level - b.window_high, 0)
        < max(b.window_low - b.level, b.level - b.window_high, 0), 0)),
    sum(coalesce(b.level NOT BETWEEN b.window_low AND b.window_high
        AND a.level BETWEEN b.window_low AND b.window_high, 0))
FROM practice_run r LEFT JOIN checkin b ON b.id = r.before_checkin
LEFT JOIN checkin a ON a.id = r.after_checkin
GROUP BY r.item_id;
