-- Zones in several pools: the attributes a zone was created with (Designate's zone_attributes, the
-- scheduler's hints: string keys to string values, shown as the zone's "attributes"; immutable), and
-- names unique across every pool. Designate lets one project hold a name in several pools
-- (split horizon); MiniDNS answers a name from the one zone of that name, so zonecast keeps one.
-- Until now every zone went to the default pool, so (name, pool_id) unique means name unique.
ALTER TABLE zones ADD COLUMN attributes jsonb NOT NULL DEFAULT '{}';
DROP INDEX zones_name_pool_key;
CREATE UNIQUE INDEX zones_name_key ON zones (name);
-- the zone list's pool_id filter, and the pool manager's and MiniDNS's per-pool reads
CREATE INDEX zones_pool_idx ON zones (pool_id);
