-- A profile (identity.me) shows the user's department name and staff binding besides the user row:
-- any change to departments, bindings or the roster tells the host's cache (storage/pglite/user-cache.ts)
-- to forget every profile it holds. These tables change rarely (an import, an approval), so
-- forgetting all is cheaper than working out whose profile a change touched.
CREATE FUNCTION notify_profiles_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('profiles_changed', TG_TABLE_NAME);
  RETURN NULL;
END $$;

CREATE TRIGGER departments_profiles_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON departments
  FOR EACH STATEMENT EXECUTE FUNCTION notify_profiles_changed();
CREATE TRIGGER staff_bindings_profiles_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON staff_bindings
  FOR EACH STATEMENT EXECUTE FUNCTION notify_profiles_changed();
CREATE TRIGGER staff_roster_profiles_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON staff_roster
  FOR EACH STATEMENT EXECUTE FUNCTION notify_profiles_changed();
