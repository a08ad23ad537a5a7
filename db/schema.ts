import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  char,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

// Subscription plans: seeded by a migration, edited by the operator (npm run plans). A null
// limit is unlimited.
export const plans = pgTable("plans", {
  id: varchar("id", { length: 32 }).primaryKey(),
  name: varchar("name", { length: 64 }).notNull(),
  priceCents: integer("price_cents").notNull().default(0),
  monthlyQuota: bigint("monthly_quota", { mode: "number" }),
  defaultRatePerMinute: integer("default_rate_per_minute"),
  maxRatePerMinute: integer("max_rate_per_minute"),
  maxKeys: integer("max_keys"),
  // Self-serve plans can be picked on the Subscription page; the others only by the operator.
  selfServe: boolean("self_serve").notNull().default(true),
  position: smallint("position").notNull().default(0),
});

export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  email: varchar("email", { length: 254 }).notNull().unique(),
  passwordHash: text("password_hash").notNull(),
  // Every session carries the version it was issued under; bumping it ends them all.
  sessionVersion: integer("session_version").notNull().default(1),
  // Set when the password no longer meets the policy (it predates it, or the operator made it
  // with user:create); Settings asks for a new one until it is changed.
  passwordNeedsChange: boolean("password_needs_change").notNull().default(false),
  planId: varchar("plan_id", { length: 32 })
    .notNull()
    .default("free")
    .references(() => plans.id),
  createdAt: createdAt(),
});

