-- The board's standing share (single movements each nation reviews, and those it cleared
-- under a standing authorisation, by hour) is kept in board_counts like its other counts
-- (scopes 's:single' and 's:cleared'). The board filled before lacks those rows: it is
-- filled again at the next start.
DELETE FROM board_versions WHERE scope = '#built';
