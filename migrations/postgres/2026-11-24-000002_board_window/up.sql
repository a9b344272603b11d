-- The board counts notifications still in play and those settled within its window: both
-- found by status, the settled ones by a range of update times; their reviews are counted
-- from an index that holds everything the count needs.
CREATE INDEX notifications_live ON notifications (status, updated_at);
CREATE INDEX reviews_board ON reviews (notification_id, status, nation);
-- The board's recent decisions: the decisions within its window, whatever the history holds.
CREATE INDEX audit_events_action ON audit_events (action, at);
