-- When a zone turns ACTIVE (or ERROR), its recordsets still PENDING or in ERROR at or below the
-- serial follow (ZoneStatusUpdater): found through (zone_id, ...) alone, PostgreSQL read every
-- recordset of the zone to find the one or two a change left PENDING (100,000 rows, ~40 ms, on
-- every change of a 100,000-record zone). Most recordsets are settled, so this index stays small.
CREATE INDEX recordsets_unsettled_idx ON recordsets (zone_id)
    WHERE status IN ('PENDING', 'ERROR');
