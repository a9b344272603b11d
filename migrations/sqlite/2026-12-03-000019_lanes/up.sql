-- The board's lanes (issue 16): per nation, the notifications still in play that cross it,
-- kept in the write transaction like the other board tables (`store::board_lanes`, written
-- only through `store::board_tally::restate`), so a lane's first page is a bounded scan of one
-- index whatever the number of live notifications.

-- One card per (scope, nation, notification): scope `*` (every nation's lanes, read by
-- everyone who sees all or watches nations) or `u:XX/unit` (a requesting unit's).
-- `urgency` orders a lane: the nation's soonest open stage (none last), higher escalation
-- level, reference; it is also the paging cursor. `search` is the lowercased reference and
-- unit. `escalations` (JSON) groups the open escalations of the nation's stages.
CREATE TABLE board_lanes (
    scope TEXT NOT NULL,
    nation TEXT NOT NULL,
    notification_id TEXT NOT NULL,
    reference TEXT NOT NULL,
    priority TEXT NOT NULL,
    status TEXT NOT NULL,
    review_status TEXT NOT NULL,
    requester_nation TEXT NOT NULL,
    requester_unit TEXT NOT NULL,
    search TEXT NOT NULL,
    due_at TIMESTAMP,
    stage_key TEXT,
    open_stages INTEGER NOT NULL,
    level INTEGER NOT NULL,
    escalated INTEGER NOT NULL,
    escalation_level INTEGER NOT NULL,
    escalations TEXT NOT NULL,
    urgency TEXT NOT NULL,
    PRIMARY KEY (scope, nation, notification_id)
);
CREATE INDEX board_lanes_order ON board_lanes (scope, nation, urgency);
CREATE INDEX board_lanes_escalated ON board_lanes (scope, escalated, urgency);
CREATE INDEX board_lanes_nation_escalated ON board_lanes (scope, nation, escalated, urgency);
CREATE INDEX board_lanes_notification ON board_lanes (notification_id);

-- Cards per (scope, nation, review status, priority, escalation level): a lane's true counts
-- under any of those filters are sums of a bounded number of rows.
CREATE TABLE board_lane_counts (
    scope TEXT NOT NULL,
    nation TEXT NOT NULL,
    status TEXT NOT NULL,
    priority TEXT NOT NULL,
    level INTEGER NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (scope, nation, status, priority, level)
);

-- The board tables are filled again at start (`board_tally::rebuild`), lanes included.
DELETE FROM board_versions WHERE scope = '#built';
