-- fulfillsync schema version 1 (SQLite). Times are ISO-8601 UTC text; see models/domain/timestamps.h.
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO meta (key, value) VALUES ('schema_version', '0');

-- The NetSuite account (one per database). Secrets live in the keychain, never here.
CREATE TABLE netsuite_account (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    account_id TEXT NOT NULL,
    base_url TEXT NOT NULL DEFAULT ''
);

CREATE TABLE connectors (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    channel TEXT NOT NULL,
    endpoint TEXT NOT NULL,
    enabled INTEGER NOT NULL DEFAULT 1,
    interval_minutes INTEGER NOT NULL DEFAULT 5 CHECK (interval_minutes >= 1),
    trigger_statuses TEXT NOT NULL DEFAULT 'D,E,F,G',
    notify_customer INTEGER NOT NULL DEFAULT 1,
    unmapped_policy TEXT NOT NULL DEFAULT 'hold',
    default_carrier TEXT NOT NULL DEFAULT ''
);

CREATE TABLE mappings (
    connector_id INTEGER NOT NULL REFERENCES connectors (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    source_key TEXT NOT NULL,
    source_name TEXT NOT NULL DEFAULT '',
    target TEXT NOT NULL,
    extra TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (connector_id, kind, source_key)
);

-- NetSuite cache: what the last passes read, for the tables and for eligibility decisions.
CREATE TABLE sales_orders (
    id INTEGER PRIMARY KEY,
    tran_id TEXT NOT NULL,
    tran_date TEXT NOT NULL DEFAULT '',
    customer TEXT NOT NULL DEFAULT '',
    channel TEXT NOT NULL DEFAULT '',
    channel_order TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '',
    ordered_qty DOUBLE PRECISION NOT NULL DEFAULT 0,
    shipped_qty DOUBLE PRECISION NOT NULL DEFAULT 0,
    -- Kept by the engine after each evaluation so the orders table can filter and sort in SQL.
    pushed_qty DOUBLE PRECISION NOT NULL DEFAULT 0,
    sync_state TEXT NOT NULL DEFAULT 'waiting',
    sync_message TEXT NOT NULL DEFAULT '',
    last_attempt_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sales_orders_by_state ON sales_orders (sync_state, tran_date DESC, id DESC);
CREATE INDEX sales_orders_by_date ON sales_orders (tran_date DESC, id DESC);
CREATE INDEX sales_orders_by_channel_order ON sales_orders (channel, channel_order);

CREATE TABLE sales_order_lines (
    order_id INTEGER NOT NULL REFERENCES sales_orders (id) ON DELETE CASCADE,
    line_id INTEGER NOT NULL,
    item_id INTEGER NOT NULL,
    item_name TEXT NOT NULL DEFAULT '',
    quantity DOUBLE PRECISION NOT NULL,
    quantity_shipped DOUBLE PRECISION NOT NULL DEFAULT 0,
    PRIMARY KEY (order_id, line_id)
);

CREATE TABLE item_fulfillments (
    id INTEGER PRIMARY KEY,
    order_id INTEGER NOT NULL,
    tran_id TEXT NOT NULL DEFAULT '',
    tran_date TEXT NOT NULL DEFAULT '',
    ship_status TEXT NOT NULL,
    ship_method_id INTEGER NOT NULL DEFAULT 0,
    ship_method_name TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT ''
);
CREATE INDEX item_fulfillments_by_order ON item_fulfillments (order_id);

CREATE TABLE item_fulfillment_lines (
    fulfillment_id INTEGER NOT NULL REFERENCES item_fulfillments (id) ON DELETE CASCADE,
    line_id INTEGER NOT NULL,
    order_line INTEGER NOT NULL DEFAULT 0,
    item_id INTEGER NOT NULL,
    item_name TEXT NOT NULL DEFAULT '',
    quantity DOUBLE PRECISION NOT NULL,
    location_id INTEGER NOT NULL DEFAULT 0,
    location_name TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (fulfillment_id, line_id)
);

CREATE TABLE packages (
    fulfillment_id INTEGER NOT NULL REFERENCES item_fulfillments (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    tracking_number TEXT NOT NULL,
    PRIMARY KEY (fulfillment_id, position)
);

-- The ledger and outbox: one row per (connector, NetSuite fulfillment) ever sent or about to be.
CREATE TABLE pushed_fulfillments (
    connector_id INTEGER NOT NULL REFERENCES connectors (id) ON DELETE CASCADE,
    fulfillment_id INTEGER NOT NULL,
    order_id INTEGER NOT NULL,
    channel_order TEXT NOT NULL,
    channel_fulfillment_id TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL,
    payload TEXT NOT NULL DEFAULT '',
    tracking_numbers TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    completed_at TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (connector_id, fulfillment_id)
);
CREATE INDEX pushed_fulfillments_by_order ON pushed_fulfillments (order_id);

-- History: every attempt, kept as long as the admin wants.
CREATE TABLE sync_attempts (
    id INTEGER PRIMARY KEY,
    occurred_at TEXT NOT NULL,
    connector_id INTEGER NOT NULL DEFAULT 0,
    connector_name TEXT NOT NULL DEFAULT '',
    order_id INTEGER NOT NULL DEFAULT 0,
    order_tran_id TEXT NOT NULL DEFAULT '',
    fulfillment_id INTEGER NOT NULL DEFAULT 0,
    fulfillment_tran_id TEXT NOT NULL DEFAULT '',
    trigger_kind TEXT NOT NULL,
    outcome TEXT NOT NULL,
    error_class TEXT NOT NULL DEFAULT '',
    duration_ms INTEGER NOT NULL DEFAULT 0,
    message TEXT NOT NULL DEFAULT '',
    request TEXT NOT NULL DEFAULT '',
    response TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sync_attempts_by_time ON sync_attempts (occurred_at DESC, id DESC);
CREATE INDEX sync_attempts_by_order ON sync_attempts (order_id, occurred_at DESC, id DESC);
CREATE INDEX sync_attempts_by_outcome ON sync_attempts (outcome, occurred_at DESC, id DESC);

-- Per-connector incremental position in NetSuite's change stream.
CREATE TABLE watermarks (
    connector_id INTEGER NOT NULL REFERENCES connectors (id) ON DELETE CASCADE,
    stream TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (connector_id, stream)
);
