CREATE TABLE "audit_log" (
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"owner_id" uuid NOT NULL,
	"key_id" uuid,
	"action" varchar(48) NOT NULL,
	"actor" varchar(16) NOT NULL,
	"changes" jsonb,
	"ip" varchar(64),
	"user_agent" varchar(512),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_log_id_created_at_pk" PRIMARY KEY("id","created_at")
) PARTITION BY RANGE ("created_at");
--> statement-breakpoint
-- Retention drops whole months (lib/maintenance): no large DELETE, and none that the
-- trigger below would have to allow. The default partition only catches what falls
-- outside the months made ahead, should maintenance ever stop.
CREATE TABLE "audit_log_default" PARTITION OF "audit_log" DEFAULT;
--> statement-breakpoint
DO $$
DECLARE m date := date_trunc('month', now() AT TIME ZONE 'UTC')::date;
BEGIN
  FOR i IN 0..2 LOOP
    EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF audit_log FOR VALUES FROM (%L) TO (%L)',
      'audit_log_' || to_char(m + make_interval(months => i), 'YYYY_MM'),
      (m + make_interval(months => i))::timestamp AT TIME ZONE 'UTC',
      (m + make_interval(months => i + 1))::timestamp AT TIME ZONE 'UTC');
  END LOOP;
END $$;
--> statement-breakpoint
-- Append-only: no UPDATE or DELETE of an entry, from any role or code path.
CREATE FUNCTION gatehouse_audit_log_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION gatehouse_audit_log_append_only();
--> statement-breakpoint
DROP INDEX "api_keys_owner_created_idx";--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "expiry_noted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "rolled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "previous_hash" char(64);--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "previous_start" varchar(32);--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "grace_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "current_used_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "previous_used_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "audit_log_owner_created_idx" ON "audit_log" USING btree ("owner_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "audit_log_key_created_idx" ON "audit_log" USING btree ("key_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE key_id IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_previous_hash_key" ON "api_keys" USING btree ("previous_hash") WHERE previous_hash IS NOT NULL;--> statement-breakpoint
CREATE INDEX "api_keys_owner_last_used_idx" ON "api_keys" USING btree ("owner_id","last_used_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "api_keys_grace_idx" ON "api_keys" USING btree ("grace_until") WHERE previous_hash IS NOT NULL;--> statement-breakpoint
CREATE INDEX "api_keys_expiry_idx" ON "api_keys" USING btree ("expires_at") WHERE expires_at IS NOT NULL AND expiry_noted_at IS NULL AND deleted_at IS NULL;--> statement-breakpoint
CREATE INDEX "api_keys_owner_created_idx" ON "api_keys" USING btree ("owner_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE deleted_at IS NULL;--> statement-breakpoint
-- Every instance drops a key from its cache when anything the gateway checks changes: the
-- hash of the current and of the previous secret are both announced.
CREATE OR REPLACE FUNCTION gatehouse_notify_key_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('gatehouse_key_changed', OLD.hash);
  IF OLD.previous_hash IS NOT NULL THEN
    PERFORM pg_notify('gatehouse_key_changed', OLD.previous_hash);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
DROP TRIGGER api_keys_notify_change ON api_keys;
--> statement-breakpoint
CREATE TRIGGER api_keys_notify_change
AFTER UPDATE OF active, deleted_at, hash, previous_hash, grace_until, expires_at, rate_limit_per_minute OR DELETE ON api_keys
FOR EACH ROW EXECUTE FUNCTION gatehouse_notify_key_changed();
