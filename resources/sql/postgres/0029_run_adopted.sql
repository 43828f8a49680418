-- What a pass did besides pushing (issue 23): fulfillments another tool had put in the channel
-- and this pass adopted (switching over), and tracking numbers updated in the channel. The
-- Jobs list shows both; a pushed count alone hid them.
ALTER TABLE sync_runs ADD COLUMN adopted INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sync_runs ADD COLUMN tracking_updated INTEGER NOT NULL DEFAULT 0;
