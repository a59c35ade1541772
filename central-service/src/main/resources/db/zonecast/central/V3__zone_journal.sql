-- The change journal: for every change to a zone, the resource records it removed and added, so
-- MiniDNS can answer IXFR (RFC 1995) with differences instead of the whole zone. Written by central
-- in the change's own transaction; the records tables stay the truth, the journal only says how
-- each serial was reached from the one before, and old steps may be compacted away at any time.

-- One change: the zone went from old_serial to new_serial. Steps of a zone are ordered by id (changes
-- to one zone are serialised by its row lock, so ids follow the serials).
CREATE TABLE zone_journal_steps (
    id          bigserial  PRIMARY KEY,
    zone_id     uuid       NOT NULL REFERENCES zones (id) ON DELETE CASCADE,
    old_serial  bigint     NOT NULL CHECK (old_serial BETWEEN 0 AND 4294967295),
    new_serial  bigint     NOT NULL CHECK (new_serial BETWEEN 0 AND 4294967295),
    created_at  timestamp  NOT NULL
);
CREATE INDEX zone_journal_steps_zone_idx ON zone_journal_steps (zone_id, id);
CREATE INDEX zone_journal_steps_old_serial_idx ON zone_journal_steps (zone_id, old_serial);
CREATE INDEX zone_journal_steps_created_idx ON zone_journal_steps (created_at);

-- The records one step removed (removed = true) and added, as served: owner, type, effective TTL and
-- rdata in presentation format. The old and the new SOA are among them.
CREATE TABLE zone_journal_records (
    id       bigserial     PRIMARY KEY,
    step_id  bigint        NOT NULL REFERENCES zone_journal_steps (id) ON DELETE CASCADE,
    removed  boolean       NOT NULL,
    name     varchar(255)  NOT NULL,
    type     varchar(16)   NOT NULL,
    ttl      bigint        NOT NULL CHECK (ttl BETWEEN 0 AND 4294967295),
    data     text          NOT NULL
);
CREATE INDEX zone_journal_records_step_idx ON zone_journal_records (step_id);
