// npm run bench [-- --no-build --seconds 10 --connections 32 --rounds 3]
// Starts, side by side on this machine: the production server (dist/server.js), a small
// upstream, and a bare node:http reference doing the same work (the limit). Measures whoami
// and forwarding on both, alternately, with autocannon; prints req/s, p50, p99, the ratios
// against the goals, the server's RSS after the run, and the last-used writes.
import { spawnSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import os from "node:os";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import postgres from "postgres";
import { closeDb, db } from "@/db/client";
import { createUser } from "@/db/queries/users";
import { plans } from "@/db/schema";
import { createKey } from "@/lib/keys/service";
import { benchDatabase } from "@/scripts/bench/database";
import { measureFlood } from "@/scripts/bench/flood";
import { type BenchProcess, freePort, startProcess } from "@/scripts/bench/server";

const { values: args } = parseArgs({
  options: {
    "no-build": { type: "boolean", default: false },
    seconds: { type: "string", default: "10" },
    connections: { type: "string", default: "32" },
    rounds: { type: "string", default: "3" },
  },
});
const SECONDS = Number(args.seconds);
const CONNECTIONS = Number(args.connections);
const ROUNDS = Number(args.rounds);
const FLUSH_MS = 1_000;

type Result = { rps: number; p50: number; p99: number; total: number; bad: number };

async function measure(url: string, headers: Record<string, string>, seconds = SECONDS): Promise<Result> {
  const r = await autocannon({ url, connections: CONNECTIONS, duration: seconds, headers });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, total: r.requests.total, bad: r.non2xx + r.errors + r.timeouts };
}

async function keyRowUpdates(sql: postgres.Sql): Promise<number> {
  await sql`select pg_stat_clear_snapshot()`;
  const [row] = await sql`select n_tup_upd::int as updates from pg_stat_user_tables where relname = 'api_keys'`;
  return row.updates as number;
}

if (!args["no-build"]) {
  console.log("Building (npm run build)…");
  const build = spawnSync("npm", ["run", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: "" } });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const database = await benchDatabase();
const { url } = database;
const user = await createUser(`bench-${randomUUID()}@gatehouse.dev`, "not-a-real-hash", { planId: "internal" });
if (!user) throw new Error("could not create the benchmark user");
const created = await createKey(user, { name: `bench ${new Date().toISOString()}`, description: "npm run bench" });
if (!created.ok) throw new Error(created.message);
const key = created.data.key;
// The same key check with limits on: a rate and a quota far above the offered load, so the
// run measures what checking them costs (leases from PostgreSQL, spent from memory).
await db()
  .insert(plans)
  .values({ id: "bench-limits", name: "Bench limits", monthlyQuota: 1e12, defaultRatePerMinute: 1e7, maxRatePerMinute: 1e7, selfServe: false, position: 99 })
  .onConflictDoNothing();
const limitedUser = await createUser(`bench-limited-${randomUUID()}@gatehouse.dev`, "not-a-real-hash", { planId: "bench-limits" });
if (!limitedUser) throw new Error("could not create the benchmark user");
const limited = await createKey(limitedUser, { name: "bench limited", description: "npm run bench: rate and quota far above the load" });
if (!limited.ok) throw new Error(limited.message);
await closeDb();

