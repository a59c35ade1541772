-- DNSSEC (issue 13): zones signed where they are stored. central writes these tables when a change is
-- written; MiniDNS serves zone_dnssec_records like other records (AXFR, IXFR via the journal).

-- One row per zone that has (or had) signing turned on.
CREATE TABLE zone_dnssec (
    zone_id     uuid         PRIMARY KEY REFERENCES zones (id) ON DELETE CASCADE,
    -- SIGNED: signed and published; DISABLING: still signed, CDS/CDNSKEY say "delete" (RFC 8078)
    state       varchar(16)  NOT NULL,
    algorithm   smallint     NOT NULL,
    nsec3       boolean      NOT NULL,
    created_at  timestamp    NOT NULL,
    updated_at  timestamp
);

-- The zone's keys. private_key is the PKCS#8 key encrypted with AES-GCM under the installation's
-- key-encryption key (zonecast.dnssec.key-encryption-key); the row id is its associated data.
CREATE TABLE zone_keys (
    id            uuid         PRIMARY KEY,
    zone_id       uuid         NOT NULL REFERENCES zones (id) ON DELETE CASCADE,
    role          varchar(8)   NOT NULL CHECK (role IN ('KSK', 'ZSK')),
    algorithm     smallint     NOT NULL,
    flags         integer      NOT NULL,
    key_tag       integer      NOT NULL,
    public_key    text         NOT NULL,
    private_key   bytea        NOT NULL,
    state         varchar(16)  NOT NULL,
    created_at    timestamp    NOT NULL,
    published_at  timestamp,
    -- PUBLISHED (in the DNSKEY set, not signing yet), ACTIVE (signing), RETIRED (in the DNSKEY set,
    -- no longer signing, removed at remove_at): RFC 7583 section 3 key states
    active_at     timestamp,
    retire_at     timestamp,
    remove_at     timestamp
);
CREATE INDEX zone_keys_zone_idx ON zone_keys (zone_id);

-- What signing adds to a zone, as served: RRSIG (covered = the type it signs), DNSKEY, CDS, CDNSKEY,
-- NSEC3PARAM and the NSEC3 or NSEC chain. Owner lower-case and absolute, rdata in presentation format.
CREATE TABLE zone_dnssec_records (
    id       bigserial     PRIMARY KEY,
    zone_id  uuid          NOT NULL REFERENCES zones (id) ON DELETE CASCADE,
    name     varchar(255)  NOT NULL,
    type     varchar(16)   NOT NULL,
    covered  varchar(16),
    ttl      bigint        NOT NULL CHECK (ttl BETWEEN 0 AND 4294967295),
    data     text          NOT NULL,
    -- an RRSIG's signature expiration (UTC), so the signatures due for renewal are found by index
    expires_at timestamp
);
CREATE INDEX zone_dnssec_records_zone_idx ON zone_dnssec_records (zone_id, name, type);
CREATE INDEX zone_dnssec_records_expiry_idx ON zone_dnssec_records (expires_at)
    WHERE expires_at IS NOT NULL;
