-- The pool manager's propagation state, so that any pool-manager instance can take any
-- update_status and a restarted one resumes where the last one stopped. Written only by
-- pool-manager (under a lock on the zone's row); central-service reads it for
-- GET /v2/zones/{id}/propagation. No foreign key to zones: a zone row is deleted when its DELETE
-- succeeds, and its propagation row, marked DELETED, keeps late messages from reviving it.
CREATE TABLE zone_propagations (
    zone_id          uuid         PRIMARY KEY,
    zone_name        varchar(255) NOT NULL,
    pool_id          uuid         NOT NULL,
    -- the newest serial received; every older change of the zone is satisfied when it is served
    target_serial    bigint       NOT NULL CHECK (target_serial BETWEEN 0 AND 4294967295),
    action           varchar(16)  NOT NULL,
    request_id       varchar(64)  NOT NULL,
    project_id       varchar(255),
    -- PROPAGATING, SUCCESS, ERROR, SUPERSEDED (decided, but central has a newer change) or DELETED
    state            varchar(16)  NOT NULL,
    started_at       timestamptz  NOT NULL,
    -- when the NOTIFYs and polls of the current round were cast; null: none cast yet
    round_started_at timestamptz,
    updated_at       timestamptz  NOT NULL
);
CREATE INDEX zone_propagations_propagating_idx ON zone_propagations (round_started_at)
    WHERE state = 'PROPAGATING';

-- Per nameserver of the zone's pool: the poll in flight and what the last answers said.
CREATE TABLE nameserver_propagations (
    zone_id         uuid         NOT NULL REFERENCES zone_propagations (zone_id) ON DELETE CASCADE,
    nameserver      varchar(300) NOT NULL,
    -- the serial of the poll cast and not answered yet; null: no poll in flight
    polled_serial   bigint       CHECK (polled_serial BETWEEN 0 AND 4294967295),
    -- the newest serial (RFC 1982) any answer saw the nameserver serve; null: never seen
    last_serial     bigint       CHECK (last_serial BETWEEN 0 AND 4294967295),
    -- SUCCESS or ERROR of the answer to the newest poll, and the serial that poll expected
    last_outcome    varchar(16),
    answered_serial bigint       CHECK (answered_serial BETWEEN 0 AND 4294967295),
    updated_at      timestamptz,
    PRIMARY KEY (zone_id, nameserver)
);
