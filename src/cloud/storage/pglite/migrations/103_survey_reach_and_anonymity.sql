-- Short codes a patient can type from a slip (8 characters of 23456789ABCDEFGHJKMNPQRSTUVWXYZ), unique.
-- Visits imported before this migration get one here; new ones get theirs from the import.
ALTER TABLE survey_visits ADD COLUMN short_code text;
CREATE UNIQUE INDEX survey_visits_short_code ON survey_visits (short_code);
DO $$
DECLARE
  alphabet constant text := '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
  visit record;
BEGIN
  FOR visit IN SELECT id FROM survey_visits WHERE short_code IS NULL LOOP
    LOOP
      BEGIN
        UPDATE survey_visits SET short_code = (
          SELECT string_agg(substr(alphabet, 1 + floor(random() * 31)::int, 1), '') FROM generate_series(1, 8)
        ) WHERE id = visit.id;
        EXIT;
      EXCEPTION WHEN unique_violation THEN
        -- another visit drew the same code: draw again
      END;
    END LOOP;
  END LOOP;
END $$;
ALTER TABLE survey_visits ALTER COLUMN short_code SET NOT NULL;

-- Survey-side rows keep the day only: an exact time would line up with whatever else the caller wrote.
ALTER TABLE survey_alerts ADD COLUMN created_on date;
UPDATE survey_alerts SET created_on = (created_at AT TIME ZONE 'Asia/Shanghai')::date;
ALTER TABLE survey_alerts ALTER COLUMN created_on SET NOT NULL;
DROP INDEX survey_alerts_department;
ALTER TABLE survey_alerts DROP COLUMN created_at;
CREATE INDEX survey_alerts_department ON survey_alerts (department_id, status, created_on);

UPDATE staff_mentions SET created_at = date_trunc('day', created_at AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai'
WHERE source = 'survey';

-- 愿意接受回访: a number the patient chose to leave, erased 30 days after the alert closes.
ALTER TABLE survey_alerts ADD COLUMN contact_phone text CHECK (contact_phone ~ '^1[3-9][0-9]{9}$');
CREATE INDEX survey_alerts_contact_closed ON survey_alerts (closed_at) WHERE contact_phone IS NOT NULL;

-- 你说·我们做
CREATE TABLE survey_improvements (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  department_id uuid NOT NULL REFERENCES departments (id),
  said text NOT NULL CHECK (char_length(said) <= 200),
  did text NOT NULL CHECK (char_length(did) <= 200),
  author_id uuid NOT NULL,
  published_on date NOT NULL,
  published_at timestamptz NOT NULL
);
CREATE INDEX survey_improvements_newest ON survey_improvements (published_at DESC);
