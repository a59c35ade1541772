-- MiniDNS checks a NOTIFY for a SECONDARY zone against the zone's masters before it hands the pull
-- to central (docs/secondary-zones.md): the masters are published. A view of its own rather than a
-- column of published.zones: this version runs before V70 on a new database, where that view does
-- not exist yet.
CREATE SCHEMA IF NOT EXISTS published;

CREATE VIEW published.zone_masters AS
    SELECT id AS zone_id, masters FROM zones WHERE type = 'SECONDARY';
