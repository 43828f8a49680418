-- Kits pushed as their members: the fulfillment line's item type tells a kit, and the kit's
-- members (SuiteQL ItemMember) are cached per kit item, refreshed when a pass meets the kit.
-- (Migrations 6 and 7 belong to the mappings history and the table filters.)
ALTER TABLE item_fulfillment_lines ADD COLUMN item_type TEXT NOT NULL DEFAULT '';
CREATE TABLE kit_members (
    kit_item_id BIGINT NOT NULL,
    member_item_id BIGINT NOT NULL,
    member_name TEXT NOT NULL DEFAULT '',
    quantity DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (kit_item_id, member_item_id)
);

-- One worker at a time per connector, whichever machine it runs on: a pass takes the
-- connector's lease (one atomic upsert) and renews it while it runs; a crashed worker's lease
-- simply expires. Times are ISO-8601 UTC text, which compares correctly as text.
CREATE TABLE connector_leases (
    connector_id BIGINT PRIMARY KEY,
    holder TEXT NOT NULL,
    expires_at TEXT NOT NULL
);

-- Each attempt records the connector's mapping version it was built with (the id of the latest
-- mapping change, 0 before any), so a history row says which mappings produced its request.
ALTER TABLE sync_attempts ADD COLUMN mapping_version BIGINT NOT NULL DEFAULT 0;
