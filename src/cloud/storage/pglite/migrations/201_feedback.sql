-- 服务礼仪: the 暖语手册, praise and complaints with their workflow history, and published service stars.
CREATE TABLE feedback_phrases (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  scene text NOT NULL,
  situation text NOT NULL,
  recommended text[] NOT NULL CHECK (cardinality(recommended) > 0),
  forbidden text[] NOT NULL CHECK (cardinality(forbidden) > 0),
  sort integer NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL
);
CREATE INDEX feedback_phrases_scene ON feedback_phrases (scene, sort);

CREATE TABLE feedback_items (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('praise', 'complaint')),
  status text NOT NULL,
  patient_id uuid NOT NULL REFERENCES users (id),
  department_id uuid NOT NULL REFERENCES departments (id),
  employee_no text REFERENCES staff_roster (employee_no),
  staff_name text,
  categories text[] NOT NULL,
  body text NOT NULL CHECK (char_length(body) BETWEEN 10 AND 500),
  contact_phone text,
  anonymous boolean NOT NULL,
  held_reasons text[] NOT NULL DEFAULT '{}',
  -- China-time month of submission: the month service stars count it in.
  month text NOT NULL CHECK (month ~ '^\d{4}-\d{2}$'),
  created_at timestamptz NOT NULL,
  handler_id uuid REFERENCES users (id),
  accepted_at timestamptz,
  replied_at timestamptz,
  reply_text text,
  upheld boolean,
  closed_at timestamptz,
  rating smallint CHECK (rating BETWEEN 1 AND 5),
  reopened_at timestamptz,
  reopen_reason text,
  reopen_count integer NOT NULL DEFAULT 0 CHECK (reopen_count <= 1),
  decided_at timestamptz,
  decided_by uuid REFERENCES users (id),
  CHECK (
    (kind = 'complaint' AND status IN ('submitted', 'accepted', 'replied', 'closed'))
    OR (kind = 'praise' AND status IN ('pending', 'approved', 'rejected'))
  ),
  CHECK (status <> 'replied' OR (replied_at IS NOT NULL AND reply_text IS NOT NULL AND upheld IS NOT NULL))
);
CREATE INDEX feedback_items_patient ON feedback_items (patient_id, created_at DESC);
CREATE INDEX feedback_items_queue ON feedback_items (department_id, status, created_at DESC) WHERE kind = 'complaint';
CREATE INDEX feedback_items_replied ON feedback_items (replied_at) WHERE status = 'replied';
CREATE INDEX feedback_items_pending_praise ON feedback_items (created_at) WHERE status = 'pending';
CREATE INDEX feedback_items_wall ON feedback_items (decided_at DESC) WHERE status = 'approved';
CREATE INDEX feedback_items_staff ON feedback_items (employee_no, month) WHERE employee_no IS NOT NULL;

-- Who moved an item from which status to which, and when: append-only.
CREATE TABLE feedback_history (
  id bigserial PRIMARY KEY,
  item_id uuid NOT NULL REFERENCES feedback_items (id),
  action text NOT NULL,
  from_status text,
  to_status text NOT NULL,
  actor_id uuid REFERENCES users (id),
  actor text NOT NULL CHECK (actor IN ('patient', 'manager', 'admin', 'system')),
  note text,
  at timestamptz NOT NULL
);
CREATE INDEX feedback_history_item ON feedback_history (item_id, id);

CREATE TRIGGER feedback_history_append_only BEFORE UPDATE OR DELETE ON feedback_history
  FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- The stars an admin published for a month: one row per star, republishing replaces the month.
CREATE TABLE feedback_stars (
  month text NOT NULL CHECK (month ~ '^\d{4}-\d{2}$'),
  employee_no text NOT NULL REFERENCES staff_roster (employee_no),
  department_id uuid NOT NULL REFERENCES departments (id),
  score integer NOT NULL,
  published_at timestamptz NOT NULL,
  published_by uuid NOT NULL REFERENCES users (id),
  PRIMARY KEY (month, employee_no)
);
