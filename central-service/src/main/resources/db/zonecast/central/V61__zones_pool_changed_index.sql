-- The pool manager's heartbeat samples each pool's zones changed last every 10 s
-- (TargetHealth.SAMPLE): read from this index, the newest first, instead of sorting every zone of
-- the pool at each heartbeat (a scan of 100,000 zones per pool every 10 s at scale).
CREATE INDEX zones_pool_changed_idx ON zones (pool_id, (coalesce(updated_at, created_at)) DESC);
