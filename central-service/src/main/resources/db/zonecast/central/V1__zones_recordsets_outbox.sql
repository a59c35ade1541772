-- The zonecast schema. central-service writes it; minidns only reads zones, recordsets and records.
-- Names are stored lower-case, absolute, with the trailing dot.

CREATE TABLE zones (
    id           uuid         PRIMARY KEY,
    project_id   varchar(255) NOT NULL,
    pool_id      uuid         NOT NULL,
    name         varchar(255) NOT NULL,
    email        varchar(255) NOT NULL,
    ttl          integer      NOT NULL CHECK (ttl >= 0),
    -- RFC 1982 serials are unsigned 32-bit: bigint, never integer (which overflows at 2^31)
    serial       bigint       NOT NULL CHECK (serial BETWEEN 0 AND 4294967295),
    status       varchar(16)  NOT NULL,
    action       varchar(16)  NOT NULL,
    type         varchar(16)  NOT NULL DEFAULT 'PRIMARY',
    description  varchar(160),
    status_message text,
    version      integer      NOT NULL DEFAULT 1,
    created_at   timestamp    NOT NULL,
    updated_at   timestamp
);
CREATE UNIQUE INDEX zones_name_pool_key ON zones (name, pool_id);
CREATE INDEX zones_project_idx ON zones (project_id, created_at);

CREATE TABLE recordsets (
    id          uuid         PRIMARY KEY,
    zone_id     uuid         NOT NULL REFERENCES zones (id) ON DELETE CASCADE,
    project_id  varchar(255) NOT NULL,
    name        varchar(255) NOT NULL,
    type        varchar(16)  NOT NULL,
    ttl         integer      CHECK (ttl >= 0),
    description varchar(160),
    managed     boolean      NOT NULL DEFAULT false,
    status      varchar(16)  NOT NULL,
    action      varchar(16)  NOT NULL,
    serial      bigint       NOT NULL,
    version     integer      NOT NULL DEFAULT 1,
    created_at  timestamp    NOT NULL,
    updated_at  timestamp
);
CREATE UNIQUE INDEX recordsets_zone_name_type_key ON recordsets (zone_id, name, type);

-- One row per record of a recordset, its rdata in presentation format (as in a zone file).
CREATE TABLE records (
    id            uuid  PRIMARY KEY,
    recordset_id  uuid  NOT NULL REFERENCES recordsets (id) ON DELETE CASCADE,
    zone_id       uuid  NOT NULL REFERENCES zones (id) ON DELETE CASCADE,
    data          text  NOT NULL,
    position      integer NOT NULL DEFAULT 0
);
CREATE INDEX records_zone_idx ON records (zone_id);
CREATE INDEX records_recordset_idx ON records (recordset_id);

-- Transactional outbox: events written in the same transaction as the change they describe,
-- relayed to RabbitMQ (with publisher confirms) and deleted once the broker confirmed them.
CREATE TABLE outbox_events (
    id           bigserial    PRIMARY KEY,
    message_type varchar(128) NOT NULL,
    routing_key  varchar(128) NOT NULL,
    payload      text         NOT NULL,
    request_id   varchar(64),
    created_at   timestamp    NOT NULL DEFAULT now(),
    attempts     integer      NOT NULL DEFAULT 0
);
