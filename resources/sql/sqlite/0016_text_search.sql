-- Free text in the big tables: LIKE '%…%' cannot use an index and scans a million rows. FTS5's
-- trigram tokenizer indexes every three characters (case-folded, Unicode included), so a
-- substring of three or more characters is found through the index. The tables hold no copy
-- of the text (external content); triggers keep them in step. One line per trigger: the
-- migration runner splits statements at a ';' that ends a line.
CREATE VIRTUAL TABLE sync_attempts_text USING fts5(order_tran_id, fulfillment_tran_id, message, tracking_numbers, content = 'sync_attempts', content_rowid = 'id', tokenize = 'trigram');
CREATE TRIGGER sync_attempts_text_insert AFTER INSERT ON sync_attempts BEGIN INSERT INTO sync_attempts_text (rowid, order_tran_id, fulfillment_tran_id, message, tracking_numbers) VALUES (new.id, new.order_tran_id, new.fulfillment_tran_id, new.message, new.tracking_numbers); END;
CREATE TRIGGER sync_attempts_text_delete AFTER DELETE ON sync_attempts BEGIN INSERT INTO sync_attempts_text (sync_attempts_text, rowid, order_tran_id, fulfillment_tran_id, message, tracking_numbers) VALUES ('delete', old.id, old.order_tran_id, old.fulfillment_tran_id, old.message, old.tracking_numbers); END;
CREATE TRIGGER sync_attempts_text_update AFTER UPDATE OF order_tran_id, fulfillment_tran_id, message, tracking_numbers ON sync_attempts BEGIN INSERT INTO sync_attempts_text (sync_attempts_text, rowid, order_tran_id, fulfillment_tran_id, message, tracking_numbers) VALUES ('delete', old.id, old.order_tran_id, old.fulfillment_tran_id, old.message, old.tracking_numbers); INSERT INTO sync_attempts_text (rowid, order_tran_id, fulfillment_tran_id, message, tracking_numbers) VALUES (new.id, new.order_tran_id, new.fulfillment_tran_id, new.message, new.tracking_numbers); END;
INSERT INTO sync_attempts_text (sync_attempts_text) VALUES ('rebuild');

CREATE VIRTUAL TABLE sales_orders_text USING fts5(tran_id, customer, channel_order, content = 'sales_orders', content_rowid = 'id', tokenize = 'trigram');
CREATE TRIGGER sales_orders_text_insert AFTER INSERT ON sales_orders BEGIN INSERT INTO sales_orders_text (rowid, tran_id, customer, channel_order) VALUES (new.id, new.tran_id, new.customer, new.channel_order); END;
CREATE TRIGGER sales_orders_text_delete AFTER DELETE ON sales_orders BEGIN INSERT INTO sales_orders_text (sales_orders_text, rowid, tran_id, customer, channel_order) VALUES ('delete', old.id, old.tran_id, old.customer, old.channel_order); END;
-- Every pass upserts the orders it read; only a change of their text touches the index.
CREATE TRIGGER sales_orders_text_update AFTER UPDATE OF tran_id, customer, channel_order ON sales_orders WHEN old.tran_id IS NOT new.tran_id OR old.customer IS NOT new.customer OR old.channel_order IS NOT new.channel_order BEGIN INSERT INTO sales_orders_text (sales_orders_text, rowid, tran_id, customer, channel_order) VALUES ('delete', old.id, old.tran_id, old.customer, old.channel_order); INSERT INTO sales_orders_text (rowid, tran_id, customer, channel_order) VALUES (new.id, new.tran_id, new.customer, new.channel_order); END;
INSERT INTO sales_orders_text (sales_orders_text) VALUES ('rebuild');

-- Packages have no integer key of their own (an implicit rowid may change in a VACUUM): the
-- index holds each fulfillment's tracking numbers under the fulfillment's id.
CREATE VIRTUAL TABLE fulfillment_tracking_text USING fts5(tracking_numbers, tokenize = 'trigram');
CREATE TRIGGER packages_text_insert AFTER INSERT ON packages BEGIN DELETE FROM fulfillment_tracking_text WHERE rowid = new.fulfillment_id; INSERT INTO fulfillment_tracking_text (rowid, tracking_numbers) SELECT new.fulfillment_id, group_concat(tracking_number, char(10)) FROM packages WHERE fulfillment_id = new.fulfillment_id HAVING count(*) > 0; END;
CREATE TRIGGER packages_text_delete AFTER DELETE ON packages BEGIN DELETE FROM fulfillment_tracking_text WHERE rowid = old.fulfillment_id; INSERT INTO fulfillment_tracking_text (rowid, tracking_numbers) SELECT old.fulfillment_id, group_concat(tracking_number, char(10)) FROM packages WHERE fulfillment_id = old.fulfillment_id HAVING count(*) > 0; END;
CREATE TRIGGER packages_text_update AFTER UPDATE OF tracking_number ON packages BEGIN DELETE FROM fulfillment_tracking_text WHERE rowid = new.fulfillment_id; INSERT INTO fulfillment_tracking_text (rowid, tracking_numbers) SELECT new.fulfillment_id, group_concat(tracking_number, char(10)) FROM packages WHERE fulfillment_id = new.fulfillment_id HAVING count(*) > 0; END;
INSERT INTO fulfillment_tracking_text (rowid, tracking_numbers) SELECT fulfillment_id, group_concat(tracking_number, char(10)) FROM packages GROUP BY fulfillment_id;
