-- 医务人员满意度: campaigns, who has answered, and the answers, kept so that none joins the others.
CREATE TABLE staff_survey_campaigns (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title text NOT NULL,
  opens_on date NOT NULL,
  closes_on date NOT NULL,
  questionnaire_version integer NOT NULL,
  -- Staff invited per department ('' for none), counted when the campaign was created: numbers, never people.
  invited jsonb NOT NULL,
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL,
  CHECK (closes_on >= opens_on)
);

-- Who has answered: the person and the campaign, nothing else (no time, no answer). Written in a
-- transaction of its own, before the answer and never with it.
CREATE TABLE staff_survey_answered (
  campaign_id uuid NOT NULL REFERENCES staff_survey_campaigns (id),
  user_id uuid NOT NULL REFERENCES users (id),
  PRIMARY KEY (campaign_id, user_id)
);

-- Anonymous by construction: no user, no OPENID, no time finer than the day; a random id, so neither
-- the key nor its order follows the order of answering.
CREATE TABLE staff_survey_answers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  campaign_id uuid NOT NULL REFERENCES staff_survey_campaigns (id),
  department_id uuid REFERENCES departments (id),
  questionnaire_version integer NOT NULL,
  answers jsonb NOT NULL,
  recommend smallint NOT NULL CHECK (recommend BETWEEN 0 AND 10),
  comment text CHECK (char_length(comment) <= 500),
  submitted_on date NOT NULL
);
CREATE INDEX staff_survey_answers_campaign ON staff_survey_answers (campaign_id, department_id);
