-- Free text in the big tables: LOWER(column) LIKE '%…%' is answered from trigram indexes
-- (pg_trgm, a trusted extension: a database owner may create it) instead of a table scan.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX sync_attempts_order_text ON sync_attempts USING gin (LOWER(order_tran_id) gin_trgm_ops);
CREATE INDEX sync_attempts_fulfillment_text ON sync_attempts USING gin (LOWER(fulfillment_tran_id) gin_trgm_ops);
CREATE INDEX sync_attempts_message_text ON sync_attempts USING gin (LOWER(message) gin_trgm_ops);
CREATE INDEX sync_attempts_tracking_text ON sync_attempts USING gin (LOWER(tracking_numbers) gin_trgm_ops);
CREATE INDEX sales_orders_tran_text ON sales_orders USING gin (LOWER(tran_id) gin_trgm_ops);
CREATE INDEX sales_orders_customer_text ON sales_orders USING gin (LOWER(customer) gin_trgm_ops);
CREATE INDEX sales_orders_channel_order_text ON sales_orders USING gin (LOWER(channel_order) gin_trgm_ops);
CREATE INDEX packages_tracking_text ON packages USING gin (LOWER(tracking_number) gin_trgm_ops);
