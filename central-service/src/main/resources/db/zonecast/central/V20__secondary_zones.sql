-- SECONDARY zones (Designate's type SECONDARY): MiniDNS pulls them from masters outside zonecast.
-- masters: the JSON list of "host" / "host:port" / "[v6]:port" strings the API was given.
-- transferred_at: when MiniDNS last stored a transfer (null until the first one).
ALTER TABLE zones ADD COLUMN masters jsonb NOT NULL DEFAULT '[]';
ALTER TABLE zones ADD COLUMN transferred_at timestamp;

-- MiniDNS's refresh timers for each SECONDARY zone (RFC 1035 3.3.13: refresh, retry, expire from the
-- master's SOA). Written by central when the zone is created, then only by MiniDNS.
CREATE TABLE secondary_zone_refresh (
    zone_id          uuid       PRIMARY KEY REFERENCES zones (id) ON DELETE CASCADE,
    -- when the masters are next asked for the SOA
    next_check_at    timestamp  NOT NULL,
    -- the last time a master answered the SOA query (the expire timer counts from it)
    last_success_at  timestamp,
    -- refresh / retry / expire of the SOA last transferred (seconds); null before the first
    refresh_seconds  bigint,
    retry_seconds    bigint,
    expire_seconds   bigint,
    attempts         integer    NOT NULL DEFAULT 0
);
CREATE INDEX secondary_zone_refresh_next_idx ON secondary_zone_refresh (next_check_at);
