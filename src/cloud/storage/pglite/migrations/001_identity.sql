CREATE TABLE departments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL UNIQUE,
  kind text NOT NULL CHECK (kind IN ('clinical', 'medtech', 'admin')),
  sort integer NOT NULL DEFAULT 0
);

CREATE TABLE staff_roster (
  employee_no text PRIMARY KEY,
  name text NOT NULL,
  department_id uuid NOT NULL REFERENCES departments (id),
  title text NOT NULL,
  party_member boolean NOT NULL DEFAULT false
);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  openid text NOT NULL UNIQUE,
  name text NOT NULL DEFAULT '',
  roles text[] NOT NULL DEFAULT ARRAY['patient'],
  department_id uuid REFERENCES departments (id),
  large_text boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE staff_bindings (
  user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  employee_no text NOT NULL REFERENCES staff_roster (employee_no),
  status text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
  requested_at timestamptz NOT NULL,
  decided_at timestamptz,
  decided_by uuid
);

-- One WeChat account per employee: the database refuses a second approved binding.
CREATE UNIQUE INDEX staff_bindings_one_approved ON staff_bindings (employee_no) WHERE status = 'approved';
CREATE INDEX staff_bindings_pending ON staff_bindings (requested_at) WHERE status = 'pending';
