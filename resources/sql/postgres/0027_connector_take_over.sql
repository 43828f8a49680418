-- Switching over from another connector (issue 23): the day this connector takes over. Its
-- first pass reads NetSuite from there (instead of the last 30 days); fulfillments the other
-- tool already put in the channel are adopted, never sent again. '' = not set.
ALTER TABLE connectors ADD COLUMN take_over_from TEXT NOT NULL DEFAULT '';
