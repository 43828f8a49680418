-- The 3PL connector's outbox (issue 11): one row per 3PL shipment, written before the NetSuite
-- transform that turns it into an item fulfillment is sent. The key refuses a second intent
-- when overlapping reads see the same shipment again; external_id is what NetSuite keeps on the
-- new record, so an answer that was lost is settled by reading that record back.
--   pending: intent stored, not known to have reached NetSuite
--   unknown: sent, the answer proved nothing; read back before anything else
--   created: NetSuite has the item fulfillment (fulfillment_id)
--   held:    waits for a person (over-shipped, unknown order, refused); error says why
--   flagged: the 3PL voided the label after the item fulfillment was made; a person decides
CREATE TABLE threepl_shipments (
    connector_id INTEGER NOT NULL REFERENCES connectors (id) ON DELETE CASCADE,
    shipment_id TEXT NOT NULL,
    sales_order_id INTEGER NOT NULL,
    order_number TEXT NOT NULL,
    external_id TEXT NOT NULL,
    state TEXT NOT NULL,
    fulfillment_id INTEGER,
    tracking_number TEXT NOT NULL,
    shipped_at TEXT NOT NULL,
    error TEXT NOT NULL,
    request TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (connector_id, shipment_id)
);
CREATE INDEX threepl_shipments_open ON threepl_shipments (connector_id, state);

-- The orders sent to the 3PL (the first leg): one row per sales order, written once the 3PL
-- answered. state: sent; cancelled once NetSuite cancelled or closed it and the 3PL took that
-- too; refused (the 3PL did not take it: sent again every run); settled (refused, then no
-- longer to be sent).
CREATE TABLE threepl_orders (
    connector_id INTEGER NOT NULL REFERENCES connectors (id) ON DELETE CASCADE,
    sales_order_id INTEGER NOT NULL,
    order_key TEXT NOT NULL,
    remote_order_id TEXT NOT NULL,
    state TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (connector_id, sales_order_id)
);

-- A 3PL connector's last run on the Dashboard (its runs record no attempt when they only send
-- orders).
CREATE INDEX sync_runs_by_connector ON sync_runs (connector_id, finished_at);
