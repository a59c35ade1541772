-- The catalog serial (V8) moved on once per zone row inserted or deleted: one statement inserting
-- or deleting many zones (an import, a bulk seed, a clean-up) updated the same catalog_serials row
-- once per zone in one transaction, and each such update walks the row's chain of versions made
-- earlier in the transaction, so the statement took quadratic time (100,000 zones: still running
-- after minutes). Inserts and deletes now move it once per statement and pool, from the transition
-- table of the rows the statement changed; still in the same transaction, so the members MiniDNS
-- reads and the serial it serves come from one snapshot as before. An UPDATE of action or pool_id
-- (one zone at a time: a DELETE requested, a pool move) keeps the row trigger of V8.
DROP TRIGGER zones_catalog_membership ON zones;

CREATE TRIGGER zones_catalog_membership
    AFTER UPDATE OF action, pool_id ON zones
    FOR EACH ROW EXECUTE FUNCTION zonecast_catalog_membership_changed();

CREATE FUNCTION zonecast_catalog_members_changed() RETURNS trigger AS $$
BEGIN
    -- the statement's zones that are (inserted) or were (deleted) members: not being deleted
    IF TG_OP = 'INSERT' THEN
        PERFORM zonecast_bump_catalog_serial(pool_id)
            FROM (SELECT DISTINCT pool_id FROM zones_added WHERE action <> 'DELETE') AS pools;
    ELSE
        PERFORM zonecast_bump_catalog_serial(pool_id)
            FROM (SELECT DISTINCT pool_id FROM zones_removed WHERE action <> 'DELETE') AS pools;
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER zones_catalog_members_added
    AFTER INSERT ON zones REFERENCING NEW TABLE AS zones_added
    FOR EACH STATEMENT EXECUTE FUNCTION zonecast_catalog_members_changed();

CREATE TRIGGER zones_catalog_members_removed
    AFTER DELETE ON zones REFERENCING OLD TABLE AS zones_removed
    FOR EACH STATEMENT EXECUTE FUNCTION zonecast_catalog_members_changed();
