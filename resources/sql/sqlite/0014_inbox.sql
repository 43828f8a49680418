-- The inbox: one row per (connector, fulfillment) that needed a person — failed, held or
-- flagged — kept after it is settled: resolved by a person (with their reason) or
-- auto_resolved when a later pass pushed it or found nothing owed any more.
CREATE TABLE inbox_items (
    id INTEGER PRIMARY KEY,
    connector_id INTEGER NOT NULL REFERENCES connectors (id) ON DELETE CASCADE,
    connector_name TEXT NOT NULL,
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
    UNIQUE (connector_id, fulfillment_id)
);
CREATE INDEX inbox_by_updated ON inbox_items (updated_at, id);
CREATE INDEX inbox_by_state ON inbox_items (state, updated_at, id);
CREATE INDEX inbox_by_problem ON inbox_items (problem, updated_at, id);
CREATE INDEX inbox_by_connector ON inbox_items (connector_name, updated_at, id);
CREATE INDEX inbox_by_order ON inbox_items (order_id, id);

-- What already waits for a person when this version arrives.
INSERT INTO inbox_items (connector_id, connector_name, fulfillment_id, order_id, order_tran_id,
                         fulfillment_tran_id, problem, message, opened_at, updated_at)
SELECT q.connector_id, c.name, q.fulfillment_id, q.order_id, COALESCE(o.tran_id, ''),
       COALESCE(f.tran_id, ''),
       CASE WHEN q.ignore_until LIKE '9999%' THEN 'held' ELSE 'failed' END,
       q.last_error, q.last_try_at, q.last_try_at
FROM sync_quarantine q
JOIN connectors c ON c.id = q.connector_id
LEFT JOIN sales_orders o ON o.id = q.order_id
LEFT JOIN item_fulfillments f ON f.id = q.fulfillment_id
WHERE NOT EXISTS (SELECT 1 FROM pushed_fulfillments p WHERE p.connector_id = q.connector_id
                  AND p.fulfillment_id = q.fulfillment_id AND p.state = 'attention');
INSERT INTO inbox_items (connector_id, connector_name, fulfillment_id, order_id, order_tran_id,
                         fulfillment_tran_id, problem, message, opened_at, updated_at)
SELECT p.connector_id, c.name, p.fulfillment_id, p.order_id, COALESCE(o.tran_id, ''),
       COALESCE(f.tran_id, ''), 'flagged', 'Changed in NetSuite after it was pushed',
       p.completed_at, p.completed_at
FROM pushed_fulfillments p
JOIN connectors c ON c.id = p.connector_id
LEFT JOIN sales_orders o ON o.id = p.order_id
LEFT JOIN item_fulfillments f ON f.id = p.fulfillment_id
WHERE p.state = 'attention';
