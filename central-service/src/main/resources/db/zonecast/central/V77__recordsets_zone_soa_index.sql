-- A zone's SOA recordset is looked up by (zone_id, type = 'SOA') on every change (the SOA's
-- rewrite for the new serial, ZoneRowLock; the journal's SOA; MiniDNS's zone head for SOA queries,
-- NOTIFYs and transfers): with no index on the type PostgreSQL read all the zone's recordsets to
-- find it (a sequential scan of 135 ms at 100,000 recordsets, twice or more per change). One
-- entry per zone.
CREATE INDEX recordsets_zone_soa_idx ON recordsets (zone_id) WHERE type = 'SOA';