// The Subscription page's plan history (what the seed product calls Purchase History).
export const planChanges = pgTable(
  "plan_changes",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    fromPlanId: varchar("from_plan_id", { length: 32 }).references(() => plans.id),
    toPlanId: varchar("to_plan_id", { length: 32 })
      .notNull()
      .references(() => plans.id),
    // "you" (the account itself, from the console) or "operator" (npm run plans).
    changedBy: varchar("changed_by", { length: 16 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("plan_changes_user_created_idx").on(t.userId, t.createdAt.desc())],
);

export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: varchar("name", { length: 64 }).notNull(),
    description: varchar("description", { length: 500 }),
    hash: char("hash", { length: 64 }).notNull(),
    start: varchar("start", { length: 32 }).notNull(),
    active: boolean("active").notNull().default(true),
    // Requests per minute; null only on a plan without rate limits.
    rateLimitPerMinute: integer("rate_limit_per_minute"),
    createdAt: createdAt(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    // Deleted keys stay as rows so the request log keeps their names; they never authenticate.
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    // Refused from this moment (401 key_expired); null never expires.
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    // When the expiry was first noticed and put in the audit log (once).
    expiryNotedAt: timestamp("expiry_noted_at", { withTimezone: true }),
    // Rolling: the secret before the current one keeps working until grace_until, or until
    // it goes quiet once the new one is in use (lib/keys/lifecycle.ts).
    rolledAt: timestamp("rolled_at", { withTimezone: true }),
    previousHash: char("previous_hash", { length: 64 }),
    previousStart: varchar("previous_start", { length: 32 }),
    graceUntil: timestamp("grace_until", { withTimezone: true }),
    // The last use of each secret (last_used_at is the last use of either).
    currentUsedAt: timestamp("current_used_at", { withTimezone: true }),
    previousUsedAt: timestamp("previous_used_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("api_keys_hash_key").on(t.hash),
    uniqueIndex("api_keys_previous_hash_key").on(t.previousHash).where(sql`previous_hash IS NOT NULL`),
    uniqueIndex("api_keys_owner_name_key").on(t.ownerId, sql`lower(${t.name})`).where(sql`deleted_at IS NULL`),
    index("api_keys_owner_created_idx").on(t.ownerId, t.createdAt.desc(), t.id.desc()).where(sql`deleted_at IS NULL`),
    index("api_keys_owner_last_used_idx").on(t.ownerId, t.lastUsedAt.desc().nullsLast(), t.id.desc()).where(sql`deleted_at IS NULL`),
    // The lifecycle sweep: graces to end and expiries to note.
    index("api_keys_grace_idx").on(t.graceUntil).where(sql`previous_hash IS NOT NULL`),
    index("api_keys_expiry_idx").on(t.expiresAt).where(sql`expires_at IS NOT NULL AND expiry_noted_at IS NULL AND deleted_at IS NULL`),
  ],
);

/**
 * Append-only: a trigger refuses every UPDATE and DELETE (db/migrations), and retention drops
 * whole monthly partitions. No foreign keys, so entries outlive what they describe.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigint("id", { mode: "number" }).generatedAlwaysAsIdentity().notNull(),
    // The account the entry belongs to (whose Security log shows it).
    ownerId: uuid("owner_id").notNull(),
    keyId: uuid("key_id"),
    action: varchar("action", { length: 48 }).notNull(),
    // "you" (the account, from the console), "operator" (a script) or "gatehouse" (the system).
    actor: varchar("actor", { length: 16 }).notNull(),
    // Old → new values of what changed; never a secret.
    changes: jsonb("changes").$type<Record<string, unknown>>(),
    ip: varchar("ip", { length: 64 }),
    userAgent: varchar("user_agent", { length: 512 }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.createdAt] }),
    index("audit_log_owner_created_idx").on(t.ownerId, t.createdAt.desc(), t.id.desc()),
    index("audit_log_key_created_idx").on(t.keyId, t.createdAt.desc(), t.id.desc()).where(sql`key_id IS NOT NULL`),
  ],
);

/**
 * The request log. Partitioned by day (UTC) in the migration, which drizzle cannot express:
 * partitions are made ahead and dropped whole at the end of REQUEST_LOG_RETENTION_DAYS
 * (lib/request-log/maintenance.ts), so there is never a large DELETE. The primary key holds
 * created_at because every unique index of a partitioned table must.
 */
// The request log: the gateway's heaviest write (a row per request, at thousands a second),
// so each row costs only what its readers need: no foreign keys (their checks doubled the
// insert's cost; every reader joins api_keys, and retention drops rows of keys removed for
// good with their day) and no primary key (identity ids are unique without an index; both
// indexes end in id for keyset pages).
export const gatewayRequests = pgTable(
  "gateway_requests",
  {
    id: bigint("id", { mode: "number" }).generatedAlwaysAsIdentity().notNull(),
    ownerId: uuid("owner_id").notNull(),
    keyId: uuid("key_id").notNull(),
    method: varchar("method", { length: 16 }).notNull(),
    path: varchar("path", { length: 2048 }).notNull(),
    status: smallint("status").notNull(),
    latencyMs: integer("latency_ms").notNull(),
    clientIp: varchar("client_ip", { length: 64 }),
    // The gateway's refusal code (key_disabled, key_expired, rate_limited, quota_exceeded…);
    // null when the request went through to whoami or the upstream.
    refusal: varchar("refusal", { length: 32 }),
    userAgent: varchar("user_agent", { length: 256 }),
    // The start of the secret presented, so a rolled key's old and new secret can be told apart.
    secretStart: varchar("secret_start", { length: 32 }),
    createdAt: createdAt(),
  },
  (t) => [
    index("gateway_requests_owner_created_idx").on(t.ownerId, t.createdAt.desc(), t.id.desc()),
    index("gateway_requests_key_created_idx").on(t.keyId, t.createdAt.desc(), t.id.desc()),
  ],
);

/**
 * Request counts and latency histograms per minute, hour and day, per key and outcome,
 * written by the same statement as the request log (db/queries/usage.ts). A row with a null
 * key_id is the account's total over all its keys, so a chart reads one row per point and
 * outcome. Outcome: "2xx" to "5xx" for requests that went through, else the refusal code.
 * latency holds counts per bucket of lib/request-log/latency-buckets.ts.
 */
export const requestRollups = pgTable(
  "request_rollups",
  {
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    keyId: uuid("key_id").references(() => apiKeys.id, { onDelete: "cascade" }),
    grain: varchar("grain", { length: 8 }).$type<RollupGrain>().notNull(),
    bucket: timestamp("bucket", { withTimezone: true }).notNull(),
    outcome: varchar("outcome", { length: 32 }).notNull(),
    requests: integer("requests").notNull(),
    latency: integer("latency").array().notNull(),
  },
  (t) => [
    unique("request_rollups_point_key").on(t.ownerId, t.grain, t.bucket, t.keyId, t.outcome).nullsNotDistinct(),
    index("request_rollups_key_idx").on(t.keyId, t.grain, t.bucket).where(sql`key_id IS NOT NULL`),
    index("request_rollups_grain_bucket_idx").on(t.grain, t.bucket),
  ],
);
export type RollupGrain = "minute" | "hour" | "day";

/**
 * Who calls each key: one row per key, day (UTC), kind ("ip" or "agent") and value, written by
 * the same statement as the request log, so the key's page never scans the log for them.
 */
export const keySources = pgTable(
  "key_sources",
  {
    keyId: uuid("key_id")
      .notNull()
      .references(() => apiKeys.id, { onDelete: "cascade" }),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    day: date("day", { mode: "string" }).notNull(),
    kind: varchar("kind", { length: 8 }).$type<"ip" | "agent">().notNull(),
    value: varchar("value", { length: 256 }).notNull(),
    firstSeen: timestamp("first_seen", { withTimezone: true }).notNull(),
    lastSeen: timestamp("last_seen", { withTimezone: true }).notNull(),
    requests: integer("requests").notNull(),
  },
  (t) => [
    // By value first: a source's first sighting over everything kept is a short index range.
    primaryKey({ columns: [t.keyId, t.kind, t.value, t.day] }),
    // The migration makes it covering: INCLUDE (owner_id, kind, value, last_seen, requests).
    index("key_sources_key_day_idx").on(t.keyId, t.day),
    // BRIN: rows arrive in day order, and retention is its only reader. A B-tree on day
    // looked cheaper to the planner than the key's index for a key's recent sources (1 s).
    index("key_sources_day_idx").using("brin", t.day),
  ],
);

// The gateway's shared counters. Instances lease blocks of tokens from them in one statement
// and spend them from memory (lib/limits); `used` is what was actually spent, written by the
// batched usage writer.
export const accountUsage = pgTable(
  "account_usage",
  {
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    // The first day of the month (UTC) the counts belong to.
    period: date("period", { mode: "string" }).notNull(),
    leased: bigint("leased", { mode: "number" }).notNull().default(0),
    used: bigint("used", { mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.ownerId, t.period] })],
);

