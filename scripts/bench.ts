// npm run bench [-- --no-build --seconds 10 --connections 20]
// Builds and starts the production server (on DATABASE_URL or an embedded PostgreSQL),
// creates a key, and measures /api/health (the framework's own cost) against
// /api/gateway/whoami with a valid key, side by side, plus the last-used writes.
import { spawnSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import postgres from "postgres";
import { closeDb } from "@/db/client";
import { type EmbeddedDatabase, startEmbeddedPostgres } from "@/db/embedded";
import { migrateDatabase } from "@/db/migrate";
import { createUser } from "@/db/queries/users";
import { createKey } from "@/lib/keys/service";
import { startProductionServer } from "@/scripts/bench/server";

const { values: args } = parseArgs({
  options: {
    "no-build": { type: "boolean", default: false },
    seconds: { type: "string", default: "10" },
    connections: { type: "string", default: "20" },
    rounds: { type: "string", default: "2" },
  },
});
const SECONDS = Number(args.seconds);
const CONNECTIONS = Number(args.connections);
const FLUSH_MS = 1_000;

type Result = { rps: number; p50: number; p99: number; total: number; non2xx: number };

async function measure(url: string, headers: Record<string, string> = {}): Promise<Result> {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, total: r.requests.total, non2xx: r.non2xx + r.errors };
}

async function tableStats(sql: postgres.Sql) {
  await sql`select pg_stat_clear_snapshot()`;
  const [row] = await sql`
    select (select n_tup_upd from pg_stat_user_tables where relname = 'api_keys')::int as updates,
           (select n_tup_ins from pg_stat_user_tables where relname = 'gateway_requests')::int as inserts`;
  return row as { updates: number; inserts: number };
}

let embedded: EmbeddedDatabase | undefined;
let tempDir: string | undefined;
let url = process.env.DATABASE_URL;
if (!args["no-build"]) {
  console.log("Building (next build)…");
  const build = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
if (!url) {
  tempDir = await mkdtemp(path.join(os.tmpdir(), "gatehouse-bench-"));
  await chmod(tempDir, 0o755);
  embedded = await startEmbeddedPostgres(path.join(tempDir, "pg"));
  url = embedded.url;
  process.env.DATABASE_URL = url;
}
await migrateDatabase(url);
const user = await createUser(`bench-${randomUUID()}@gatehouse.dev`, "not-a-real-hash", { planId: "internal" });
if (!user) throw new Error("could not create the benchmark user");
const created = await createKey(user, { name: `bench ${new Date().toISOString()}`, description: "npm run bench" });
if (!created.ok) throw new Error(created.message);
await closeDb();

const server = await startProductionServer(3100 + Math.floor(Math.random() * 800), {
  DATABASE_URL: url,
  AUTH_SECRET: randomBytes(33).toString("base64url"),
  USAGE_FLUSH_MS: String(FLUSH_MS),
});
const stats = postgres(url, { max: 1, onnotice: () => {} });
try {
  const health = `${server.url}/api/health`;
  const whoami = `${server.url}/api/gateway/whoami`;
  const key = { "x-api-key": created.data.key };
  console.log(`Warming up… (${CONNECTIONS} connections)`);
  await autocannon({ url: health, connections: CONNECTIONS, duration: 3 });
  await autocannon({ url: whoami, connections: CONNECTIONS, duration: 3, headers: key });

  // An empty body's content-length makes proxy.ts's matcher skip the request, so the route
  // handler answers it: the path every request with a body takes.
  const viaRoute = { ...key, "content-length": "0" };
  const results: { health: Result[]; whoami: Result[]; route: Result[] } = { health: [], whoami: [], route: [] };
  let requests = 0;
  let gatewaySeconds = 0;
  await new Promise((r) => setTimeout(r, FLUSH_MS + 3_000)); // let warm-up writes land in the statistics
  const before = await tableStats(stats);
  for (let round = 1; round <= Number(args.rounds); round++) {
    console.log(`Round ${round}: /api/health, /api/gateway/whoami, whoami via the route handler, ${SECONDS} s each`);
    results.health.push(await measure(health));
    for (const [list, headers] of [
      [results.whoami, key],
      [results.route, viaRoute],
    ] as const) {
      const started = Date.now();
      const gateway = await measure(whoami, headers);
      gatewaySeconds += (Date.now() - started) / 1000;
      requests += gateway.total;
      list.push(gateway);
    }
  }
  await new Promise((r) => setTimeout(r, FLUSH_MS + 3_000)); // last flush, then PostgreSQL's statistics catch up
  const after = await tableStats(stats);

  const best = (rs: Result[]) => rs.reduce((a, b) => (b.rps > a.rps ? b : a));
  const h = best(results.health);
  const w = best(results.whoami);
  const viaHandler = best(results.route);
  const failures = [...results.health, ...results.whoami, ...results.route].reduce((n, r) => n + r.non2xx, 0);
  const updates = after.updates - before.updates;
  // A timed flush every interval of gateway traffic, plus the one that ends each phase.
  const flushWindows = Math.ceil((gatewaySeconds * 1000) / FLUSH_MS) + 2 * Number(args.rounds);
  console.log("");
  console.log(
    `Gatehouse benchmark · ${new Date().toISOString()} · ${os.cpus().length} CPU · ${embedded ? "embedded PostgreSQL" : "PostgreSQL at DATABASE_URL"} · ${CONNECTIONS} connections · best of ${args.rounds} × ${SECONDS} s`,
  );
  console.log("route                      req/s      p50      p99");
  for (const [name, r] of [
    ["/api/health", h],
    ["/api/gateway/whoami", w],
    ["  …via the route handler", viaHandler],
  ] as const) {
    console.log(`${name.padEnd(24)} ${r.rps.toFixed(0).padStart(7)} ${`${r.p50} ms`.padStart(8)} ${`${r.p99} ms`.padStart(8)}`);
  }
  console.log(`throughput ratio (whoami / health): ${(w.rps / h.rps).toFixed(3)}   (goal ≥ 0.90)`);
  console.log(`p99 added by the key check: ${(w.p99 - h.p99).toFixed(1)} ms   (goal ≤ 1 ms)`);
  console.log(`route handler path (requests with a body): ratio ${(viaHandler.rps / h.rps).toFixed(3)}, p99 added ${(viaHandler.p99 - h.p99).toFixed(1)} ms`);
  console.log(
    `last-used writes: ${updates} updates of the key's row for ${requests} accepted requests over ${gatewaySeconds.toFixed(1)} s (at most ${flushWindows} flushes of one statement each at ${FLUSH_MS} ms)`,
  );
  console.log(`request log: ${after.inserts - before.inserts} rows written`);
  console.log(`non-2xx or errors: ${failures}`);
} finally {
  await stats.end();
  await server.stop();
  await embedded?.stop();
  if (tempDir) await rm(tempDir, { recursive: true, force: true });
}
