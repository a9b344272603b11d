DROP INDEX stages_queue_key;
DROP INDEX stages_queue_nation;
