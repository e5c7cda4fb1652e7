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
