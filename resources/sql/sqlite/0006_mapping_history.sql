-- Every saved change to a connector's mappings: who, when, what (product.md "Mappings"). Rows are
-- written in the same transaction as the save; before/after hold the rule as JSON ('' when the
-- rule did not exist before or no longer exists after).
CREATE TABLE mapping_changes (
    id INTEGER PRIMARY KEY,
    connector_id INTEGER NOT NULL REFERENCES connectors (id) ON DELETE CASCADE,
    changed_at TEXT NOT NULL,
    changed_by TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL,
    source_key TEXT NOT NULL,
    action TEXT NOT NULL,
    before_json TEXT NOT NULL DEFAULT '',
    after_json TEXT NOT NULL DEFAULT ''
);
CREATE INDEX mapping_changes_by_connector ON mapping_changes (connector_id, id DESC);
