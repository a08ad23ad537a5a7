// The benchmarks' database: DATABASE_URL when set, else an embedded PostgreSQL in a temporary
// directory that stop() removes; migrated either way, and made the app's database for this
// process (the benchmark's own queries go through db/client).
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "@/db/embedded";
import { migrateDatabase } from "@/db/migrate";
import { env, setEnv } from "@/lib/env";

export type BenchDatabase = { url: string; embedded: boolean; stop(): Promise<void> };

export async function benchDatabase(): Promise<BenchDatabase> {
  const given = env().DATABASE_URL;
  if (given) {
    await migrateDatabase(given);
    return { url: given, embedded: false, stop: async () => {} };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), "gatehouse-bench-"));
  await chmod(dir, 0o755); // the embedded server runs as another user when started by root
  const embedded = await startEmbeddedPostgres(path.join(dir, "pg"));
  setEnv("DATABASE_URL", embedded.url);
  await migrateDatabase(embedded.url);
  return {
    url: embedded.url,
    embedded: true,
    async stop() {
      await embedded.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
