-- Fenced leases (a team of workers on one database). A connector's lease row is never deleted:
-- its epoch only grows, by one each time the lease passes to another holder, so a worker that
-- was paused past its lease finds a newer epoch and stops before it sends or writes anything.
ALTER TABLE connector_leases ADD COLUMN epoch BIGINT NOT NULL DEFAULT 0;
-- A pass of the holder is under way: a person's run elsewhere waits, an idle lease moves to it.
ALTER TABLE connector_leases ADD COLUMN busy INTEGER NOT NULL DEFAULT 0;

-- The epoch under which each outbox row was written: the lease that may send it. A row of an
-- older epoch (its writer lost the lease) is read back before anything is sent for it.
ALTER TABLE pushed_fulfillments ADD COLUMN lease_epoch BIGINT NOT NULL DEFAULT 0;
ALTER TABLE threepl_shipments ADD COLUMN lease_epoch BIGINT NOT NULL DEFAULT 0;

-- Workers alive on this database, renewed by each one's heartbeat: connectors are spread over
-- the live ones, and a dead one's share moves once its presence expires.
CREATE TABLE sync_workers (
    holder TEXT PRIMARY KEY,
    host TEXT NOT NULL,
    pid BIGINT NOT NULL,
    started_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
