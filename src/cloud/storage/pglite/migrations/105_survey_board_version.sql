-- One number that moves whenever something the 满意度公示 board shows changes: the item counters,
-- the departments or 你说·我们做. The board handler keeps the board it built with the number it read,
-- and while the number stands it answers from that copy instead of reading the counters again.
-- It is a count of changes, not a time, so it says nothing about when anyone answered.
CREATE TABLE survey_board_version (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  version bigint NOT NULL
);
INSERT INTO survey_board_version (version) VALUES (0);

CREATE FUNCTION bump_survey_board_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE survey_board_version SET version = version + 1;
  RETURN NULL;
END $$;

CREATE TRIGGER survey_item_counters_board_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON survey_item_counters
  FOR EACH STATEMENT EXECUTE FUNCTION bump_survey_board_version();
CREATE TRIGGER departments_board_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON departments
  FOR EACH STATEMENT EXECUTE FUNCTION bump_survey_board_version();
CREATE TRIGGER survey_improvements_board_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON survey_improvements
  FOR EACH STATEMENT EXECUTE FUNCTION bump_survey_board_version();
