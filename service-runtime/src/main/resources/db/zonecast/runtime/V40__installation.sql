-- The identity of this installation: every AMQP message carries it, and the exchange and queue names
-- contain it, so two installations sharing a broker (even one virtual host) never take each other's
-- messages. One row, made here with a random id; zonecast.installation.id overrides it.
CREATE TABLE installation (
    id         varchar(63) PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9_-]*$'),
    singleton  boolean     NOT NULL DEFAULT true UNIQUE CHECK (singleton),
    created_at timestamp   NOT NULL DEFAULT now()
);
INSERT INTO installation (id)
VALUES (substr(md5(random()::text || clock_timestamp()::text || current_database()), 1, 12));
