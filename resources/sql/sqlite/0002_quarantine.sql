-- Per-fulfillment quarantine (nextcloud's error blacklist): a fulfillment that keeps failing is
-- left alone for a growing while instead of being retried on every pass. Wiped on success;
-- visible and resettable by the admin.
CREATE TABLE sync_quarantine (
    connector_id INTEGER NOT NULL REFERENCES connectors (id) ON DELETE CASCADE,
    fulfillment_id INTEGER NOT NULL,
    order_id INTEGER NOT NULL,
    retry_count INTEGER NOT NULL,
    last_try_at TEXT NOT NULL,
    ignore_until TEXT NOT NULL,
    error_class TEXT NOT NULL DEFAULT '',
    last_error TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (connector_id, fulfillment_id)
);
CREATE INDEX sync_quarantine_by_order ON sync_quarantine (order_id);
