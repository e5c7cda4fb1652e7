-- Staff named by patients, from any area (survey "想表扬的工作人员", approved praise). Monthly
-- service stars count these; the areas that write them do so in the same transaction as their own row.
CREATE TABLE staff_mentions (
  id bigserial PRIMARY KEY,
  source text NOT NULL CHECK (source IN ('survey', 'praise')),
  department_id uuid NOT NULL REFERENCES departments (id),
  employee_no text REFERENCES staff_roster (employee_no),
  staff_name text NOT NULL,
  month text NOT NULL CHECK (month ~ '^\d{4}-\d{2}$'),
  created_at timestamptz NOT NULL
);
CREATE INDEX staff_mentions_month ON staff_mentions (month, department_id);
