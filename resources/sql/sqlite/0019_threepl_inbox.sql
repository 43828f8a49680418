-- The inbox holds what a 3PL connector needs a person for too: a held or flagged shipment
-- (it has no NetSuite item fulfillment yet, or one that should not exist) and an order the 3PL
-- refused. An item is now keyed by its subject: 'fulfillment' (subject_key: the NetSuite item
-- fulfillment id), 'threepl_shipment' (the 3PL's shipment id) or 'threepl_order' (the NetSuite
-- sales order id). SQLite cannot change a table's UNIQUE constraint: the table is rebuilt,
-- ids kept.
CREATE TABLE inbox_items_keyed (
    id INTEGER PRIMARY KEY,
    connector_id INTEGER NOT NULL REFERENCES connectors (id) ON DELETE CASCADE,
    connector_name TEXT NOT NULL,
    subject TEXT NOT NULL DEFAULT 'fulfillment',
    subject_key TEXT NOT NULL,
    fulfillment_id BIGINT NOT NULL,
    order_id BIGINT NOT NULL,
    order_tran_id TEXT NOT NULL DEFAULT '',
    fulfillment_tran_id TEXT NOT NULL DEFAULT '',
    problem TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'open',
    message TEXT NOT NULL DEFAULT '',
    opened_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    resolution TEXT NOT NULL DEFAULT '',
    UNIQUE (connector_id, subject, subject_key)
);
INSERT INTO inbox_items_keyed (id, connector_id, connector_name, subject, subject_key,
                               fulfillment_id, order_id, order_tran_id, fulfillment_tran_id,
                               problem, state, message, opened_at, updated_at, resolution)
SELECT id, connector_id, connector_name, 'fulfillment', CAST(fulfillment_id AS TEXT),
       fulfillment_id, order_id, order_tran_id, fulfillment_tran_id, problem, state, message,
       opened_at, updated_at, resolution
FROM inbox_items;
DROP TABLE inbox_items;
ALTER TABLE inbox_items_keyed RENAME TO inbox_items;
CREATE INDEX inbox_by_updated ON inbox_items (updated_at, id);
CREATE INDEX inbox_by_state ON inbox_items (state, updated_at, id);
CREATE INDEX inbox_by_problem ON inbox_items (problem, updated_at, id);
CREATE INDEX inbox_by_connector ON inbox_items (connector_name, updated_at, id);
CREATE INDEX inbox_by_order ON inbox_items (order_id, id);

-- A shipment whose item fulfillment NetSuite did not confirm is read back on the next run; one
-- that stays unconfirmed waits longer each time (tries), like the channel's quarantine.
ALTER TABLE threepl_shipments ADD COLUMN tries INTEGER NOT NULL DEFAULT 0;
ALTER TABLE threepl_shipments ADD COLUMN next_try_at TEXT NOT NULL DEFAULT '';
