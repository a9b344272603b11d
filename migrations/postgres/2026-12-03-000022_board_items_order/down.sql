DROP INDEX board_items_due;
CREATE INDEX board_items_due ON board_items (scope, kind, escalated, due_at, item_id);
