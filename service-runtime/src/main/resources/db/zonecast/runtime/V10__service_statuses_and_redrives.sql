-- One row per running service instance (central-service, pool-manager, minidns), rewritten by the
-- instance every heartbeat interval; central-service shows them as GET /v2/service_statuses and
-- calls an instance DOWN when its heartbeat is older than three intervals. The id is derived from
-- service name and hostname, so a restarted instance keeps its row.
CREATE TABLE service_statuses (
    id             uuid         PRIMARY KEY,
    service_name   varchar(64)  NOT NULL,
    hostname       varchar(255) NOT NULL,
    -- UP, or WARNING when the instance sees a problem of its own (a pool manager: a target down)
    status         varchar(16)  NOT NULL,
    stats          jsonb        NOT NULL DEFAULT '{}',
    capabilities   jsonb        NOT NULL DEFAULT '{}',
    heartbeated_at timestamptz  NOT NULL,
    created_at     timestamptz  NOT NULL,
    updated_at     timestamptz
);

-- The pool manager's re-drives of zones in ERROR: how often the zone's current serial was
-- re-driven and when the next try is due (exponential backoff). A row whose zone is no longer in
-- ERROR is deleted by the next recovery run.
CREATE TABLE zone_redrives (
    zone_id    uuid        PRIMARY KEY,
    serial     bigint      NOT NULL CHECK (serial BETWEEN 0 AND 4294967295),
    attempts   integer     NOT NULL,
    next_at    timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
