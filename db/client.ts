import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "@/db/schema";
import { env } from "@/lib/env";

export type Database = PostgresJsDatabase<typeof schema>;
/** A transaction handle, as db().transaction() passes it. */
export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];
type Client = { url: string; sql: postgres.Sql; db: Database };

// One pool per process: the proxy bundle, route bundles and dev reloads evaluate this
// module separately, so the pool lives on globalThis.
const slot = Symbol.for("gatehouse.db");
const store = globalThis as typeof globalThis & { [slot]?: Client };

function connectionOptions(): postgres.Options<Record<string, never>> {
  return {
    max: env().DATABASE_POOL_MAX,
    connect_timeout: 5,
    // postgres-js waits up to 20 s between reconnection attempts after failures, which kept the
    // gateway answering 503 seconds after the database was back. While it is down, the breaker
    // keeps requests off the pool, so a short fixed pause is enough.
    backoff: () => 0.1,
    idle_timeout: 60,
    onnotice: () => {},
    connection: { application_name: "gatehouse" },
  };
}

function client(): Client {
  const url = env().DATABASE_URL;
  if (!url) {
    throw new Error("Gatehouse: DATABASE_URL is not set and the embedded database has not been started");
  }
  const current = store[slot];
  if (current?.url === url) return current;
  const sql = postgres(url, connectionOptions());
  const created = { url, sql, db: drizzle(sql, { schema }) };
  store[slot] = created;
  return created;
}

export function db(): Database {
  return client().db;
}

export function sqlClient(): postgres.Sql {
  return client().sql;
}

export async function closeDb(): Promise<void> {
  const current = store[slot];
  store[slot] = undefined;
  await current?.sql.end({ timeout: 5 });
}

/** A password-free form of the URL for messages. */
export function describeUrl(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.username ? `${u.username}@` : ""}${u.host}${u.pathname}`;
}
