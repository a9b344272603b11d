-- The officer's queue (issue 16): a nation's open stages soonest due first, for its
-- coordinator (every stage) and for its officers (one scan per stage key they hold), each a
-- bounded range of one index whatever the number of live notifications.
CREATE INDEX stages_queue_nation ON stages (nation, status, due_at, id);
CREATE INDEX stages_queue_key ON stages (nation, stage_key, status, due_at, id);
