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
