-- The yearly 优秀志愿者 list, kept as published: one per year, the first publication wins.
CREATE TABLE volunteer_excellent_lists (
  year integer PRIMARY KEY,
  volunteers jsonb NOT NULL,
  published_by uuid NOT NULL,
  published_at timestamptz NOT NULL
);
