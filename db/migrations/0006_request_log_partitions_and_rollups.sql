CREATE TABLE "key_sources" (
	"key_id" uuid NOT NULL,
	"owner_id" uuid NOT NULL,
	"day" date NOT NULL,
	"kind" varchar(8) NOT NULL,
	"value" varchar(256) NOT NULL,
	"first_seen" timestamp with time zone NOT NULL,
	"last_seen" timestamp with time zone NOT NULL,
	"requests" integer NOT NULL,
	CONSTRAINT "key_sources_key_id_kind_value_day_pk" PRIMARY KEY("key_id","kind","value","day")
);
--> statement-breakpoint
CREATE TABLE "request_rollups" (
	"owner_id" uuid NOT NULL,
	"key_id" uuid,
	"grain" varchar(8) NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"outcome" varchar(32) NOT NULL,
	"requests" integer NOT NULL,
	"latency" integer[] NOT NULL,
	CONSTRAINT "request_rollups_point_key" UNIQUE NULLS NOT DISTINCT("owner_id","grain","bucket","key_id","outcome")
);
--> statement-breakpoint
-- The request log becomes a table partitioned by day (UTC), keeping every row it had.
-- Written by hand: drizzle-kit cannot express partitioning. The old table is renamed and
-- stripped of the names the new one takes (its primary key index, its other indexes and
-- its identity sequence), the new one is made, partitions are made for every day the old
-- rows cover and a week ahead, the rows are copied with their ids, and the old table goes.
ALTER TABLE "gateway_requests" RENAME TO "gateway_requests_unpartitioned";--> statement-breakpoint
ALTER TABLE "gateway_requests_unpartitioned" DROP CONSTRAINT "gateway_requests_pkey";--> statement-breakpoint
DROP INDEX "gateway_requests_owner_created_idx";--> statement-breakpoint
DROP INDEX "gateway_requests_key_created_idx";--> statement-breakpoint
DROP INDEX "gateway_requests_created_idx";--> statement-breakpoint
ALTER TABLE "gateway_requests_unpartitioned" ALTER COLUMN "id" DROP IDENTITY;--> statement-breakpoint
CREATE TABLE "gateway_requests" (
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "gateway_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"owner_id" uuid NOT NULL,
	"key_id" uuid NOT NULL,
	"method" varchar(16) NOT NULL,
	"path" varchar(2048) NOT NULL,
	"status" smallint NOT NULL,
	"latency_ms" integer NOT NULL,
	"client_ip" varchar(64),
	"refusal" varchar(32),
	"user_agent" varchar(256),
	"secret_start" varchar(32),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gateway_requests_id_created_at_pk" PRIMARY KEY("id","created_at")
) PARTITION BY RANGE ("created_at");
--> statement-breakpoint
-- A safety net for rows outside the days made ahead (should maintenance stop for a week):
-- making a day's partition later moves its rows out of here first.
CREATE TABLE "gateway_requests_default" PARTITION OF "gateway_requests" DEFAULT;--> statement-breakpoint
ALTER TABLE "gateway_requests" ADD CONSTRAINT "gateway_requests_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gateway_requests" ADD CONSTRAINT "gateway_requests_key_id_api_keys_id_fk" FOREIGN KEY ("key_id") REFERENCES "public"."api_keys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "gateway_requests_owner_created_idx" ON "gateway_requests" USING btree ("owner_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "gateway_requests_key_created_idx" ON "gateway_requests" USING btree ("key_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
-- One day's partition, named gateway_requests_YYYYMMDD. It is made empty, given the range
-- as a CHECK (so ATTACH need not scan it), filled with whatever of that day the default
-- partition holds, and attached: ATTACH locks the parent in SHARE UPDATE EXCLUSIVE mode,
-- which lets the gateway's inserts and the console's reads go on. lock_timeout keeps it
-- from queueing everyone behind it when a long read (an export) holds the default
-- partition; maintenance tries again on its next run. An advisory lock makes instances
-- that run maintenance at once take turns. False when the partition already exists.
CREATE FUNCTION gatehouse_request_log_add_partition(p_day date) RETURNS boolean
LANGUAGE plpgsql SET lock_timeout = '2s' AS $$
DECLARE
  part text := 'gateway_requests_' || to_char(p_day, 'YYYYMMDD');
  lo timestamptz := p_day::timestamp AT TIME ZONE 'UTC';
  hi timestamptz := (p_day + 1)::timestamp AT TIME ZONE 'UTC';
BEGIN
  PERFORM pg_advisory_xact_lock(72616002);
  IF to_regclass(part) IS NOT NULL THEN
    RETURN false;
  END IF;
  EXECUTE format('CREATE TABLE %I (LIKE gateway_requests INCLUDING DEFAULTS)', part);
  EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I CHECK (created_at >= %L AND created_at < %L)', part, part || '_range', lo, hi);
  EXECUTE format('WITH moved AS (DELETE FROM gateway_requests_default WHERE created_at >= %L AND created_at < %L RETURNING *) INSERT INTO %I SELECT * FROM moved', lo, hi, part);
  EXECUTE format('ALTER TABLE gateway_requests ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', part, lo, hi);
  EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', part, part || '_range');
  RETURN true;
END
$$;
--> statement-breakpoint
-- Retention: a whole day goes at once (no large DELETE). Only names of day partitions are
-- accepted, so nothing else can be dropped through it. Rows in the default partition past
-- the retention are few by design and are deleted.
CREATE FUNCTION gatehouse_request_log_drop_before(p_day date) RETURNS integer
LANGUAGE plpgsql SET lock_timeout = '2s' AS $$
DECLARE
  part text;
  dropped integer := 0;
BEGIN
  FOR part IN
    SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = 'gateway_requests'::regclass AND c.relname ~ '^gateway_requests_[0-9]{8}$'
      AND to_date(right(c.relname, 8), 'YYYYMMDD') < p_day
    ORDER BY c.relname
  LOOP
    EXECUTE format('DROP TABLE %I', part);
    dropped := dropped + 1;
  END LOOP;
  DELETE FROM gateway_requests_default WHERE created_at < p_day::timestamp AT TIME ZONE 'UTC';
  RETURN dropped;
END
$$;
--> statement-breakpoint
-- The rollups' two ways of sorting a request, here for the SQL below and for tests; the
-- gateway's writer computes the same in lib/request-log (a test holds them equal).
CREATE FUNCTION gatehouse_latency_bucket(ms integer) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT width_bucket(ms, ARRAY[1,2,3,5,7,10,15,20,30,50,75,100,150,200,300,500,750,1000,1500,2000,3000,5000,7500,10000,15000,30000,60000])
$$;
--> statement-breakpoint
CREATE FUNCTION gatehouse_request_outcome(status integer, refusal text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(refusal, (status / 100)::text || 'xx')
$$;
--> statement-breakpoint
-- The rollups of the log's rows in [p_from, p_to) at the given grains, computed from the
-- rows themselves: for this migration (existing rows), the dashboard benchmark's seed, and
-- the test that holds the gateway's rollups equal to the log.
CREATE FUNCTION gatehouse_rollups_from_log(p_from timestamptz, p_to timestamptz, p_grains text[])
RETURNS TABLE (owner_id uuid, key_id uuid, grain text, bucket timestamptz, outcome text, requests integer, latency integer[])
LANGUAGE sql STABLE AS $$
  WITH counted AS (
    SELECT r.owner_id, r.key_id, g.grain, date_trunc(g.grain, r.created_at, 'UTC') AS bucket,
           gatehouse_request_outcome(r.status, r.refusal) AS outcome, gatehouse_latency_bucket(r.latency_ms) AS lb, count(*) AS n
    FROM gateway_requests r CROSS JOIN unnest(p_grains) AS g(grain)
    WHERE r.created_at >= p_from AND r.created_at < p_to
    GROUP BY 1, 2, 3, 4, 5, 6
  ), both_levels AS (
    SELECT c.owner_id, c.key_id, c.grain, c.bucket, c.outcome, c.lb, sum(c.n) AS n
    FROM counted c
    GROUP BY GROUPING SETS ((c.owner_id, c.key_id, c.grain, c.bucket, c.outcome, c.lb), (c.owner_id, c.grain, c.bucket, c.outcome, c.lb))
  ), folded AS (
    SELECT b.owner_id, b.key_id, b.grain, b.bucket, b.outcome, sum(b.n)::integer AS requests, jsonb_object_agg(b.lb, b.n) AS h
    FROM both_levels b
    GROUP BY b.owner_id, b.key_id, b.grain, b.bucket, b.outcome
  )
  SELECT f.owner_id, f.key_id, f.grain, f.bucket, f.outcome, f.requests,
         ARRAY(SELECT coalesce((f.h ->> i::text)::integer, 0) FROM generate_series(0, 27) AS i ORDER BY i)
  FROM folded f
$$;
--> statement-breakpoint
SELECT gatehouse_request_log_add_partition(d::date)
FROM generate_series(
  coalesce((SELECT min(created_at) AT TIME ZONE 'UTC' FROM gateway_requests_unpartitioned), now() AT TIME ZONE 'UTC')::date,
  (now() AT TIME ZONE 'UTC')::date + 7,
  interval '1 day'
) AS d;
--> statement-breakpoint
INSERT INTO gateway_requests (id, owner_id, key_id, method, path, status, latency_ms, client_ip, created_at)
OVERRIDING SYSTEM VALUE
SELECT id, owner_id, key_id, method, path, status, latency_ms, client_ip, created_at FROM gateway_requests_unpartitioned;
--> statement-breakpoint
SELECT setval('gateway_requests_id_seq', coalesce((SELECT max(id) FROM gateway_requests), 0) + 1, false);--> statement-breakpoint
DROP TABLE "gateway_requests_unpartitioned";--> statement-breakpoint
ALTER TABLE "key_sources" ADD CONSTRAINT "key_sources_key_id_api_keys_id_fk" FOREIGN KEY ("key_id") REFERENCES "public"."api_keys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "key_sources" ADD CONSTRAINT "key_sources_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_rollups" ADD CONSTRAINT "request_rollups_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_rollups" ADD CONSTRAINT "request_rollups_key_id_api_keys_id_fk" FOREIGN KEY ("key_id") REFERENCES "public"."api_keys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Covering (INCLUDE, which drizzle cannot express): a key's recent sources are read from the
-- index alone. Without it PostgreSQL walked the day index (rows arrive in day order) over
-- every key's sources: 1 s for a key seen from 4,500 addresses a day.
CREATE INDEX "key_sources_key_day_idx" ON "key_sources" USING btree ("key_id","day") INCLUDE ("owner_id","kind","value","last_seen","requests");--> statement-breakpoint
CREATE INDEX "key_sources_day_idx" ON "key_sources" USING brin ("day");--> statement-breakpoint
CREATE INDEX "request_rollups_key_idx" ON "request_rollups" USING btree ("key_id","grain","bucket") WHERE key_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "request_rollups_grain_bucket_idx" ON "request_rollups" USING btree ("grain","bucket");
-- Rollups and sources for the rows the log already had (minutes only for the last two days,
-- which is all the minute grain is kept for).
INSERT INTO request_rollups (owner_id, key_id, grain, bucket, outcome, requests, latency)
SELECT * FROM gatehouse_rollups_from_log('-infinity', 'infinity', ARRAY['hour', 'day'])
UNION ALL
SELECT * FROM gatehouse_rollups_from_log(date_trunc('minute', now()) - interval '2 days', 'infinity', ARRAY['minute']);
--> statement-breakpoint
INSERT INTO key_sources (key_id, owner_id, day, kind, value, first_seen, last_seen, requests)
SELECT r.key_id, r.owner_id, (r.created_at AT TIME ZONE 'UTC')::date, s.kind, s.value, min(r.created_at), max(r.created_at), count(*)::integer
FROM gateway_requests r CROSS JOIN LATERAL (VALUES ('ip', r.client_ip), ('agent', r.user_agent)) AS s(kind, value)
WHERE s.value IS NOT NULL
GROUP BY 1, 2, 3, 4, 5;
