-- Zones moving to another pool (Designate's pool_move task). While a row exists the zone is PENDING:
-- ADDING until the new pool serves it, then LEAVING until the old pool's targets dropped it.
CREATE TABLE zone_pool_moves (
    zone_id          uuid         PRIMARY KEY REFERENCES zones (id) ON DELETE CASCADE,
    from_pool_id     uuid         NOT NULL,
    to_pool_id       uuid         NOT NULL,
    phase            varchar(16)  NOT NULL CHECK (phase IN ('ADDING', 'LEAVING')),
    -- the newest serial the new pool was seen serving; null while ADDING
    served_serial    bigint       CHECK (served_serial BETWEEN 0 AND 4294967295),
    request_id       varchar(64)  NOT NULL,
    created_at       timestamp    NOT NULL,
    updated_at       timestamp
);
