-- Designate's v2 API resources beyond zones and recordsets: per-project quotas (overriding the
-- configured defaults), TLDs and blacklisted zone-name patterns; and indexes for the list queries.

CREATE TABLE quotas (
    project_id  varchar(255) NOT NULL,
    resource    varchar(32)  NOT NULL,
    -- a negative limit is unlimited, as in Designate
    hard_limit  bigint       NOT NULL CHECK (hard_limit BETWEEN -1 AND 2147483647),
    created_at  timestamp    NOT NULL,
    updated_at  timestamp,
    PRIMARY KEY (project_id, resource)
);

CREATE TABLE tlds (
    id          uuid         PRIMARY KEY,
    name        varchar(255) NOT NULL UNIQUE,
    description varchar(160),
    created_at  timestamp    NOT NULL,
    updated_at  timestamp
);

CREATE TABLE blacklists (
    id          uuid         PRIMARY KEY,
    pattern     varchar(255) NOT NULL UNIQUE,
    description varchar(160),
    created_at  timestamp    NOT NULL,
    updated_at  timestamp
);

-- Recordset lists are ordered by (sort key, id) within a zone or across a project's zones.
CREATE INDEX recordsets_zone_created_idx ON recordsets (zone_id, created_at, id);
CREATE INDEX recordsets_project_created_idx ON recordsets (project_id, created_at, id);
