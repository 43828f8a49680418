-- NetSuite's last-modified time of the cached sales orders and item fulfillments, indexed: each
-- pass compares NetSuite's probe of its overlap window with what the local copy holds there
-- (OrderRepository::storedChanges), and a pass that goes on after a cut evaluates what changed
-- since a time (orderIdsChangedSince).
CREATE INDEX IF NOT EXISTS sales_orders_by_modified ON sales_orders (last_modified);
CREATE INDEX IF NOT EXISTS item_fulfillments_by_modified ON item_fulfillments (last_modified);