const [port, referencePort, upstreamPort, floodPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
const tsx = ["--import", "tsx"];
const running: BenchProcess[] = [];
const stats = postgres(url, { max: 1, onnotice: () => {} });
try {
  const upstream = await startProcess([...tsx, "scripts/bench/upstream.ts", String(upstreamPort)], upstreamPort, "/");
  running.push(upstream);
  const reference = await startProcess([...tsx, "scripts/bench/reference.ts", String(referencePort), String(upstreamPort), key], referencePort, "/");
  running.push(reference);
  // As `npm start` runs it: V8's heap budget keeps memory bounded (README, "Performance").
  const gatehouse = await startProcess(["--max-old-space-size=192", "dist/server.js"], port, "/api/health", {
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_URL: url,
    AUTH_SECRET: randomBytes(33).toString("base64url"),
    USAGE_FLUSH_MS: String(FLUSH_MS),
    GATEWAY_UPSTREAM_URL: upstream.url,
  });
  running.push(gatehouse);

  const withKey = { "x-api-key": key };
  const routes = {
    "reference whoami": `${reference.url}/whoami`,
    "Gatehouse whoami": `${gatehouse.url}/api/gateway/whoami`,
    "Gatehouse whoami, limits on": `${gatehouse.url}/api/gateway/whoami`,
    "reference forward": `${reference.url}/items?page=1`,
    "Gatehouse forward": `${gatehouse.url}/api/gateway/items?page=1`,
  };
  const headersFor = (name: string) => (name.endsWith("limits on") ? { "x-api-key": limited.data.key } : withKey);
  type Route = keyof typeof routes;
  console.log(
    `Warming up (${CONNECTIONS} connections, 3 s a route); load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  let gatehouseSeconds = 0;
  for (const [name, target] of Object.entries(routes)) {
    await measure(target, headersFor(name), 3);
    if (name.startsWith("Gatehouse")) gatehouseSeconds += 3;
  }
  const health = await measure(`${gatehouse.url}/api/health`, {}, 3);
  gatehouseSeconds += 3;

  await new Promise((r) => setTimeout(r, FLUSH_MS + 2_000)); // warm-up writes land in the statistics
  const before = await keyRowUpdates(stats);
  const windowStarted = Date.now();
  let accepted = 0;
  const results = Object.fromEntries(Object.keys(routes).map((name) => [name, [] as Result[]])) as Record<Route, Result[]>;
  let measuredGatehouse = 0;
  for (let round = 1; round <= ROUNDS; round++) {
    console.log(`Round ${round} of ${ROUNDS}: ${Object.keys(routes).join(", ")}; ${SECONDS} s each`);
    for (const [name, target] of Object.entries(routes) as [Route, string][]) {
      const started = Date.now();
      const result = await measure(target, headersFor(name));
      results[name].push(result);
      if (name.startsWith("Gatehouse")) {
        measuredGatehouse += (Date.now() - started) / 1000;
        accepted += result.total - result.bad;
      }
    }
  }
  gatehouseSeconds += measuredGatehouse;
  const rss = gatehouse.rssMb();
  await new Promise((r) => setTimeout(r, FLUSH_MS + 3_000)); // the last flush, then PostgreSQL's statistics catch up
  const updates = (await keyRowUpdates(stats)) - before;
  const windowMs = Date.now() - windowStarted;

  const best = (name: Route) => results[name].reduce((a, b) => (b.rps > a.rps ? b : a));
  const row = (name: string, r: Result) =>
    console.log(`${name.padEnd(30)} ${r.rps.toFixed(0).padStart(8)} ${`${r.p50} ms`.padStart(8)} ${`${r.p99} ms`.padStart(8)}`);
  const verdict = (ok: boolean) => (ok ? "meets the goal" : "MISSES the goal");
  const compare = (label: string, ours: Result, limit: Result, goal: number) => {
    const ratio = ours.rps / limit.rps;
    const p99Limit = 2 * limit.p99 + 1;
    console.log(
      `${label}: ${ratio.toFixed(2)}× the reference's req/s (goal ≥ ${goal}: ${verdict(ratio >= goal)}); p99 ${ours.p99} ms vs ${p99Limit} ms allowed (2× + 1 ms: ${verdict(ours.p99 <= p99Limit)})`,
    );
  };

  console.log("");
  console.log(
    `Gatehouse benchmark · ${new Date().toISOString()} · ${os.cpus().length} CPU · load average before ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(
        " ",
      )} · ${database.embedded ? "embedded PostgreSQL" : "PostgreSQL at DATABASE_URL"} · ${CONNECTIONS} connections · best of ${ROUNDS} × ${SECONDS} s`,
  );
  console.log(`${"route".padEnd(30)} ${"req/s".padStart(8)} ${"p50".padStart(8)} ${"p99".padStart(8)}`);
  for (const name of Object.keys(routes) as Route[]) row(name, best(name));
  row("Gatehouse /api/health (Next.js)", health);
  compare("whoami", best("Gatehouse whoami"), best("reference whoami"), 0.6);
  compare("forwarding", best("Gatehouse forward"), best("reference forward"), 0.7);
  const [free, checked] = [best("Gatehouse whoami"), best("Gatehouse whoami, limits on")];
  console.log(
    `limits on: ${(checked.rps / free.rps).toFixed(2)}× the same lane without limits (goal ≥ 0.95: ${verdict(checked.rps / free.rps >= 0.95)}); p99 added ${checked.p99 - free.p99} ms (goal ≤ 1 ms: ${verdict(checked.p99 - free.p99 <= 1)})`,
  );
  console.log(
    `server RSS after ${gatehouseSeconds.toFixed(0)} s at ${CONNECTIONS} connections: ${rss.toFixed(0)} MB (goal ≤ 300 MB: ${verdict(rss <= 300)}); reference: ${reference.rssMb().toFixed(0)} MB`,
  );
  // The key's row is updated by one statement per flush at most; a flush runs only when requests came in.
  const allowed = Math.ceil(windowMs / FLUSH_MS) + 1;
  console.log(
    `last-used writes: ${updates} updates of the key's row for ${accepted} accepted requests over ${(windowMs / 1000).toFixed(0)} s (${measuredGatehouse.toFixed(0)} s of them with gateway traffic); one per ${FLUSH_MS} ms flush at most allows ${allowed}: ${verdict(updates <= allowed)}`,
  );
  const bad = Object.values(results)
    .flat()
    .reduce((n, r) => n + r.bad, 0);
  console.log(`non-2xx answers or errors: ${bad}`);
  console.log("\nFlood (a second instance, its database connection counted statement by statement)…");
  for (const line of await measureFlood(url, floodPort, key, SECONDS, CONNECTIONS)) console.log(line);
} finally {
  await stats.end();
  for (const p of running.reverse()) await p.stop();
  await database.stop();
}
