-- (Numbered 9, after the kit and lease changes of 8, so databases created in between get it too.)
-- Indexes for the big tables' filters and sorts (architecture.md §7.5): every filter column leads
-- an index that continues with the default sort key, and every sortable column has a
-- (column, id) index so keyset pages seek instead of sorting.
CREATE INDEX sync_attempts_by_connector ON sync_attempts (connector_name, occurred_at, id);
CREATE INDEX sync_attempts_by_trigger ON sync_attempts (trigger_kind, occurred_at, id);
CREATE INDEX sync_attempts_by_order_number ON sync_attempts (order_tran_id, id);
CREATE INDEX sync_attempts_by_duration ON sync_attempts (duration_ms, id);
CREATE INDEX sales_orders_by_number ON sales_orders (tran_id, id);
CREATE INDEX sales_orders_by_last_attempt ON sales_orders (last_attempt_at, id);
CREATE INDEX sales_orders_by_status ON sales_orders (status, tran_date, id);
CREATE INDEX sales_orders_by_channel ON sales_orders (channel, tran_date, id);
