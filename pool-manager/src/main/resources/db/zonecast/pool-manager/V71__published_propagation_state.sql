-- What the pool manager publishes of its propagation state for central's
-- GET /v2/zones/{id}/propagation (docs/architecture.md, "Tables and their owners"): read-only views
-- in the schema published. Only the pool manager touches zone_propagations and
-- nameserver_propagations themselves.
CREATE SCHEMA IF NOT EXISTS published;

CREATE VIEW published.zone_propagations AS
    SELECT zone_id, zone_name, pool_id, target_serial, action, state, started_at, round_started_at,
           updated_at
    FROM zone_propagations;

CREATE VIEW published.nameserver_propagations AS
    SELECT zone_id, nameserver, polled_serial, last_serial, last_outcome, answered_serial,
           updated_at
    FROM nameserver_propagations;
