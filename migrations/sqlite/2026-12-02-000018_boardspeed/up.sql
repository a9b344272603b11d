-- The board kept current in the write transaction (issue 18), so one board costs the same
-- whatever the number of live notifications. `store::board::restate` is the only writer; a
-- database migrated from before is filled once at start (`store::board::rebuild`).

-- What each notification adds to the board now, so a change can take its old share away.
-- `digest` covers everything the board shows of it: an unchanged digest changes nothing.
-- `share` (JSON) lists the count rows it adds to and the scope keys it shows in.
CREATE TABLE board_marks (
    notification_id TEXT PRIMARY KEY,
    digest TEXT NOT NULL,
    share TEXT NOT NULL
);

-- Counts by route (the sorted nations still on it, `r:DE,PL`) or requesting unit
-- (`u:DE/unit`): notifications by status (`nation` = ''), national reviews by nation and
-- status. `settled_hour` is -1 while in play, else the hour (Unix hours) of the last change of
-- a settled one: the board sums the hours inside its window.
CREATE TABLE board_counts (
    scope TEXT NOT NULL,
    nation TEXT NOT NULL,
    status TEXT NOT NULL,
    settled_hour BIGINT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (scope, nation, status, settled_hour)
);
CREATE INDEX board_counts_hour ON board_counts (settled_hour);

-- The at-risk candidates (kind `s`: open stages of notifications in review) and the open
-- escalations (kind `e`), once per scope that sees them (`*`, `n:DE` for each nation on the
-- route, `u:DE/unit`): each list is a bounded scan of one index per scope.
CREATE TABLE board_items (
    scope TEXT NOT NULL,
    kind TEXT NOT NULL,
    item_id TEXT NOT NULL,
    notification_id TEXT NOT NULL,
    escalated INTEGER NOT NULL,
    due_at TIMESTAMP NOT NULL,
    level INTEGER NOT NULL,
    PRIMARY KEY (scope, kind, item_id)
);
CREATE INDEX board_items_due ON board_items (scope, kind, escalated, due_at, item_id);
CREATE INDEX board_items_notification ON board_items (notification_id);

-- A version per scope key (`*`, `n:DE`, `u:DE/unit`), bumped in the transaction of every
-- change the board of that scope shows: the board's ETag names the versions of its scope.
-- The row `#built` says the tables above hold every notification.
CREATE TABLE board_versions (
    scope TEXT PRIMARY KEY,
    version BIGINT NOT NULL
);
