-- Zone ownership transfers (Designate's zone_transfer_requests and zone_transfer_accepts): a project
-- offers one of its zones to another project (or to anyone holding the request's id and key); the
-- accepting project becomes the owner of the zone and its recordsets.
CREATE TABLE zone_transfer_requests (
    id                uuid         PRIMARY KEY,
    -- no foreign key: a request outlives its zone (COMPLETE or deleted with it), as in Designate
    zone_id           uuid         NOT NULL,
    zone_name         varchar(255) NOT NULL,
    project_id        varchar(255) NOT NULL,
    target_project_id varchar(255),
    key               varchar(160) NOT NULL,
    description       varchar(160),
    status            varchar(16)  NOT NULL CHECK (status IN ('ACTIVE', 'COMPLETE')),
    version           integer      NOT NULL DEFAULT 1,
    created_at        timestamp    NOT NULL,
    updated_at        timestamp
);
-- one ACTIVE request per zone (Designate's DuplicateZoneTransferRequest)
CREATE UNIQUE INDEX zone_transfer_requests_active_key
    ON zone_transfer_requests (zone_id) WHERE status = 'ACTIVE';
CREATE INDEX zone_transfer_requests_project_idx ON zone_transfer_requests (project_id);
CREATE INDEX zone_transfer_requests_target_idx ON zone_transfer_requests (target_project_id);

CREATE TABLE zone_transfer_accepts (
    id                        uuid         PRIMARY KEY,
    zone_transfer_request_id  uuid         NOT NULL,
    zone_id                   uuid         NOT NULL,
    project_id                varchar(255) NOT NULL,
    key                       varchar(160) NOT NULL,
    status                    varchar(16)  NOT NULL CHECK (status IN ('COMPLETE')),
    version                   integer      NOT NULL DEFAULT 1,
    created_at                timestamp    NOT NULL,
    updated_at                timestamp
);
CREATE INDEX zone_transfer_accepts_project_idx ON zone_transfer_accepts (project_id);

-- The exchange an outbox event goes to; null: zonecast's own exchange. Notifications for the
-- ecosystem that listens to Designate (oslo.messaging format) go to their own topic exchange.
ALTER TABLE outbox_events ADD COLUMN exchange varchar(255);
