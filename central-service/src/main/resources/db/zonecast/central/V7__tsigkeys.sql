-- Designate's TSIG keys (RFC 8945): a key is required for the transfers, SOA queries and NOTIFYs
-- of one zone (scope ZONE) or of every zone of one pool (scope POOL); resource_id names which.
-- MiniDNS reads this table; central writes it (admins only).

CREATE TABLE tsigkeys (
    id          uuid         PRIMARY KEY,
    name        varchar(160) NOT NULL UNIQUE,
    algorithm   varchar(32)  NOT NULL CHECK (algorithm IN ('hmac-md5', 'hmac-sha1', 'hmac-sha224',
                                                           'hmac-sha256', 'hmac-sha384', 'hmac-sha512')),
    secret      varchar(160) NOT NULL,
    scope       varchar(8)   NOT NULL CHECK (scope IN ('POOL', 'ZONE')),
    resource_id uuid         NOT NULL,
    created_at  timestamp    NOT NULL,
    updated_at  timestamp
);

CREATE INDEX tsigkeys_resource_idx ON tsigkeys (resource_id);
