-- Every change to a user row names the OPENID it touched, so the host's cache of callers
-- (storage/pglite/user-cache.ts) forgets it. A trigger rather than the repository code: a role, a
-- department or a preference changed by any statement, now or in a later migration, is covered.
CREATE FUNCTION notify_users_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM pg_notify('users_changed', OLD.openid); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM pg_notify('users_changed', NEW.openid); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER users_changed AFTER INSERT OR UPDATE OR DELETE ON users
  FOR EACH ROW EXECUTE FUNCTION notify_users_changed();

CREATE FUNCTION notify_users_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('users_changed', '*');
  RETURN NULL;
END $$;

CREATE TRIGGER users_truncated AFTER TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION notify_users_truncated();
