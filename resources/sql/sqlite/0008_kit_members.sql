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
