import { type EmbeddedDatabase, startEmbeddedPostgres } from "@/db/embedded";
import { migrateDatabase } from "@/db/migrate";
import { env, isBuildPhase, setEnv } from "@/lib/env";

export type PreparedDatabase = { url: string; embedded: EmbeddedDatabase | null };

/**
 * DATABASE_URL if set, else the embedded PostgreSQL (whose URL then goes into
 * process.env for every module of this process); migrations applied either way.
 */
export async function prepareDatabase(): Promise<PreparedDatabase> {
  if (isBuildPhase()) {
    throw new Error("Gatehouse: the database is not opened during `next build`");
  }
  let url = env().DATABASE_URL;
  let embedded: EmbeddedDatabase | null = null;
  if (!url) {
    embedded = await startEmbeddedPostgres(env().EMBEDDED_PG_DIR, env().EMBEDDED_PG_PORT);
    url = embedded.url;
    setEnv("DATABASE_URL", url);
  }
  await migrateDatabase(url);
  return { url, embedded };
}
