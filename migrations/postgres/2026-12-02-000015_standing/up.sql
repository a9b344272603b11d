-- Standing authorisations (issue 15): one row per nation that approved a standing notification,
-- holding that nation's envelope (JSON) and where the authorisation stands.
CREATE TABLE standing_authorisations (
    id TEXT PRIMARY KEY,
    notification_id TEXT NOT NULL REFERENCES notifications (id),
    nation TEXT NOT NULL,
    permit_number TEXT NOT NULL,
    holder_nation TEXT NOT NULL,
    holder_unit TEXT NOT NULL,
    holder_user TEXT NOT NULL,
    holders TEXT NOT NULL,
    status TEXT NOT NULL,
    valid_from TIMESTAMP NOT NULL,
    valid_until TIMESTAMP NOT NULL,
    envelope TEXT NOT NULL,
    approved_at TIMESTAMP NOT NULL,
    status_at TIMESTAMP,
    status_by TEXT,
    status_reason TEXT,
    reminded_at TIMESTAMP
);
CREATE INDEX standing_by_nation ON standing_authorisations (nation, status, valid_until);
CREATE INDEX standing_by_notification ON standing_authorisations (notification_id, nation);
CREATE INDEX standing_by_window ON standing_authorisations (status, valid_until);

-- The matcher's index: an authorisation under each (nation, holder, vehicle type) it covers;
-- `holder_unit` is `*` when the coordinator widened it to every unit of the holder nation.
CREATE TABLE standing_keys (
    nation TEXT NOT NULL,
    holder_nation TEXT NOT NULL,
    holder_unit TEXT NOT NULL,
    vehicle_type TEXT NOT NULL,
    standing_id TEXT NOT NULL REFERENCES standing_authorisations (id),
    PRIMARY KEY (nation, holder_nation, holder_unit, vehicle_type, standing_id)
);
CREATE INDEX standing_keys_by_standing ON standing_keys (standing_id);

-- Which nation cleared which movement under which authorisation (the board's share). Written
-- in the submission's transaction before the notification row, so no foreign key to it.
CREATE TABLE standing_uses (
    notification_id TEXT NOT NULL,
    nation TEXT NOT NULL,
    standing_id TEXT NOT NULL REFERENCES standing_authorisations (id),
    used_at TIMESTAMP NOT NULL,
    PRIMARY KEY (notification_id, nation, standing_id)
);
CREATE INDEX standing_uses_by_nation ON standing_uses (nation, used_at);
