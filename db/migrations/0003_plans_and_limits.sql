CREATE TABLE "account_usage" (
	"owner_id" uuid NOT NULL,
	"period" date NOT NULL,
	"leased" bigint DEFAULT 0 NOT NULL,
	"used" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "account_usage_owner_id_period_pk" PRIMARY KEY("owner_id","period")
);
--> statement-breakpoint
CREATE TABLE "auth_attempts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "auth_attempts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"scope" varchar(300) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "key_rate_windows" (
	"key_id" uuid NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"leased" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "key_rate_windows_key_id_window_start_pk" PRIMARY KEY("key_id","window_start")
);
--> statement-breakpoint
CREATE TABLE "plan_changes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "plan_changes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"user_id" uuid NOT NULL,
	"from_plan_id" varchar(32),
	"to_plan_id" varchar(32) NOT NULL,
	"changed_by" varchar(16) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"name" varchar(64) NOT NULL,
	"price_cents" integer DEFAULT 0 NOT NULL,
	"monthly_quota" bigint,
	"default_rate_per_minute" integer,
	"max_rate_per_minute" integer,
	"max_keys" integer,
	"self_serve" boolean DEFAULT true NOT NULL,
	"position" smallint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
-- The default plans, named after the seed product family's. Null is unlimited. Internal is
-- for the operator's own services and benchmarks: no quota, no rate limit, no key cap.
INSERT INTO "plans" ("id", "name", "price_cents", "monthly_quota", "default_rate_per_minute", "max_rate_per_minute", "max_keys", "self_serve", "position") VALUES
	('free', 'Free', 0, 10000, 60, 600, 10, true, 1),
	('developer', 'Developer', 1900, 100000, 600, 6000, 100, true, 2),
	('business', 'Business', 4900, 1000000, 6000, 60000, 1000, true, 3),
	('internal', 'Internal', 0, NULL, NULL, NULL, NULL, false, 4);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "rate_limit_per_minute" integer;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "plan_id" varchar(32) DEFAULT 'free' NOT NULL;--> statement-breakpoint
ALTER TABLE "account_usage" ADD CONSTRAINT "account_usage_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "key_rate_windows" ADD CONSTRAINT "key_rate_windows_key_id_api_keys_id_fk" FOREIGN KEY ("key_id") REFERENCES "public"."api_keys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_changes" ADD CONSTRAINT "plan_changes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_changes" ADD CONSTRAINT "plan_changes_from_plan_id_plans_id_fk" FOREIGN KEY ("from_plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_changes" ADD CONSTRAINT "plan_changes_to_plan_id_plans_id_fk" FOREIGN KEY ("to_plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "auth_attempts_scope_created_idx" ON "auth_attempts" USING btree ("scope","created_at");--> statement-breakpoint
CREATE INDEX "key_rate_windows_start_idx" ON "key_rate_windows" USING btree ("window_start");--> statement-breakpoint
CREATE INDEX "plan_changes_user_created_idx" ON "plan_changes" USING btree ("user_id","created_at" DESC NULLS LAST);--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Accounts that existed before plans start on Free, and their keys at its default rate.
UPDATE "api_keys" SET "rate_limit_per_minute" = 60 WHERE "rate_limit_per_minute" IS NULL;
