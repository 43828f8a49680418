-- Kits reach the channel as the kit's own line (default) or as its member items, per connector.
-- Custom field mappings live in the mappings table with kind 'custom_field' (see domain.h).
ALTER TABLE connectors ADD COLUMN kit_rule TEXT NOT NULL DEFAULT 'kit_line';
