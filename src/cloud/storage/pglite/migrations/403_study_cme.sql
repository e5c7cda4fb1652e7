-- 继续医学教育: a session's Ⅱ类学分, and the admin's yearly requirement.
ALTER TABLE study_sessions ADD COLUMN cme_credits numeric(4, 1) NOT NULL DEFAULT 0 CHECK (cme_credits >= 0);

CREATE TABLE study_cme_requirements (
  year integer PRIMARY KEY,
  total numeric(5, 1) NOT NULL CHECK (total >= 0),
  class2_min numeric(5, 1) NOT NULL CHECK (class2_min >= 0),
  class2_max numeric(5, 1) NOT NULL CHECK (class2_max >= class2_min),
  set_by uuid NOT NULL REFERENCES users (id),
  set_at timestamptz NOT NULL
);
