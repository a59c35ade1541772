-- The zone an outbox event is about, so that central's PENDING recovery does not publish a zone
-- again while its change still waits in the outbox (e.g. during a broker outage).
ALTER TABLE outbox_events ADD COLUMN zone_id uuid;
CREATE INDEX outbox_events_zone_idx ON outbox_events (zone_id) WHERE zone_id IS NOT NULL;
