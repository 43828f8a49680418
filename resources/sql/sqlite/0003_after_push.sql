-- What happens to a fulfillment after it was pushed: NetSuite may void it, reduce it, or change
-- its tracking numbers. The cache keeps the void flag, the ledger what was pushed, and each
-- connector whether tracking changes are sent on (default on).
ALTER TABLE item_fulfillments ADD COLUMN voided INTEGER NOT NULL DEFAULT 0;
ALTER TABLE pushed_fulfillments ADD COLUMN quantity DOUBLE PRECISION NOT NULL DEFAULT 0;
ALTER TABLE connectors ADD COLUMN update_tracking INTEGER NOT NULL DEFAULT 1;
