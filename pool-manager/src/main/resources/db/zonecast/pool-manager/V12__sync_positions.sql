-- Where the pool manager's periodic target sync goes on from: the id of the last zone its previous
-- run checked (NULL: from the first zone). Kept here, not in memory, so the pool-manager instances
-- (one runs at a time, under an advisory lock) and a restarted one go round all zones in turn.
CREATE TABLE sync_positions (
    name       varchar(64) PRIMARY KEY,
    after_id   uuid,
    updated_at timestamptz NOT NULL
);
