-- Issue 16 (the planner's form): a unit's saved vehicle types and notification templates.
-- One row per (nation, unit, kind, name); `body` is the JSON the API was given, checked before
-- it was stored (a vehicle as a submission gives it, or a template's form, at most 64 KiB).
CREATE TABLE unit_presets (
    nation TEXT NOT NULL,
    unit TEXT NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    body TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (nation, unit, kind, name)
);
