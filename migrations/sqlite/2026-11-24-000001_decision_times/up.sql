-- How long people took to decide each kind of stage: the observed medians behind a predicted
-- breach. Kept apart from stages because the fast path clears most stages with a decision time
-- too: reading the latest hundred human decisions out of the stages index meant stepping over
-- every auto-cleared stage since, which grew with the history (1 ms per read at 5,000 stored).
CREATE TABLE decision_times (
    stage_id TEXT NOT NULL REFERENCES stages (id),
    nation TEXT NOT NULL,
    stage_key TEXT NOT NULL,
    opened_at TIMESTAMP NOT NULL,
    decided_at TIMESTAMP NOT NULL,
    PRIMARY KEY (stage_id, decided_at)
);
CREATE INDEX decision_times_recent ON decision_times (nation, stage_key, decided_at);

INSERT INTO decision_times (stage_id, nation, stage_key, opened_at, decided_at)
SELECT id, nation, stage_key, opened_at, decided_at FROM stages
WHERE status IN ('approved', 'approved_with_conditions', 'rejected', 'changes_requested')
  AND opened_at IS NOT NULL AND decided_at IS NOT NULL;

DROP INDEX stages_history;
