-- Free text in the big tables: LIKE '%…%' cannot use an index and scans a million rows. FTS5's
-- trigram tokenizer indexes every three characters (case-folded, Unicode included), so a
-- substring of three or more characters is found through the index.
--
-- The indexes are kept in bulk after each pass (TextIndex::catchUp), not row by row in
-- triggers: a pass writes a row of history per fulfillment in a transaction of its own, and
-- indexing each of them there cost the engine a third of its speed. A search reads the few
-- rows not indexed yet with LIKE, so it always sees everything. One line per trigger: the
-- migration runner splits statements at a ';' that ends a line.

-- History only grows: indexed up to the id kept in meta (external content: no copy of the text).
CREATE VIRTUAL TABLE sync_attempts_text USING fts5(order_tran_id, fulfillment_tran_id, message, tracking_numbers, content = 'sync_attempts', content_rowid = 'id', tokenize = 'trigram');
INSERT INTO sync_attempts_text (sync_attempts_text) VALUES ('rebuild');
INSERT INTO meta (key, value) SELECT 'history_text_indexed_to', CAST(COALESCE(MAX(id), 0) AS TEXT) FROM sync_attempts;

-- Orders change: an order whose text or packages changed waits in order_text_pending (a cheap
-- trigger; NOT EXISTS, as an upsert that fires it overrides OR IGNORE) until the next catch-up indexes it again, with its tracking numbers.
CREATE VIRTUAL TABLE sales_orders_text USING fts5(tran_id, customer, channel_order, tracking_numbers, tokenize = 'trigram');
CREATE TABLE order_text_pending (order_id INTEGER PRIMARY KEY);
CREATE TRIGGER sales_orders_text_insert AFTER INSERT ON sales_orders BEGIN INSERT INTO order_text_pending (order_id) SELECT new.id WHERE NOT EXISTS (SELECT 1 FROM order_text_pending WHERE order_id = new.id); END;
CREATE TRIGGER sales_orders_text_update AFTER UPDATE OF tran_id, customer, channel_order ON sales_orders WHEN old.tran_id IS NOT new.tran_id OR old.customer IS NOT new.customer OR old.channel_order IS NOT new.channel_order BEGIN INSERT INTO order_text_pending (order_id) SELECT new.id WHERE NOT EXISTS (SELECT 1 FROM order_text_pending WHERE order_id = new.id); END;
CREATE TRIGGER sales_orders_text_delete AFTER DELETE ON sales_orders BEGIN INSERT INTO order_text_pending (order_id) SELECT old.id WHERE NOT EXISTS (SELECT 1 FROM order_text_pending WHERE order_id = old.id); END;
CREATE TRIGGER packages_text_insert AFTER INSERT ON packages BEGIN INSERT INTO order_text_pending (order_id) SELECT f.order_id FROM item_fulfillments f WHERE f.id = new.fulfillment_id AND NOT EXISTS (SELECT 1 FROM order_text_pending q WHERE q.order_id = f.order_id); END;
CREATE TRIGGER packages_text_delete AFTER DELETE ON packages BEGIN INSERT INTO order_text_pending (order_id) SELECT f.order_id FROM item_fulfillments f WHERE f.id = old.fulfillment_id AND NOT EXISTS (SELECT 1 FROM order_text_pending q WHERE q.order_id = f.order_id); END;
CREATE TRIGGER packages_text_update AFTER UPDATE ON packages BEGIN INSERT INTO order_text_pending (order_id) SELECT f.order_id FROM item_fulfillments f WHERE f.id = new.fulfillment_id AND NOT EXISTS (SELECT 1 FROM order_text_pending q WHERE q.order_id = f.order_id); END;
INSERT INTO sales_orders_text (rowid, tran_id, customer, channel_order, tracking_numbers) SELECT o.id, o.tran_id, o.customer, o.channel_order, (SELECT group_concat(p.tracking_number, char(10)) FROM item_fulfillments f JOIN packages p ON p.fulfillment_id = f.id WHERE f.order_id = o.id) FROM sales_orders o;
