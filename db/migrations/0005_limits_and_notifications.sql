-- Leases (lib/limits): one call takes up to p_want tokens from a shared counter without ever
-- passing its limit, and says how many it got. Functions, because RETURNING cannot show the
-- value a row had before an update (PostgreSQL 15).
CREATE FUNCTION gatehouse_lease_key_window(p_key uuid, p_window timestamptz, p_want int, p_limit int, OUT granted int, OUT leased int)
LANGUAGE plpgsql AS $$
DECLARE before int;
BEGIN
  INSERT INTO key_rate_windows (key_id, window_start, leased) VALUES (p_key, p_window, 0) ON CONFLICT DO NOTHING;
  SELECT w.leased INTO before FROM key_rate_windows w WHERE w.key_id = p_key AND w.window_start = p_window FOR UPDATE;
  granted := least(p_want, greatest(0, p_limit - before));
  leased := before + granted;
  UPDATE key_rate_windows w SET leased = before + granted WHERE w.key_id = p_key AND w.window_start = p_window;
END
$$;
--> statement-breakpoint
CREATE FUNCTION gatehouse_lease_quota(p_owner uuid, p_period date, p_want bigint, p_quota bigint, OUT granted bigint, OUT leased bigint)
LANGUAGE plpgsql AS $$
DECLARE before bigint;
BEGIN
  INSERT INTO account_usage (owner_id, period) VALUES (p_owner, p_period) ON CONFLICT DO NOTHING;
  SELECT u.leased INTO before FROM account_usage u WHERE u.owner_id = p_owner AND u.period = p_period FOR UPDATE;
  granted := least(p_want, greatest(0, p_quota - before));
  leased := before + granted;
  UPDATE account_usage u SET leased = before + granted WHERE u.owner_id = p_owner AND u.period = p_period;
END
$$;
--> statement-breakpoint
-- A plan edited by the operator, or an account moved to another plan: every instance drops
-- the cached limits (channel gatehouse_limits_changed; payload: the account, or * for all).
CREATE FUNCTION gatehouse_notify_limits_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('gatehouse_limits_changed', CASE WHEN TG_TABLE_NAME = 'users' THEN NEW.id::text ELSE '*' END);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER plans_notify_limits AFTER UPDATE ON plans
FOR EACH ROW EXECUTE FUNCTION gatehouse_notify_limits_changed();
--> statement-breakpoint
CREATE TRIGGER users_notify_limits AFTER UPDATE OF plan_id ON users
FOR EACH ROW EXECUTE FUNCTION gatehouse_notify_limits_changed();
--> statement-breakpoint
-- A new key: instances drop its hash from their cache of unknown keys, so it works at once.
CREATE FUNCTION gatehouse_notify_key_created() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('gatehouse_key_changed', NEW.hash);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER api_keys_notify_created AFTER INSERT ON api_keys
FOR EACH ROW EXECUTE FUNCTION gatehouse_notify_key_created();
