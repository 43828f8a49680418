-- Every connector pass, by whichever window or worker ran it: the Jobs list outlives a restart
-- and shows the daemon's passes too.
CREATE TABLE sync_runs (
    id INTEGER PRIMARY KEY,
    connector_id BIGINT NOT NULL,
    connector_name TEXT NOT NULL DEFAULT '',
    trigger_kind TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    pushed INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0,
    held INTEGER NOT NULL DEFAULT 0,
    already_pushed INTEGER NOT NULL DEFAULT 0,
    deferred INTEGER NOT NULL DEFAULT 0,
    netsuite_requests INTEGER NOT NULL DEFAULT 0,
    channel_requests INTEGER NOT NULL DEFAULT 0,
    cancelled INTEGER NOT NULL DEFAULT 0,
    dry_run INTEGER NOT NULL DEFAULT 0,
    error TEXT NOT NULL DEFAULT '',
    skipped TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sync_runs_by_finished ON sync_runs (finished_at, id);
