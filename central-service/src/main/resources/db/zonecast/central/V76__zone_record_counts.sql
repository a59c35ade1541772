-- A zone's recordsets and records, counted in its row: the quotas on them (zone_recordsets,
-- zone_records) counted the zone on every recordset created or changed (0.3-0.6 s per change to a
-- 100,000-record zone). Kept by statement-level triggers, so every writer (the API, an import's
-- COPY, a secondary zone's pull, a cascade) keeps them, with one UPDATE of the zone's row per
-- statement whatever the rows. A writer takes the zone's row lock before its recordsets (the API
-- with ZoneRowLock, a pull with FOR UPDATE, a new zone by inserting it), so the triggers' UPDATE
-- waits for no one who waits for it. A deleted zone's rows go with it (the UPDATE finds no row).
ALTER TABLE zones ADD COLUMN recordset_count integer NOT NULL DEFAULT 0,
                  ADD COLUMN record_count integer NOT NULL DEFAULT 0;

UPDATE zones z SET recordset_count = (SELECT count(*) FROM recordsets r WHERE r.zone_id = z.id),
                   record_count = (SELECT count(*) FROM records d WHERE d.zone_id = z.id);

CREATE FUNCTION zonecast_count_recordsets() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE zones z SET recordset_count = z.recordset_count + c.n
        FROM (SELECT zone_id, count(*) AS n FROM counted_new GROUP BY zone_id) c
        WHERE z.id = c.zone_id;
    ELSE
        UPDATE zones z SET recordset_count = z.recordset_count - c.n
        FROM (SELECT zone_id, count(*) AS n FROM counted_old GROUP BY zone_id) c
        WHERE z.id = c.zone_id;
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE FUNCTION zonecast_count_records() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE zones z SET record_count = z.record_count + c.n
        FROM (SELECT zone_id, count(*) AS n FROM counted_new GROUP BY zone_id) c
        WHERE z.id = c.zone_id;
    ELSE
        UPDATE zones z SET record_count = z.record_count - c.n
        FROM (SELECT zone_id, count(*) AS n FROM counted_old GROUP BY zone_id) c
        WHERE z.id = c.zone_id;
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql;

CREATE TRIGGER recordsets_counted_in AFTER INSERT ON recordsets
    REFERENCING NEW TABLE AS counted_new FOR EACH STATEMENT EXECUTE FUNCTION zonecast_count_recordsets();
CREATE TRIGGER recordsets_counted_out AFTER DELETE ON recordsets
    REFERENCING OLD TABLE AS counted_old FOR EACH STATEMENT EXECUTE FUNCTION zonecast_count_recordsets();
CREATE TRIGGER records_counted_in AFTER INSERT ON records
    REFERENCING NEW TABLE AS counted_new FOR EACH STATEMENT EXECUTE FUNCTION zonecast_count_records();
CREATE TRIGGER records_counted_out AFTER DELETE ON records
    REFERENCING OLD TABLE AS counted_old FOR EACH STATEMENT EXECUTE FUNCTION zonecast_count_records();

-- the zone_records quota leaves out the managed (SOA, NS) records: found by this small index
CREATE INDEX recordsets_managed_idx ON recordsets (zone_id) WHERE managed;
