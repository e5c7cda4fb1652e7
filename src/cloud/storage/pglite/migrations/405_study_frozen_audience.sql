-- Who was expected (应到) at a session, frozen when its check-in window opens (domain/study/audience.ts),
-- so a later hire, transfer or new party member does not rewrite the session's history.
-- The marker row decides: the snapshot is written by the one statement whose marker insert wins.
CREATE TABLE study_audience_frozen (
  session_id uuid PRIMARY KEY REFERENCES study_sessions (id),
  frozen_at timestamptz NOT NULL
);

-- One row per expected person, with the department they were in when it was frozen.
CREATE TABLE study_audience (
  session_id uuid NOT NULL REFERENCES study_audience_frozen (session_id),
  user_id uuid NOT NULL REFERENCES users (id),
  department_id uuid REFERENCES departments (id),
  PRIMARY KEY (session_id, user_id)
);
CREATE INDEX study_audience_user ON study_audience (user_id);

-- The audience rule on today's roster (the domain's `expects`; the contract suite checks the two agree),
-- kept for sessions not frozen yet: a preview until the window opens, and what a freeze copies.
ALTER VIEW study_expected RENAME TO study_roster_expected;

-- Who is expected: the snapshot once frozen, today's roster before.
CREATE VIEW study_expected AS
  SELECT a.session_id, a.user_id, a.department_id FROM study_audience a
  UNION ALL
  SELECT r.session_id, r.user_id, r.department_id FROM study_roster_expected r
  WHERE NOT EXISTS (SELECT 1 FROM study_audience_frozen f WHERE f.session_id = r.session_id);
