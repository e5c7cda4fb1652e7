-- Dispatch by need and the national volunteer record (民政部《志愿服务记录与证明出具办法》).

-- The service desk's assignments: the administrator who handed a request to a volunteer.
ALTER TABLE volunteer_requests ADD COLUMN assigned_by uuid;

-- The record's training and awards sections, entered by an administrator; append-only like the hours ledger.
CREATE TABLE volunteer_record_sections (
  id bigserial PRIMARY KEY,
  volunteer_id uuid NOT NULL REFERENCES users (id),
  section text NOT NULL CHECK (section IN ('training', 'award')),
  title text NOT NULL,
  on_date date NOT NULL,
  detail text NOT NULL DEFAULT '',
  recorded_by uuid NOT NULL,
  recorded_at timestamptz NOT NULL
);
CREATE INDEX volunteer_record_sections_volunteer ON volunteer_record_sections (volunteer_id, on_date);
CREATE TRIGGER volunteer_record_sections_append_only BEFORE UPDATE OR DELETE ON volunteer_record_sections
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- Self-reported service outside the app: pending until the team's leader or an administrator decides.
CREATE TABLE volunteer_service_reports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  volunteer_id uuid NOT NULL REFERENCES users (id),
  team text NOT NULL CHECK (team IN ('党员', '青年', '老年', '社会')),
  service_date date NOT NULL,
  place text NOT NULL,
  content text NOT NULL,
  minutes integer NOT NULL CHECK (minutes > 0 AND minutes <= 720),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  note text,
  decided_by uuid,
  decided_at timestamptz,
  reported_at timestamptz NOT NULL
);
-- The same service reported twice is refused; a rejected one may be reported again, corrected.
CREATE UNIQUE INDEX volunteer_service_reports_once ON volunteer_service_reports (volunteer_id, service_date, place, content)
  WHERE status <> 'rejected';
CREATE INDEX volunteer_service_reports_pending ON volunteer_service_reports (team, reported_at) WHERE status = 'pending';
CREATE INDEX volunteer_service_reports_volunteer ON volunteer_service_reports (volunteer_id, reported_at);

-- Minutes reported per volunteer and day, pending or approved: the conditional upsert keeps it within 12 h.
CREATE TABLE volunteer_report_days (
  volunteer_id uuid NOT NULL REFERENCES users (id),
  service_date date NOT NULL,
  minutes integer NOT NULL CHECK (minutes BETWEEN 0 AND 720),
  PRIMARY KEY (volunteer_id, service_date)
);

-- An approved report is booked once in the append-only ledger.
ALTER TABLE volunteer_hours DROP CONSTRAINT volunteer_hours_kind_check;
ALTER TABLE volunteer_hours ADD CONSTRAINT volunteer_hours_kind_check CHECK (kind IN ('shift', 'adjustment', 'external'));
ALTER TABLE volunteer_hours ADD COLUMN report_id uuid UNIQUE REFERENCES volunteer_service_reports (id);
ALTER TABLE volunteer_hours ADD CONSTRAINT volunteer_hours_external_check
  CHECK (kind <> 'external' OR (report_id IS NOT NULL AND recorded_by IS NOT NULL AND minutes BETWEEN 1 AND 720));

-- Team leaders, set by an administrator; a team may have several.
CREATE TABLE volunteer_team_leaders (
  team text NOT NULL CHECK (team IN ('党员', '青年', '老年', '社会')),
  user_id uuid NOT NULL REFERENCES users (id),
  PRIMARY KEY (team, user_id)
);

-- 志愿服务证明, kept as issued; one per volunteer and period, however often it is asked for.
CREATE TABLE volunteer_certificates (
  number text PRIMARY KEY,
  volunteer_id uuid NOT NULL REFERENCES users (id),
  period_key text NOT NULL,
  name text NOT NULL,
  id_last4 text,
  period_from date,
  period_to date NOT NULL,
  minutes integer NOT NULL,
  services integer NOT NULL,
  content text NOT NULL,
  issuer text NOT NULL,
  issued_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'valid' CHECK (status IN ('valid', 'revoked')),
  revoked_reason text,
  revoked_at timestamptz,
  UNIQUE (volunteer_id, period_key)
);
