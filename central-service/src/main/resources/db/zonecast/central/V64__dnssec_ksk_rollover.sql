-- KSK rollover by double-DS (issue 13; RFC 6781 section 4.1.2, RFC 7583 section 3.3.2): a new KSK
-- waits in state DS_PENDING, outside the DNSKEY set, its DS shown to the operator and in CDS/CDNSKEY,
-- until the operator says the parent publishes that DS. ds_published_at records when; the key is
-- swapped into the DNSKEY set at active_at = ds_published_at + the parent's DS TTL + propagation delay.
ALTER TABLE zone_keys ADD COLUMN ds_published_at timestamp;
