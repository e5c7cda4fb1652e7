-- Voice: the lexicon a new database starts with, as data. Migration 511 (in code, from
-- domain/voice/builtin-lexicon.ts) fills it; the hospital's own phrases in voice_lexicon win over it.
CREATE TABLE voice_lexicon_seed (
  phrase text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('term', 'negator', 'degree', 'contrast', 'concession', 'suggestion')),
  theme text,
  weight double precision NOT NULL
);
