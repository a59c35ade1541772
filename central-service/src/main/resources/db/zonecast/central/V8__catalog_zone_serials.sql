-- Catalog zones (RFC 9432): MiniDNS serves one per pool that names one in the pools file, listing
-- the pool's zones that are not being deleted. Its serial lives here, one row per pool, and moves on
-- (RFC 1982: +1 modulo 2^32, never backwards) in the same transaction as every change of that
-- membership: a zone inserted, removed, moved to another pool, or its action turned to or from
-- DELETE. So the members MiniDNS reads and the serial it serves always come from one snapshot.
CREATE TABLE catalog_serials (
    pool_id  uuid    PRIMARY KEY,
    serial   bigint  NOT NULL CHECK (serial BETWEEN 0 AND 4294967295)
);

-- Pools that already have zones start at the current time in seconds, as a zone's first serial does.
INSERT INTO catalog_serials (pool_id, serial)
    SELECT DISTINCT pool_id, extract(epoch FROM now())::bigint % 4294967296 FROM zones;

CREATE FUNCTION zonecast_bump_catalog_serial(pool uuid) RETURNS void AS $$
BEGIN
    INSERT INTO catalog_serials AS c (pool_id, serial)
        VALUES (pool, extract(epoch FROM now())::bigint % 4294967296)
        ON CONFLICT (pool_id) DO UPDATE SET serial = (c.serial + 1) % 4294967296;
    -- the catalog's SOA is cached by MiniDNS like any zone's: announce the change
    PERFORM pg_notify('zonecast_zone_changed', 'catalog:' || pool::text);
END
$$ LANGUAGE plpgsql;

CREATE FUNCTION zonecast_catalog_membership_changed() RETURNS trigger AS $$
DECLARE
    was_member boolean := TG_OP <> 'INSERT' AND OLD.action <> 'DELETE';
    is_member  boolean := TG_OP <> 'DELETE' AND NEW.action <> 'DELETE';
BEGIN
    IF TG_OP = 'UPDATE' AND was_member AND is_member AND OLD.pool_id <> NEW.pool_id THEN
        PERFORM zonecast_bump_catalog_serial(OLD.pool_id);
        PERFORM zonecast_bump_catalog_serial(NEW.pool_id);
    ELSIF was_member AND NOT is_member THEN
        PERFORM zonecast_bump_catalog_serial(OLD.pool_id);
    ELSIF is_member AND NOT was_member THEN
        PERFORM zonecast_bump_catalog_serial(NEW.pool_id);
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER zones_catalog_membership
    AFTER INSERT OR DELETE OR UPDATE OF action, pool_id ON zones
    FOR EACH ROW EXECUTE FUNCTION zonecast_catalog_membership_changed();
