-- Shared zones (Designate's API v2.1 shared_zones): the owner of a zone lets another project create
-- recordsets in it. project_id is the project that created the share (the zone's owner, or an admin).
CREATE TABLE zone_shares (
    id                 uuid         PRIMARY KEY,
    zone_id            uuid         NOT NULL REFERENCES zones (id) ON DELETE CASCADE,
    project_id         varchar(255) NOT NULL,
    target_project_id  varchar(255) NOT NULL,
    created_at         timestamp    NOT NULL,
    updated_at         timestamp
);
CREATE UNIQUE INDEX zone_shares_zone_target_key ON zone_shares (zone_id, target_project_id);
CREATE INDEX zone_shares_target_idx ON zone_shares (target_project_id);
-- the sharee's recordsets in a zone (unsharing is refused while it has some)
CREATE INDEX recordsets_zone_project_idx ON recordsets (zone_id, project_id);
