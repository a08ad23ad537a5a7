// PostgreSQL goes away under load: the gateway fails closed and fast (503 within 100 ms, the
// cache bypassed, never a 200 it could not verify), the server stays up, and traffic is back
// within a second of the database.
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { Pool } from "undici";
import { afterAll, describe, expect, it } from "vitest";
import { type EmbeddedDatabase, startEmbeddedPostgres } from "@/db/embedded";
import { migrateDatabase } from "@/db/migrate";
import { generateKey, type NewKey } from "@/lib/keys/format";
import { freePort, type Server, startServer } from "@/tests/helpers/server";
import { waitUntil } from "@/tests/helpers/wait";

let dir: string;
let database: EmbeddedDatabase | undefined;
let server: Server | undefined;
const cached = generateKey(); // verified before the outage
const fresh = generateKey(); // first presented during the outage
const unknown = generateKey(); // well-formed, in no database

afterAll(async () => {
  await server?.stop();
  await database?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
  for (const key of [cached, fresh]) expect(server?.logs()).not.toContain(key.key);
});

const status = (url: string, headers: Record<string, string> = {}) => fetch(url, { headers }).then((r) => r.status);

type Sample = { key: string; sent: number; ms: number; status: number };

/**
 * `workers` loops of requests until stopped, each one timed. undici's own client, not fetch:
 * this process is one of four on two cores, and its own cost must not pass for the server's.
 */
function load(origin: string, keys: NewKey[], workers: number) {
  const pool = new Pool(origin, { connections: workers });
  const samples: Sample[] = [];
  let running = true;
  const loops = Array.from({ length: workers }, async (_, w) => {
    for (let i = 0; running; i++) {
      const key = keys[(w + i) % keys.length];
      const sent = performance.now();
      const answer = await pool.request({ path: "/api/gateway/whoami", method: "GET", headers: { "x-api-key": key.key } }).then(
        async (r) => {
          await r.body.dump();
          return r.statusCode;
        },
        () => 0,
      );
      samples.push({ key: key.key, sent, ms: performance.now() - sent, status: answer });
    }
  });
  return {
    samples,
    async stop() {
      running = false;
      await Promise.all(loops);
      await pool.close();
    },
  };
}

describe("database down", () => {
  it("under load: 503 within 100 ms while it is down, never an unverified 200, 200 again within 1 s of its return", async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "gatehouse-down-"));
    await chmod(dir, 0o755);
    const port = await freePort();
    database = await startEmbeddedPostgres(path.join(dir, "pg"), port);
    await migrateDatabase(database.url);
    const sql = postgres(database.url, { max: 1, onnotice: () => {} });
    const [user] = await sql`insert into users (email, password_hash, plan_id) values ('down@example.com', 'x', 'internal') returning id`;
    for (const [name, key] of [
      ["cached", cached],
      ["fresh", fresh],
    ] as const) {
      await sql`insert into api_keys (owner_id, name, hash, start) values (${user.id}, ${name}, ${key.hash}, ${key.start})`;
    }
    await sql.end();

    server = await startServer({ env: { DATABASE_URL: database.url } });
    const whoami = `${server.url}/api/gateway/whoami`;
    const health = `${server.url}/api/health`;
    expect(await status(whoami, { "x-api-key": cached.key })).toBe(200);

    const run = load(server.url, [cached, cached, unknown], 6);
    await new Promise((r) => setTimeout(r, 500));
    const stopping = performance.now();
    await database.stop();
    const stopped = performance.now();
    const freshDuring = load(server.url, [fresh], 2); // a key this server has never seen
    await new Promise((r) => setTimeout(r, 1_500));

    // What needs no database is still answered as usual, and health says so.
    expect(await status(whoami, { "x-api-key": "gtw_live_malformed" })).toBe(401);
    expect(await status(`${whoami}?api_key=${cached.key}`)).toBe(400);
    const refusal = await fetch(whoami, { headers: { "x-api-key": cached.key } });
    expect(await refusal.json()).toEqual({ error: { code: "database_unavailable", message: expect.any(String) } });
    await waitUntil(async () => (await status(health)) === 503, 3_000);
    expect(server.child.exitCode).toBeNull();

    const restarting = performance.now();
    database = await startEmbeddedPostgres(path.join(dir, "pg"), port);
    const restarted = performance.now();
    const backFor = async (key: NewKey) => {
      await waitUntil(() => [...run.samples, ...freshDuring.samples].some((s) => s.key === key.key && s.sent >= restarted && s.status === 200), 3_000, 5);
      return (
        Math.min(
          ...[...run.samples, ...freshDuring.samples].filter((s) => s.key === key.key && s.status === 200 && s.sent >= restarted).map((s) => s.sent + s.ms),
        ) - restarted
      );
    };
    const [cachedBack, freshBack] = [await backFor(cached), await backFor(fresh)];
    await Promise.all([run.stop(), freshDuring.stop()]);

    const all = [...run.samples, ...freshDuring.samples];
    const down = all.filter((s) => s.sent >= stopped && s.sent + s.ms <= restarting);
    const during = all.filter((s) => s.sent >= stopping && s.sent < restarting);
    const slowest = Math.max(...during.map((s) => s.ms));
    const sorted = during.map((s) => s.ms).sort((a, b) => a - b);
    console.log(
      `[database down] ${down.length} requests while PostgreSQL was down: ${down.filter((s) => s.status === 503).length} × 503; answers from its stop to its restart: p50 ${sorted[Math.floor(sorted.length / 2)].toFixed(1)} ms, slowest ${slowest.toFixed(1)} ms; 200 again ${cachedBack.toFixed(0)} ms (cached key) and ${freshBack.toFixed(0)} ms (new key) after it was restarted (${(restarted - restarting).toFixed(0)} ms to start)`,
    );
    expect(down.length).toBeGreaterThan(100);
    expect(down.filter((s) => s.status !== 503)).toEqual([]); // never a 200, nor a hang (0) or anything else
    expect(slowest).toBeLessThan(100);
    expect(cachedBack).toBeLessThan(1_000);
    expect(freshBack).toBeLessThan(1_000);
    expect(await status(whoami, { "x-api-key": unknown.key })).toBe(401);
    await waitUntil(async () => (await status(health)) === 200, 3_000);
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
