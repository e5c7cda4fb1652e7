-- The results read counts, not answers: per campaign and department, how many answered and the sum of
-- their recommend scores; per item, how many gave each score (NULL: 不适用). Numbers only, no person,
-- no time. Kept by a trigger on each statement that adds answers, so every way in (a submit, an import)
-- counts the same; the results then read a few hundred rows instead of every answer's items.
CREATE TABLE staff_survey_tallies (
  campaign_id uuid NOT NULL REFERENCES staff_survey_campaigns (id),
  department_id uuid REFERENCES departments (id),
  responses integer NOT NULL,
  recommend_sum integer NOT NULL
);
CREATE UNIQUE INDEX staff_survey_tallies_key ON staff_survey_tallies (campaign_id, department_id) NULLS NOT DISTINCT;

CREATE TABLE staff_survey_item_counts (
  campaign_id uuid NOT NULL REFERENCES staff_survey_campaigns (id),
  department_id uuid REFERENCES departments (id),
  item_id text NOT NULL,
  score text,
  count integer NOT NULL
);
CREATE UNIQUE INDEX staff_survey_item_counts_key
  ON staff_survey_item_counts (campaign_id, department_id, item_id, score) NULLS NOT DISTINCT;

-- The comments are still read from the answers: only those that have one.
CREATE INDEX staff_survey_answers_comments ON staff_survey_answers (campaign_id, department_id)
  WHERE comment IS NOT NULL;

CREATE FUNCTION staff_survey_count_answers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO staff_survey_tallies AS t (campaign_id, department_id, responses, recommend_sum)
    SELECT campaign_id, department_id, count(*), sum(recommend) FROM added GROUP BY 1, 2
  ON CONFLICT (campaign_id, department_id) DO UPDATE
    SET responses = t.responses + EXCLUDED.responses, recommend_sum = t.recommend_sum + EXCLUDED.recommend_sum;
  INSERT INTO staff_survey_item_counts AS c (campaign_id, department_id, item_id, score, count)
    SELECT a.campaign_id, a.department_id, e.key, e.value, count(*)
    FROM added a, jsonb_each_text(a.answers) AS e GROUP BY 1, 2, 3, 4
  ON CONFLICT (campaign_id, department_id, item_id, score) DO UPDATE SET count = c.count + EXCLUDED.count;
  RETURN NULL;
END $$;

CREATE TRIGGER staff_survey_answers_counted AFTER INSERT ON staff_survey_answers
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION staff_survey_count_answers();

-- The answers already given, counted once.
INSERT INTO staff_survey_tallies (campaign_id, department_id, responses, recommend_sum)
  SELECT campaign_id, department_id, count(*), sum(recommend) FROM staff_survey_answers GROUP BY 1, 2;
INSERT INTO staff_survey_item_counts (campaign_id, department_id, item_id, score, count)
  SELECT a.campaign_id, a.department_id, e.key, e.value, count(*)
  FROM staff_survey_answers a, jsonb_each_text(a.answers) AS e GROUP BY 1, 2, 3, 4;
