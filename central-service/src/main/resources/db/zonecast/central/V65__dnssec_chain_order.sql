-- Incremental NSEC3 chain upkeep (issue 13): a change finds the stored neighbours of a hash in hash
-- order. NSEC3 owners are "<32 base32hex chars>.<zone>", lower-case, so byte order ("C") of the
-- owner name is hash order whatever the database's collation.
CREATE INDEX zone_dnssec_records_chain_idx
    ON zone_dnssec_records (zone_id, type, name COLLATE "C");
