-- Alerts: who hears about failed and held work, and what has been said already.
-- Recipients and the digest interval belong to the connector; the webhook address and the
-- mail password are secrets and live in the keychain or the worker's credentials file.
ALTER TABLE connectors ADD COLUMN alert_emails TEXT NOT NULL DEFAULT '';
ALTER TABLE connectors ADD COLUMN alert_every_minutes INTEGER NOT NULL DEFAULT 60
    CHECK (alert_every_minutes >= 1);

-- The outgoing mail server (one per database), e.g. smtp://mail.example.com:587.
CREATE TABLE mail_server (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    url TEXT NOT NULL,
    username TEXT NOT NULL DEFAULT '',
    sender TEXT NOT NULL DEFAULT '',
    ca_file TEXT NOT NULL DEFAULT ''
);

-- Per connector: whether it was last seen down, and the problems not yet in a digest. Kept in
-- the database so a restarted worker neither repeats an alert nor forgets one.
CREATE TABLE alert_state (
    connector_id INTEGER PRIMARY KEY REFERENCES connectors (id) ON DELETE CASCADE,
    down INTEGER NOT NULL DEFAULT 0,
    down_reason TEXT NOT NULL DEFAULT '',
    failed INTEGER NOT NULL DEFAULT 0,
    held INTEGER NOT NULL DEFAULT 0,
    pending_since TEXT NOT NULL DEFAULT '',
    last_digest_at TEXT NOT NULL DEFAULT '',
    last_delivery_error TEXT NOT NULL DEFAULT ''
);
