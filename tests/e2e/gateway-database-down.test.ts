// The database goes away under a running server: the gateway fails closed with 503, the
// server stays up, and everything recovers when the database comes back.
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { type EmbeddedDatabase, startEmbeddedPostgres } from "@/db/embedded";
import { migrateDatabase } from "@/db/migrate";
import { generateKey } from "@/lib/keys/format";
import { freePort, type Server, startServer } from "@/tests/helpers/server";
import { waitUntil } from "@/tests/helpers/wait";

let dir: string;
let database: EmbeddedDatabase | undefined;
let server: Server | undefined;
const key = generateKey();

afterAll(async () => {
  await server?.stop();
  await database?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
  expect(server?.logs()).not.toContain(key.key);
});

const status = (url: string, headers: Record<string, string> = {}) => fetch(url, { headers }).then((r) => r.status);

describe("database down", () => {
  it("answers 503 while it is down and recovers when it is back", async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "gatehouse-down-"));
    await chmod(dir, 0o755);
    const port = await freePort();
    database = await startEmbeddedPostgres(path.join(dir, "pg"), port);
    await migrateDatabase(database.url);
    const sql = postgres(database.url, { max: 1, onnotice: () => {} });
    const [user] = await sql`insert into users (email, password_hash) values ('down@example.com', 'x') returning id`;
    await sql`insert into api_keys (owner_id, name, hash, start) values (${user.id}, 'k', ${key.hash}, ${key.start})`;
    await sql.end();

    server = await startServer({ env: { DATABASE_URL: database.url } });
    const whoami = `${server.url}/api/gateway/whoami`;
    const health = `${server.url}/api/health`;
    expect(await status(whoami, { "x-api-key": key.key })).toBe(200);
    expect(await status(whoami, { "x-api-key": key.key })).toBe(200); // cached now

    await database.stop();
    // A cached key is not enough: with the revocation listener cut off, the cache is not trusted.
    await waitUntil(async () => (await status(whoami, { "x-api-key": key.key })) === 503, 3_000);
    const refusal = await fetch(whoami, { headers: { "x-api-key": key.key } });
    expect(await refusal.json()).toEqual({ error: { code: "database_unavailable", message: expect.any(String) } });
    await waitUntil(async () => (await status(health)) === 503, 3_000);
    // Refusals that need no database still come at once: these keys are never looked up.
    expect(await status(whoami, { "x-api-key": "gtw_live_malformed" })).toBe(401);
    expect(await status(`${whoami}?api_key=${key.key}`)).toBe(400);
    expect(server.child.exitCode).toBeNull();

    database = await startEmbeddedPostgres(path.join(dir, "pg"), port);
    const recovered = await waitUntil(async () => (await status(whoami, { "x-api-key": key.key })) === 200, 10_000, 100);
    await waitUntil(async () => (await status(health)) === 200, 3_000);
    console.log(`[database down] gateway answered 200 again ${recovered} ms after PostgreSQL restarted`);
  });

  it("refuses to start, naming the database but not its password, when DATABASE_URL cannot be reached", async () => {
    const port = await freePort();
    const url = `postgres://gatehouse:s3cret-password@127.0.0.1:${port}/nowhere`;
    const doomed = await startServer({ env: { DATABASE_URL: url }, waitForHealthy: false });
    const code = doomed.child.exitCode ?? (await new Promise<number | null>((resolve) => doomed.child.once("exit", resolve)));
    expect(code).not.toBe(0);
    expect(doomed.logs()).toContain(`cannot reach the database at postgres://gatehouse@127.0.0.1:${port}/nowhere`);
    expect(doomed.logs()).not.toContain("s3cret-password");
  });
});
