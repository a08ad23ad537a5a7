// The test database: DATABASE_URL when given (CI makes a fresh one), else an embedded
// PostgreSQL in a new temporary folder, the same code path `npm run dev` takes.
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { describeUrl } from "@/db/client";
import type { EmbeddedDatabase } from "@/db/embedded";
import { migrateDatabase } from "@/db/migrate";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    embeddedDatabase: boolean;
  }
}

type Shared = { url: string; embedded: EmbeddedDatabase | null; dir: string | null; users: number };
// Each test group runs this file; they share one database through the main process.
const store = globalThis as typeof globalThis & { __gatehouseTestDb?: Promise<Shared> };

async function open(): Promise<Shared> {
  const given = process.env.DATABASE_URL;
  if (given) {
    await migrateDatabase(given);
    return { url: given, embedded: null, dir: null, users: 0 };
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), "gatehouse-test-"));
  await chmod(dir, 0o755); // PostgreSQL runs as user postgres when we are root
  const { startEmbeddedPostgres } = await import("@/db/embedded");
  const embedded = await startEmbeddedPostgres(path.join(dir, "pg"));
  await migrateDatabase(embedded.url);
  return { url: embedded.url, embedded, dir, users: 0 };
}

export default async function setup(project: TestProject) {
  store.__gatehouseTestDb ??= open();
  const shared = await store.__gatehouseTestDb;
  shared.users++;
  console.log(`[tests] database: ${describeUrl(shared.url)}${shared.embedded ? " (embedded)" : ""}`);
  project.provide("databaseUrl", shared.url);
  project.provide("embeddedDatabase", shared.embedded !== null);
  return async () => {
    if (--shared.users > 0) return;
    store.__gatehouseTestDb = undefined;
    await shared.embedded?.stop();
    if (shared.dir) await rm(shared.dir, { recursive: true, force: true });
  };
}
