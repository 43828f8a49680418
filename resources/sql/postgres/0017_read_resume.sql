-- Where a pass that was cut short (cancelled, or stopped by an error) stopped reading NetSuite:
-- each query continues from its own position, so a cancelled first pass over a big account
-- does not start over, and what it stored is evaluated by the pass that continues.
CREATE TABLE read_resume (
    connector_id INTEGER NOT NULL REFERENCES connectors (id) ON DELETE CASCADE,
    stream TEXT NOT NULL,
    orders_from TEXT NOT NULL,
    fulfillments_from TEXT NOT NULL,
    evaluate_from TEXT NOT NULL,
    PRIMARY KEY (connector_id, stream)
);
