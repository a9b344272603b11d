-- A notification's open stages, read and updated inside every write to it (the board's restatement,
-- the watch, decisions). With only `stages_notification` (notification_id, nation, step) and
-- `stages_open` (status, due_at), SQLite's planner chose `stages_open` for
-- `notification_id = ? AND status = ?` and walked every pending stage of every live notification:
-- a write's cost grew with the crisis. Two equalities on one index settle the choice.
CREATE INDEX stages_notification_status ON stages (notification_id, status);
