-- Delivery of subscribe messages: a sender leases a due message, then records the outcome.
ALTER TABLE outbox ADD COLUMN next_attempt_at timestamptz;
UPDATE outbox SET next_attempt_at = created_at;
ALTER TABLE outbox ALTER COLUMN next_attempt_at SET NOT NULL;
DROP INDEX outbox_pending;
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status = 'pending';
