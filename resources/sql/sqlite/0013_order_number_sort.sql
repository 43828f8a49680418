-- History sorts its Order column by the order's NetSuite internal id (NetSuite numbers
-- transactions in that order: SO99999 before SO100000), so the keyset walk needs this index.
CREATE INDEX sync_attempts_by_order_id ON sync_attempts (order_id, id);
