-- Each attempt keeps the tracking numbers it was about (they may change in NetSuite later), so
-- History can be searched and exported by tracking number.
ALTER TABLE sync_attempts ADD COLUMN tracking_numbers TEXT NOT NULL DEFAULT '';
