import path from "node:path";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { describeUrl } from "@/db/client";

const MIGRATION_LOCK = 72_616_001; // any constant shared by every instance

/**
 * Applies db/migrations on a connection of its own. Several instances may start at once
 * against one database, so an advisory lock lets one migrate while the others wait.
 * A database that cannot be reached fails here, at start, with a message naming it.
 */
export async function migrateDatabase(url: string): Promise<void> {
  const sql = postgres(url, { max: 1, connect_timeout: 5, onnotice: () => {} });
  try {
    try {
      await sql`select 1`;
    } catch (error) {
      throw new Error(
        `Gatehouse: cannot reach the database at ${describeUrl(url)} (${(error as Error).message}). ` +
          "Check DATABASE_URL, or unset it to use the embedded database.",
      );
    }
    await sql`select pg_advisory_lock(${MIGRATION_LOCK})`;
    try {
      await migrate(drizzle(sql), { migrationsFolder: path.join(process.cwd(), "db/migrations") });
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`;
    }
  } finally {
    await sql.end({ timeout: 5 });
  }
}
