-- The masters every zone of a target was last pointed at by a complete re-pointing run
-- (MasterRepoints), as the backend writes them (bind9: the primaries clause of addzone/modzone).
-- A pool manager that starts and finds the target's masters unchanged skips looking at every zone
-- (one rndc showzone each); one that finds them changed, or nothing recorded, re-points them all.
CREATE TABLE followed_masters (
    target     text PRIMARY KEY,
    masters    text NOT NULL,
    updated_at timestamptz NOT NULL
);
