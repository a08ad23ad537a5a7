import { sql } from "drizzle-orm";
import { bigint, boolean, char, date, index, integer, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid, varchar } from "drizzle-orm/pg-core";

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
  },
  (t) => [
    uniqueIndex("api_keys_hash_key").on(t.hash),
    uniqueIndex("api_keys_owner_name_key").on(t.ownerId, sql`lower(${t.name})`).where(sql`deleted_at IS NULL`),
    index("api_keys_owner_created_idx").on(t.ownerId, t.createdAt.desc()).where(sql`deleted_at IS NULL`),
  ],
);

export const gatewayRequests = pgTable(
  "gateway_requests",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    keyId: uuid("key_id")
      .notNull()
      .references(() => apiKeys.id, { onDelete: "cascade" }),
    method: varchar("method", { length: 16 }).notNull(),
    path: varchar("path", { length: 2048 }).notNull(),
    status: smallint("status").notNull(),
    latencyMs: integer("latency_ms").notNull(),
    clientIp: varchar("client_ip", { length: 64 }),
    createdAt: createdAt(),
  },
  (t) => [
    index("gateway_requests_owner_created_idx").on(t.ownerId, t.createdAt.desc(), t.id.desc()),
    index("gateway_requests_key_created_idx").on(t.keyId, t.createdAt.desc(), t.id.desc()),
    index("gateway_requests_created_idx").on(t.createdAt),
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

export type Plan = typeof plans.$inferSelect;
export type PlanChange = typeof planChanges.$inferSelect;
export type User = typeof users.$inferSelect;
export type ApiKey = typeof apiKeys.$inferSelect;
export type GatewayRequest = typeof gatewayRequests.$inferSelect;
export type NewGatewayRequest = typeof gatewayRequests.$inferInsert;
