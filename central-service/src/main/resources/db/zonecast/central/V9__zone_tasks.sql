-- Zone imports and exports (Designate's zone_tasks): asynchronous tasks a project starts and reads
-- back. An import creates its zone; an export's file is rendered from the zone when it is fetched.
CREATE TABLE zone_tasks (
    id          uuid         PRIMARY KEY,
    project_id  varchar(255) NOT NULL,
    task_type   varchar(16)  NOT NULL CHECK (task_type IN ('IMPORT', 'EXPORT')),
    status      varchar(16)  NOT NULL CHECK (status IN ('PENDING', 'COMPLETE', 'ERROR')),
    message     text,
    -- no foreign key: a task outlives its zone, as in Designate
    zone_id     uuid,
    location    text,
    version     integer      NOT NULL DEFAULT 1,
    created_at  timestamp    NOT NULL,
    updated_at  timestamp
);
CREATE INDEX zone_tasks_project_idx ON zone_tasks (project_id, task_type, created_at);