export const keyRateWindows = pgTable(
  "key_rate_windows",
  {
    keyId: uuid("key_id")
      .notNull()
      .references(() => apiKeys.id, { onDelete: "cascade" }),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    leased: integer("leased").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.keyId, t.windowStart] }), index("key_rate_windows_start_idx").on(t.windowStart)],
);

// Failed sign-ins and sign-ups by account and by client address, for throttling across instances.
export const authAttempts = pgTable(
  "auth_attempts",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    // "email:<address>", "ip:<address>" or "signup-ip:<address>"
    scope: varchar("scope", { length: 300 }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("auth_attempts_scope_created_idx").on(t.scope, t.createdAt)],
);

export type AuditEntry = typeof auditLog.$inferSelect;
export type NewAuditEntry = typeof auditLog.$inferInsert;
export type Plan = typeof plans.$inferSelect;
export type PlanChange = typeof planChanges.$inferSelect;
export type User = typeof users.$inferSelect;
export type ApiKey = typeof apiKeys.$inferSelect;
export type GatewayRequest = typeof gatewayRequests.$inferSelect;
export type NewGatewayRequest = typeof gatewayRequests.$inferInsert;
export type RequestRollup = typeof requestRollups.$inferSelect;
export type KeySource = typeof keySources.$inferSelect;
