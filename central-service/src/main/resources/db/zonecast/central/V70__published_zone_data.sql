-- What central publishes of its tables for the other services (docs/architecture.md, "Tables and
-- their owners"): views in the schema published, with only the columns the others rely on. Only
-- central touches its tables themselves; the pool manager and MiniDNS read these views, and a
-- column added to a table is theirs to read only once a migration of central publishes it here.
-- Simple views over one table: PostgreSQL inlines them, so the tables' indexes serve as before.
CREATE SCHEMA IF NOT EXISTS published;

-- the zones as the pool manager provisions, syncs and re-drives them, and MiniDNS serves them
CREATE VIEW published.zones AS
    SELECT id, name, pool_id, project_id, type, ttl, serial, status, action, created_at, updated_at
    FROM zones;

-- a zone's content as MiniDNS serves it (SOA, AXFR, IXFR, DNSSEC) and its TSIG keys
CREATE VIEW published.recordsets AS
    SELECT id, zone_id, name, type, ttl FROM recordsets;
CREATE VIEW published.records AS
    SELECT id, recordset_id, zone_id, data, position FROM records;
CREATE VIEW published.zone_journal_steps AS
    SELECT id, zone_id, old_serial, new_serial, created_at FROM zone_journal_steps;
CREATE VIEW published.zone_journal_records AS
    SELECT id, step_id, removed, name, type, ttl, data FROM zone_journal_records;
CREATE VIEW published.zone_dnssec_records AS
    SELECT id, zone_id, name, type, ttl, data FROM zone_dnssec_records;
CREATE VIEW published.tsigkeys AS
    SELECT name, algorithm, secret, scope, resource_id FROM tsigkeys;
CREATE VIEW published.catalog_serials AS
    SELECT pool_id, serial FROM catalog_serials;
