import { sql } from "drizzle-orm";
import { bigint, boolean, char, index, integer, pgTable, smallint, text, timestamp, uniqueIndex, uuid, varchar } from "drizzle-orm/pg-core";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  email: varchar("email", { length: 254 }).notNull().unique(),
  passwordHash: text("password_hash").notNull(),
  // Every session carries the version it was issued under; bumping it ends them all.
  sessionVersion: integer("session_version").notNull().default(1),
  // Set when the password no longer meets the policy (it predates it, or the operator made it
  // with user:create); Settings asks for a new one until it is changed.
  passwordNeedsChange: boolean("password_needs_change").notNull().default(false),
  createdAt: createdAt(),
});

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

export type User = typeof users.$inferSelect;
export type ApiKey = typeof apiKeys.$inferSelect;
export type GatewayRequest = typeof gatewayRequests.$inferSelect;
export type NewGatewayRequest = typeof gatewayRequests.$inferInsert;
