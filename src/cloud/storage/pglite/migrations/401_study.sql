-- 三会一课 and other collective study: sessions, leave requests, check-ins.
CREATE TABLE study_sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  type text NOT NULL CHECK (type IN ('支部党员大会', '支委会', '党小组会', '党课', '主题党日', '道德讲堂', '业务学习', '服务礼仪培训', '其他')),
  title text NOT NULL,
  speaker text,
  location text NOT NULL,
  start_at timestamptz NOT NULL,
  end_at timestamptz NOT NULL,
  audience_kind text NOT NULL CHECK (audience_kind IN ('all', 'party', 'departments')),
  audience_departments uuid[] NOT NULL DEFAULT '{}',
  credit_hours numeric(4, 1) NOT NULL CHECK (credit_hours >= 0),
  status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
  organizer_id uuid NOT NULL REFERENCES users (id),
  organizer_department_id uuid REFERENCES departments (id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK (end_at > start_at),
  CHECK ((audience_kind = 'departments') = (cardinality(audience_departments) > 0))
);
CREATE INDEX study_sessions_start ON study_sessions (start_at);

CREATE TABLE study_leaves (
  session_id uuid NOT NULL REFERENCES study_sessions (id),
  user_id uuid NOT NULL REFERENCES users (id),
  reason text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
  requested_at timestamptz NOT NULL,
  decided_at timestamptz,
  decided_by uuid,
  PRIMARY KEY (session_id, user_id)
);

-- One check-in per person and session, whatever the races: the primary key decides.
CREATE TABLE study_attendance (
  session_id uuid NOT NULL REFERENCES study_sessions (id),
  user_id uuid NOT NULL REFERENCES users (id),
  -- The department at check-in time, so later transfers do not rewrite history.
  department_id uuid REFERENCES departments (id),
  checked_in_at timestamptz NOT NULL,
  late boolean NOT NULL,
  expected boolean NOT NULL,
  checked_out_at timestamptz,
  PRIMARY KEY (session_id, user_id),
  CHECK (checked_out_at IS NULL OR checked_out_at >= checked_in_at)
);
CREATE INDEX study_attendance_user ON study_attendance (user_id, checked_in_at);

-- Hospital staff: whoever holds a staff, manager or admin role.
CREATE VIEW study_staff AS
  SELECT u.id AS user_id, u.name, u.department_id, COALESCE(r.party_member, false) AS party_member
  FROM users u
  LEFT JOIN staff_bindings b ON b.user_id = u.id AND b.status = 'approved'
  LEFT JOIN staff_roster r ON r.employee_no = b.employee_no
  WHERE u.roles && ARRAY['staff', 'manager', 'admin'];

-- Who is expected (应到) at which session, by the audience rule and today's roster.
CREATE VIEW study_expected AS
  SELECT s.id AS session_id, p.user_id, p.department_id
  FROM study_sessions s
  JOIN study_staff p ON s.audience_kind = 'all'
    OR (s.audience_kind = 'party' AND p.party_member)
    OR (s.audience_kind = 'departments' AND p.department_id = ANY (s.audience_departments));

-- Credit earned: the session's, pro-rated when checking out before the end.
CREATE VIEW study_credits AS
  SELECT a.session_id, a.user_id, a.department_id, a.checked_in_at, a.late, a.expected, a.checked_out_at,
         CASE WHEN a.checked_out_at IS NULL OR a.checked_out_at >= s.end_at THEN s.credit_hours
              ELSE round(s.credit_hours * GREATEST(0, extract(epoch FROM a.checked_out_at - GREATEST(a.checked_in_at, s.start_at)))
                         / extract(epoch FROM s.end_at - s.start_at), 1)
         END AS credit_hours
  FROM study_attendance a JOIN study_sessions s ON s.id = a.session_id;
