-- Every committed change of a zone's serial or name, and every zone created or removed, is announced
-- on the channel zonecast_zone_changed (payload: the zone's name), so readers that keep zones in
-- memory (MiniDNS's answer cache) drop what they hold. PostgreSQL delivers it at commit, once per
-- payload and transaction.
CREATE FUNCTION zonecast_announce_zone_change() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('zonecast_zone_changed', OLD.name);
    ELSE
        PERFORM pg_notify('zonecast_zone_changed', NEW.name);
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER zones_created_or_removed
    AFTER INSERT OR DELETE ON zones
    FOR EACH ROW EXECUTE FUNCTION zonecast_announce_zone_change();

CREATE TRIGGER zones_serial_or_name_changed
    AFTER UPDATE OF serial, name ON zones
    FOR EACH ROW
    WHEN (OLD.serial IS DISTINCT FROM NEW.serial OR OLD.name IS DISTINCT FROM NEW.name)
    EXECUTE FUNCTION zonecast_announce_zone_change();
