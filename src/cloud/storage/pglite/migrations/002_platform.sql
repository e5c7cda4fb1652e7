CREATE TABLE idempotency (
  user_id uuid NOT NULL,
  fn text NOT NULL,
  action text NOT NULL,
  request_id text NOT NULL,
  state text NOT NULL CHECK (state IN ('pending', 'done')),
  result jsonb,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, fn, action, request_id)
);

CREATE TABLE outbox (
  id bigserial PRIMARY KEY,
  user_id uuid NOT NULL,
  template text NOT NULL,
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  created_at timestamptz NOT NULL,
  sent_at timestamptz
);
CREATE INDEX outbox_pending ON outbox (created_at) WHERE status = 'pending';
CREATE INDEX outbox_user ON outbox (user_id, id);

CREATE TABLE rate_hits (
  key text NOT NULL,
  window_start timestamptz NOT NULL,
  hits integer NOT NULL,
  PRIMARY KEY (key, window_start)
);

CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  actor_id uuid NOT NULL,
  fn text NOT NULL,
  action text NOT NULL,
  target text NOT NULL,
  details jsonb NOT NULL DEFAULT '{}',
  at timestamptz NOT NULL
);

-- Append-only: history tables refuse UPDATE and DELETE at the database, not by convention.
CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME;
END;
$$;

CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
