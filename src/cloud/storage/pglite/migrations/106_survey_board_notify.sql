-- The board's version moves in memory instead of in a row: the same triggers now notify, and the
-- survey repository counts the notifications (PGlite delivers them before the writing statement
-- returns). A served board then costs no query at all, and an answer no longer updates one shared row.
CREATE OR REPLACE FUNCTION bump_survey_board_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('survey_board_changed', '');
  RETURN NULL;
END $$;

DROP TABLE survey_board_version;
