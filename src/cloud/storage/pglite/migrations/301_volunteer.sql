-- 文明就医引导: registrations, shifts, patients' help requests, ratings and the service-hour ledger.
CREATE TABLE volunteer_profiles (
  user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  name text NOT NULL,
  phone text NOT NULL,
  team text NOT NULL CHECK (team IN ('党员', '青年', '老年', '社会')),
  skills text[] NOT NULL DEFAULT '{}',
  availability text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
  reason text,
  requested_at timestamptz NOT NULL,
  decided_at timestamptz,
  decided_by uuid
);
CREATE INDEX volunteer_profiles_pending ON volunteer_profiles (requested_at) WHERE status = 'pending';

CREATE TABLE volunteer_shifts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  volunteer_id uuid NOT NULL REFERENCES users (id),
  station text NOT NULL,
  started_at timestamptz NOT NULL,
  ended_at timestamptz,
  -- Closed by the 12-hour rule rather than by the volunteer.
  auto_closed boolean NOT NULL DEFAULT false,
  CHECK (ended_at IS NULL OR ended_at >= started_at)
);
-- One open shift per volunteer, whatever the races.
CREATE UNIQUE INDEX volunteer_shifts_one_open ON volunteer_shifts (volunteer_id) WHERE ended_at IS NULL;
CREATE INDEX volunteer_shifts_open ON volunteer_shifts (started_at) WHERE ended_at IS NULL;
CREATE INDEX volunteer_shifts_auto_closed ON volunteer_shifts (ended_at) WHERE auto_closed;

CREATE TABLE volunteer_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  patient_id uuid NOT NULL REFERENCES users (id),
  need text NOT NULL CHECK (need IN ('导诊带路', '轮椅协助', '老人陪同', '自助机操作', '其他')),
  from_place text NOT NULL,
  to_department_id uuid NOT NULL REFERENCES departments (id),
  note text,
  people integer NOT NULL CHECK (people BETWEEN 1 AND 6),
  status text NOT NULL CHECK (status IN ('waiting', 'claimed', 'completed', 'cancelled')),
  volunteer_id uuid REFERENCES users (id),
  created_at timestamptz NOT NULL,
  claimed_at timestamptz,
  completed_at timestamptz,
  cancelled_at timestamptz,
  CHECK ((status = 'claimed' OR status = 'completed') = (volunteer_id IS NOT NULL) OR status = 'cancelled')
);
-- One open request per patient.
CREATE UNIQUE INDEX volunteer_requests_one_open ON volunteer_requests (patient_id) WHERE status IN ('waiting', 'claimed');
CREATE INDEX volunteer_requests_waiting ON volunteer_requests (created_at) WHERE status = 'waiting';
CREATE INDEX volunteer_requests_claimed ON volunteer_requests (volunteer_id, claimed_at) WHERE status = 'claimed';
CREATE INDEX volunteer_requests_served ON volunteer_requests (volunteer_id, completed_at) WHERE status = 'completed';
CREATE INDEX volunteer_requests_patient ON volunteer_requests (patient_id, created_at);

-- One rating per request: the primary key refuses a second.
CREATE TABLE volunteer_ratings (
  request_id uuid PRIMARY KEY REFERENCES volunteer_requests (id),
  volunteer_id uuid NOT NULL REFERENCES users (id),
  stars smallint NOT NULL CHECK (stars BETWEEN 1 AND 5),
  comment text,
  created_at timestamptz NOT NULL
);
CREATE INDEX volunteer_ratings_volunteer ON volunteer_ratings (volunteer_id);

-- Service hours: a row per closed shift, and admin adjustments as rows of their own.
CREATE TABLE volunteer_hours (
  id bigserial PRIMARY KEY,
  volunteer_id uuid NOT NULL REFERENCES users (id),
  kind text NOT NULL CHECK (kind IN ('shift', 'adjustment')),
  minutes integer NOT NULL,
  shift_id uuid UNIQUE REFERENCES volunteer_shifts (id),
  reason text,
  recorded_by uuid,
  at timestamptz NOT NULL,
  CHECK (kind <> 'shift' OR (shift_id IS NOT NULL AND minutes BETWEEN 0 AND 720)),
  CHECK (kind <> 'adjustment' OR (shift_id IS NULL AND reason IS NOT NULL AND recorded_by IS NOT NULL AND minutes <> 0))
);
CREATE INDEX volunteer_hours_volunteer ON volunteer_hours (volunteer_id, at);
CREATE INDEX volunteer_hours_at ON volunteer_hours (at);

CREATE TRIGGER volunteer_hours_append_only BEFORE UPDATE OR DELETE ON volunteer_hours
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
