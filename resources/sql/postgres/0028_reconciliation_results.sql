-- Reconciliation, the results side (issue 23 item 2): what a person decided about a channel
-- fulfillment no item fulfillment explains, the nightly schedule per connector, and the nights
-- already claimed by a worker.
--
-- Numbered 0028 although written as 0024: 0025 to 0027 were applied first on some databases,
-- and a migration never runs below the version a database has. So every statement here may
-- find its object made already (a database that did run it as 0024) and leaves it as it is.

-- A flag or resolve of an extra, by the channel's fulfillment: kept when a new reading of the
-- order replaces its rows (reconciliation_rows), so the decision outlives the reading.
CREATE TABLE IF NOT EXISTS reconciliation_resolutions (
    connector_id BIGINT NOT NULL,
    order_id BIGINT NOT NULL,
    channel_fulfillment_id TEXT NOT NULL,
    state TEXT NOT NULL,
    reason TEXT NOT NULL,
    os_user TEXT NOT NULL DEFAULT '',
    db_user TEXT NOT NULL DEFAULT '',
    decided_at TEXT NOT NULL,
    PRIMARY KEY (connector_id, order_id, channel_fulfillment_id)
);

-- A connector without a row here is reconciled nightly at 02:30 local time over the last 30
-- days (ReconcileSchedule's defaults); a row changes that or switches it off.
CREATE TABLE IF NOT EXISTS reconciliation_schedules (
    connector_id BIGINT PRIMARY KEY,
    enabled INTEGER NOT NULL DEFAULT 1,
    at_minute INTEGER NOT NULL DEFAULT 150 CHECK (at_minute >= 0 AND at_minute < 1440),
    range_days INTEGER NOT NULL DEFAULT 30 CHECK (range_days >= 1)
);

-- One row per connector and night whose scheduled reconciliation a worker started: the key
-- lets exactly one of several workers on this database (or a window beside a daemon) run it.
CREATE TABLE IF NOT EXISTS reconciliation_nights (
    connector_id BIGINT NOT NULL,
    night TEXT NOT NULL,
    claimed_by TEXT NOT NULL,
    claimed_at TEXT NOT NULL,
    PRIMARY KEY (connector_id, night)
);

-- The Reconciliation tab's table: each stored reading with its order, connector and any
-- decision about it, paged by keyset over (sort column, id) like the other big tables. The
-- rows get an id of their own here (SQLite uses its rowid). A later migration that rebuilds
-- reconciliation_rows must drop and create this view again.
ALTER TABLE reconciliation_rows ADD COLUMN IF NOT EXISTS id BIGSERIAL;
CREATE INDEX IF NOT EXISTS reconciliation_rows_by_time ON reconciliation_rows (checked_at, id);
CREATE INDEX IF NOT EXISTS reconciliation_rows_by_verdict ON reconciliation_rows (verdict, id);
CREATE OR REPLACE VIEW reconciliation_view AS
SELECT r.id AS id,
       r.checked_at AS checked_at,
       COALESCE(c.name, '') AS connector_name,
       COALESCE(o.tran_id, '') AS order_tran_id,
       COALESCE(o.channel_order, '') AS channel_order,
       COALESCE(o.customer, '') AS customer,
       r.fulfillment_tran_id AS fulfillment_tran_id,
       r.channel_fulfillment_id AS channel_fulfillment_id,
       r.verdict AS verdict,
       r.detail AS detail,
       COALESCE(d.reason, '') AS resolution,
       COALESCE(d.state, '') AS resolution_state,
       COALESCE(d.os_user, '') AS resolved_by,
       COALESCE(d.db_user, '') AS resolved_db_user,
       COALESCE(d.decided_at, '') AS resolved_at,
       r.order_id AS order_id,
       r.connector_id AS connector_id,
       r.fulfillment_id AS fulfillment_id
FROM reconciliation_rows r
LEFT JOIN connectors c ON c.id = r.connector_id
LEFT JOIN sales_orders o ON o.id = r.order_id
LEFT JOIN reconciliation_resolutions d
       ON d.connector_id = r.connector_id AND d.order_id = r.order_id
      AND d.channel_fulfillment_id = r.channel_fulfillment_id AND r.channel_fulfillment_id <> '';
