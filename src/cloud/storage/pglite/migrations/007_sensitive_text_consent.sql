-- 单独同意 for free text about one's treatment: the answer and when it was given, per person.
ALTER TABLE users
  ADD COLUMN sensitive_text text CHECK (sensitive_text IN ('granted', 'declined')),
  ADD COLUMN sensitive_text_at timestamptz;
