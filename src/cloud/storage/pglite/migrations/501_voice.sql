-- Voice: the hospital's own lexicon phrases, on top of the lexicon that ships with the tagger.
-- Who changed a phrase is in the audit log; the lexicon names nobody.
CREATE TABLE voice_lexicon (
  phrase text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('term', 'negator', 'degree', 'contrast', 'concession', 'suggestion')),
  theme text,
  weight double precision NOT NULL,
  enabled boolean NOT NULL DEFAULT true,
  updated_at timestamptz NOT NULL
);

-- One row: bumped with every change, so stored tags know whether they are stale.
CREATE TABLE voice_lexicon_version (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  version integer NOT NULL
);
INSERT INTO voice_lexicon_version (version) VALUES (1);

-- The tags of every survey comment, complaint and praise, with the lexicon version that made them, so
-- the timer re-tags what an older lexicon read. Keyed by what was tagged and never holding its text; the
-- department and month ride along so the boards read one table.
CREATE TABLE voice_tags (
  source text NOT NULL CHECK (source IN ('survey', 'complaint', 'praise')),
  source_id text NOT NULL,
  department_id uuid NOT NULL REFERENCES departments (id),
  month text NOT NULL CHECK (month ~ '^\d{4}-\d{2}$'),
  visit_type text CHECK (visit_type IN ('outpatient', 'inpatient')),
  version integer NOT NULL,
  tagging jsonb NOT NULL,
  PRIMARY KEY (source, source_id)
);
CREATE INDEX voice_tags_version ON voice_tags (version);
CREATE INDEX voice_tags_month ON voice_tags (month, department_id);
