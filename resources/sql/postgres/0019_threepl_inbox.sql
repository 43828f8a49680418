-- The inbox holds what a 3PL connector needs a person for too: a held or flagged shipment
-- (it has no NetSuite item fulfillment yet, or one that should not exist) and an order the 3PL
-- refused. An item is now keyed by its subject: 'fulfillment' (subject_key: the NetSuite item
-- fulfillment id), 'threepl_shipment' (the 3PL's shipment id) or 'threepl_order' (the NetSuite
-- sales order id).
ALTER TABLE inbox_items ADD COLUMN subject TEXT NOT NULL DEFAULT 'fulfillment';
ALTER TABLE inbox_items ADD COLUMN subject_key TEXT NOT NULL DEFAULT '';
UPDATE inbox_items SET subject_key = CAST(fulfillment_id AS TEXT);
ALTER TABLE inbox_items DROP CONSTRAINT inbox_items_connector_id_fulfillment_id_key;
ALTER TABLE inbox_items ADD CONSTRAINT inbox_items_subject_key
    UNIQUE (connector_id, subject, subject_key);

-- A shipment whose item fulfillment NetSuite did not confirm is read back on the next run; one
-- that stays unconfirmed waits longer each time (tries), like the channel's quarantine.
ALTER TABLE threepl_shipments ADD COLUMN tries INTEGER NOT NULL DEFAULT 0;
ALTER TABLE threepl_shipments ADD COLUMN next_try_at TEXT NOT NULL DEFAULT '';
