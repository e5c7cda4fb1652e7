-- Questionnaires are data: a new version is a new row, and every response records the one it answered.
CREATE TABLE survey_questionnaires (
  id text NOT NULL,
  version integer NOT NULL CHECK (version > 0),
  visit_type text NOT NULL CHECK (visit_type IN ('outpatient', 'inpatient')),
  title text NOT NULL,
  items jsonb NOT NULL,
  active boolean NOT NULL DEFAULT true,
  PRIMARY KEY (id, version)
);
CREATE UNIQUE INDEX survey_questionnaires_one_active ON survey_questionnaires (visit_type) WHERE active;

CREATE TABLE survey_visits (
  id text PRIMARY KEY,
  visit_type text NOT NULL CHECK (visit_type IN ('outpatient', 'inpatient')),
  department_id uuid NOT NULL REFERENCES departments (id),
  visit_date date NOT NULL,
  doctor text,
  imported_at timestamptz NOT NULL
);
CREATE INDEX survey_visits_department_date ON survey_visits (department_id, visit_date);

-- One response per visit, kept apart from the responses so that no response can be traced to a visit.
CREATE TABLE survey_answered_visits (
  visit_id text PRIMARY KEY REFERENCES survey_visits (id)
);

-- Anonymous by design: no user, no OPENID, no visit, and only the day it was given.
CREATE TABLE survey_responses (
  id bigserial PRIMARY KEY,
  department_id uuid NOT NULL REFERENCES departments (id),
  visit_type text NOT NULL CHECK (visit_type IN ('outpatient', 'inpatient')),
  month text NOT NULL CHECK (month ~ '^\d{4}-\d{2}$'),
  questionnaire_id text NOT NULL,
  questionnaire_version integer NOT NULL,
  answers jsonb NOT NULL,
  overall smallint CHECK (overall BETWEEN 1 AND 5),
  recommend smallint NOT NULL CHECK (recommend BETWEEN 0 AND 10),
  comment text CHECK (char_length(comment) <= 500),
  submitted_on date NOT NULL,
  FOREIGN KEY (questionnaire_id, questionnaire_version) REFERENCES survey_questionnaires (id, version)
);
CREATE INDEX survey_responses_department_month ON survey_responses (department_id, month);

-- Pre-aggregated per department, month and item, written in the response's transaction.
CREATE TABLE survey_item_counters (
  department_id uuid NOT NULL REFERENCES departments (id),
  month text NOT NULL,
  item_id text NOT NULL,
  n1 integer NOT NULL DEFAULT 0,
  n2 integer NOT NULL DEFAULT 0,
  n3 integer NOT NULL DEFAULT 0,
  n4 integer NOT NULL DEFAULT 0,
  n5 integer NOT NULL DEFAULT 0,
  na integer NOT NULL DEFAULT 0,
  PRIMARY KEY (department_id, month, item_id)
);
CREATE INDEX survey_item_counters_month_item ON survey_item_counters (item_id, month);

CREATE TABLE survey_month_counters (
  department_id uuid NOT NULL REFERENCES departments (id),
  month text NOT NULL,
  responses integer NOT NULL DEFAULT 0,
  recommend_sum integer NOT NULL DEFAULT 0,
  promoters integer NOT NULL DEFAULT 0,
  detractors integer NOT NULL DEFAULT 0,
  PRIMARY KEY (department_id, month)
);

CREATE TABLE survey_alerts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  response_id bigint NOT NULL UNIQUE REFERENCES survey_responses (id),
  department_id uuid NOT NULL REFERENCES departments (id),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  created_at timestamptz NOT NULL,
  closed_at timestamptz
);
CREATE INDEX survey_alerts_department ON survey_alerts (department_id, status, created_at);

-- The follow-up history: append-only.
CREATE TABLE survey_alert_events (
  id bigserial PRIMARY KEY,
  alert_id uuid NOT NULL REFERENCES survey_alerts (id),
  kind text NOT NULL CHECK (kind IN ('followUp', 'close')),
  action text CHECK (action IN ('called', 'explained', 'fixedProcess', 'noContact')),
  note text NOT NULL DEFAULT '',
  actor_id uuid NOT NULL,
  actor_name text NOT NULL,
  at timestamptz NOT NULL
);
CREATE INDEX survey_alert_events_alert ON survey_alert_events (alert_id, id);
CREATE TRIGGER survey_alert_events_append_only BEFORE UPDATE OR DELETE ON survey_alert_events
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
