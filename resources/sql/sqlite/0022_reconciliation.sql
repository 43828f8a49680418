-- The last reconciliation's reading of each order, per connector (issue 23): what the channel
-- showed for each shipped item fulfillment when it was read back, and how it compared. A new
-- reading of an order replaces the old one; the order pane and Explain show it with its time.
CREATE TABLE reconciliation_rows (
    connector_id BIGINT NOT NULL,
    order_id BIGINT NOT NULL,
    fulfillment_id BIGINT NOT NULL,
    fulfillment_tran_id TEXT NOT NULL DEFAULT '',
    channel_fulfillment_id TEXT NOT NULL DEFAULT '',
    verdict TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    checked_at TEXT NOT NULL
);
CREATE INDEX reconciliation_rows_by_order ON reconciliation_rows (order_id, connector_id);
