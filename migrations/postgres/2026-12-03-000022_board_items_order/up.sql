-- The board's open escalations are listed most urgent first: due time, then higher level,
-- then id. The index ordered by (due_at, item_id) left level out, so that page read every
-- open escalation in scope and sorted them (5,000 open escalations: 5,088 buffers, 5.7 ms a
-- board on PostgreSQL). With level in the index, the page is the first rows of one index scan,
-- whatever the number of open escalations; at-risk stages are ordered the same way.
DROP INDEX board_items_due;
CREATE INDEX board_items_due ON board_items (scope, kind, escalated, due_at, level DESC, item_id);
