-- Held fulfillments wait for a change of the connector's settings or mappings: the settings
-- version (connector revision + mapping version, both only grow) they were last tried with.
ALTER TABLE connectors ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sync_quarantine ADD COLUMN settings_version BIGINT NOT NULL DEFAULT 0;
CREATE INDEX sync_quarantine_due ON sync_quarantine (connector_id, ignore_until);
-- A fulfillment whose NetSuite rows could not all be read is held with this message.
ALTER TABLE item_fulfillments ADD COLUMN problem TEXT NOT NULL DEFAULT '';
-- The digest of NetSuite's changes since the watermark's window start, as of the last complete
-- read: a pass whose one probe finds the same digest has nothing new to read.
ALTER TABLE watermarks ADD COLUMN probe TEXT NOT NULL DEFAULT '';
