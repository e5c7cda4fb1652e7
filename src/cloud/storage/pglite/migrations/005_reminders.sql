-- Reminders the timer re-checks every few minutes are queued once per person and occasion.
ALTER TABLE outbox ADD COLUMN once_key text;
CREATE UNIQUE INDEX outbox_once ON outbox (user_id, once_key) WHERE once_key IS NOT NULL;
-- Reminders for a department without a manager go to the administrators.
CREATE INDEX users_admins ON users (id) WHERE 'admin' = ANY(roles);
