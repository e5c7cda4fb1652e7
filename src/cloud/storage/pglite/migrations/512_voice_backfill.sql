-- Voice: where the back-fill of untagged texts stands ({version, after, done}), beside the version it follows.
ALTER TABLE voice_lexicon_version ADD COLUMN backfill jsonb;
