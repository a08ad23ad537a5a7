-- Every instance LISTENs on this channel and drops the key from its cache, so a key
-- switched off or deleted (from the console, psql or a cascade) is refused everywhere.
CREATE OR REPLACE FUNCTION gatehouse_notify_key_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('gatehouse_key_changed', OLD.hash);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER api_keys_notify_change
AFTER UPDATE OF active, deleted_at, hash OR DELETE ON api_keys
FOR EACH ROW EXECUTE FUNCTION gatehouse_notify_key_changed();
