-- When the zone's current change was last handed to the pool manager; recovery re-sends changes
-- that stay PENDING too long after it (a pool manager that died mid-propagation loses nothing).
ALTER TABLE zones ADD COLUMN published_at timestamp;
CREATE INDEX zones_pending_idx ON zones (published_at) WHERE status = 'PENDING';
