-- What the channel's fulfillment showed at the last reconciliation (issue 23, the three-way
-- view): its tracking numbers (comma separated) and its quantities per SKU (a JSON object).
ALTER TABLE reconciliation_rows ADD COLUMN channel_tracking TEXT NOT NULL DEFAULT '';
ALTER TABLE reconciliation_rows ADD COLUMN channel_quantities TEXT NOT NULL DEFAULT '{}';
