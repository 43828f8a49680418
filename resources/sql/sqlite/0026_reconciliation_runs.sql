-- Each reconciliation run (issue 23): its range, where it stands (running, cancelled, finished,
-- failed), the cursor it resumes after (orders are read in ascending id: every order up to
-- last_order_id is done), the item fulfillments per verdict, what it cost the channel, and
-- when the alert for it went out (once a run). orders_* count orders; the verdict counts count
-- item fulfillments (unknown: those of orders whose channel order could not be read).
CREATE TABLE reconciliation_runs (
    id INTEGER PRIMARY KEY,
    connector_id BIGINT NOT NULL,
    since_date TEXT NOT NULL,
    until_date TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL,
    read_mode TEXT NOT NULL DEFAULT '',
    orders_total INTEGER NOT NULL DEFAULT 0,
    orders_done INTEGER NOT NULL DEFAULT 0,
    last_order_id BIGINT NOT NULL DEFAULT 0,
    matched INTEGER NOT NULL DEFAULT 0,
    missing INTEGER NOT NULL DEFAULT 0,
    quantity_differs INTEGER NOT NULL DEFAULT 0,
    tracking_differs INTEGER NOT NULL DEFAULT 0,
    extra INTEGER NOT NULL DEFAULT 0,
    order_cancelled INTEGER NOT NULL DEFAULT 0,
    unknown INTEGER NOT NULL DEFAULT 0,
    channel_requests INTEGER NOT NULL DEFAULT 0,
    cost_requested DOUBLE PRECISION NOT NULL DEFAULT 0,
    cost_actual DOUBLE PRECISION NOT NULL DEFAULT 0,
    problem TEXT NOT NULL DEFAULT '',
    alerted_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX reconciliation_runs_by_connector ON reconciliation_runs (connector_id, id);
