// npm run bench:dashboard [-- --no-build --rows 5000000 --other-rows 5000000 --samples 100 --reuse]
// Seeds one account with 50 keys and ROWS request rows over 30 days, plus OTHER_ROWS for 100
// other accounts (INSERT … SELECT generate_series; rollups and sources built from them),
// then measures against `next start`: the 30-day Dashboard's server render, Transaction
// Monitoring's first page under filters, a CSV export of about 1,000,000 rows with the
// server's RSS, and the batched writer's statement with and without the rollups.
import { spawnSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import os from "node:os";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { closeDb } from "@/db/client";
import { ensureRequestPartitions } from "@/db/queries/request-log-maintenance";
import { createUser } from "@/db/queries/users";
import { hashPassword } from "@/lib/passwords";
import { buildRollups, seedRequests } from "@/scripts/bench/dashboard-seed";
import { benchDatabase } from "@/scripts/bench/database";
import { measureFlush } from "@/scripts/bench/flush-cost";
import { fmt, groupRssMb, timeRequests } from "@/scripts/bench/measure";
import { freePort, startProcess } from "@/scripts/bench/server";

const startProductionServer = (port: number, env: Record<string, string>) =>
  startProcess(["dist/server.js"], port, "/api/health", { NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", ...env });

import { signIn } from "@/tests/helpers/session";

const { values: args } = parseArgs({
  options: {
    "no-build": { type: "boolean", default: false },
    rows: { type: "string", default: "5000000" },
    "other-rows": { type: "string", default: "5000000" },
    samples: { type: "string", default: "100" },
    // Measure again on a DATABASE_URL this script seeded before, without seeding.
    reuse: { type: "boolean", default: false },
  },
});
const ROWS = Number(args.rows);
const OTHER_ROWS = Number(args["other-rows"]);
const SAMPLES = Number(args.samples);
const DAY = 86_400_000;
const PASSWORD = "bench dashboard password";
const t0 = Date.now();
const since = () => `${((Date.now() - t0) / 1000).toFixed(0)} s`;

if (!args["no-build"]) {
  console.log("Building (next build)…");
  const build = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const database = await benchDatabase();
const { url } = database;
const sql = postgres(url, { max: 1, onnotice: () => {} });
const end = new Date();
const start = new Date(end.getTime() - 30 * DAY);

const [seeded] = args.reuse
  ? await sql<{ email: string }[]>`select email from users where email like 'bench-dashboard-%' order by created_at desc limit 1`
  : [];
const email = seeded?.email ?? `bench-dashboard-${randomUUID()}@gatehouse.dev`;
const keys = seeded
  ? await sql<{ id: string; ownerId: string }[]>`
      select k.id, k.owner_id as "ownerId" from api_keys k join users u on u.id = k.owner_id
      where u.email = ${email} order by substring(k.name from '[0-9]+$')::int`
  : await seed();

async function seed(): Promise<{ id: string; ownerId: string }[]> {
  const user = await createUser(email, await hashPassword(PASSWORD), { planId: "internal" });
  if (!user) throw new Error("could not create the benchmark user");
  const makeKeys = async (ownerIds: string[], perOwner: number) =>
    sql<{ id: string; ownerId: string }[]>`
      insert into api_keys (owner_id, name, hash, start)
      select o, 'bench key ' || n, encode(sha256(gen_random_uuid()::text::bytea), 'hex'), 'gtw_live_bnch'
      from unnest(${ownerIds}::uuid[]) as o cross join generate_series(1, ${perOwner}) as n
      order by o, n
      returning id, owner_id as "ownerId"`;
  const ownKeys = await makeKeys([user.id], 50);
  const others = await sql<{ id: string }[]>`
    insert into users (email, password_hash, plan_id)
    select 'bench-other-' || n || '-' || ${randomUUID()} || '@gatehouse.dev', 'not-a-hash', 'internal' from generate_series(1, 100) as n
    returning id`;
  const otherKeys = await makeKeys(
    others.map((o) => o.id),
    5,
  );
  await ensureRequestPartitions(start.toISOString().slice(0, 10), new Date(end.getTime() + 7 * DAY).toISOString().slice(0, 10));
  await closeDb();
  // A bench seed: the foreign-key triggers are skipped for speed (every key and owner above exists).
  await sql`set session_replication_role = replica`;
  console.log(`Seeding ${ROWS.toLocaleString("en-US")} rows for the account and ${OTHER_ROWS.toLocaleString("en-US")} for 100 others…`);
  await seedRequests(sql, ownKeys, ROWS, end, 30, 2);
  await seedRequests(sql, otherKeys, OTHER_ROWS, end, 30, 1);
  console.log(`  rows in ${since()}; building rollups and sources…`);
  await buildRollups(sql, start, new Date(end.getTime() + 1000));
  await sql`set session_replication_role = origin`;
  await sql`analyze`;
  const [sizes] = await sql`select (select count(*) from request_rollups)::int as rollups, (select count(*) from key_sources)::int as sources,
    pg_size_pretty(pg_total_relation_size('gateway_requests_default') + (select sum(pg_total_relation_size(inhrelid)) from pg_inherits where inhparent = 'gateway_requests'::regclass)) as log`;
  console.log(
    `  seeded in ${since()}: ${sizes.rollups.toLocaleString("en-US")} rollup rows, ${sizes.sources.toLocaleString("en-US")} source rows, log ${sizes.log}`,
  );
  return ownKeys;
}

const serverEnv = { DATABASE_URL: url, AUTH_SECRET: randomBytes(33).toString("base64url") };
const server = await startProductionServer(await freePort(), serverEnv);
const exports: string[] = [];
let serverStopped = false;
try {
  const cookie = await signIn(server.url, email, PASSWORD);
  const headers = { cookie };
  const page = async (label: string, route: string, expect: string) => {
    const t = await timeRequests(`${server.url}${route}`, headers, SAMPLES, 10, expect);
    console.log(`${label.padEnd(44)} ${fmt(t)}`);
    return t;
  };
  const load = () =>
    os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ");
  console.log(`\nMeasuring (load average ${load()})…`);
  const dashboard30 = await page("Dashboard, 30 days", "/dashboard?range=30d", "Top keys");
  await page("Dashboard, 7 days", "/dashboard?range=7d", "Top keys");
  await page("Dashboard, 24 hours", "/dashboard?range=24h", "Top keys");
  await page("Dashboard, 1 hour", "/dashboard?range=1h", "Top keys");
  const busiest = keys[0].id; // "bench key 1": the seed favours the first keys
  const today = end.toISOString().slice(0, 10);
  const filtered = [
    await page("Transactions, key + 5xx", `/transactions?key=${busiest}&status=5xx`, "Gateway requests table"),
    await page("Transactions, refused", "/transactions?status=refused", "Gateway requests table"),
    await page("Transactions, path prefix", "/transactions?path=orders%2F5", "Gateway requests table"),
    await page("Transactions, one day + key", `/transactions?from=${today}&to=${today}&key=${busiest}`, "Gateway requests table"),
  ];
  await page("Transactions, unfiltered", "/transactions", "Gateway requests table");
  await page("Key details (7-day usage, sources)", `/keys/${busiest}?range=7d`, "Sources");

  await server.stop();
  serverStopped = true;

  // The export: over 1,000,000 rows (the account's last 6⅓ days), on a fresh server each
  // time, RSS sampled every 100 ms: once with Node's defaults, once with a V8 heap budget.
  const exportFrom = new Date(end.getTime() - 6 * DAY).toISOString().slice(0, 10);
  for (const heap of [undefined, "--max-old-space-size=192"]) {
    const fresh = await startProductionServer(await freePort(), { ...serverEnv, NODE_OPTIONS: heap ?? "" });
    try {
      const freshCookie = await signIn(fresh.url, email, PASSWORD);
      await timeRequests(`${fresh.url}/dashboard?range=30d`, { cookie: freshCookie }, 5, 0); // a page or two first, as in use
      const rssBefore = groupRssMb(fresh.pid);
      let rssMax = rssBefore;
      const sampler = setInterval(() => (rssMax = Math.max(rssMax, groupRssMb(fresh.pid))), 100);
      const exportStarted = performance.now();
      const response = await fetch(`${fresh.url}/transactions/export?from=${exportFrom}`, { headers: { cookie: freshCookie } });
      let bytes = 0;
      let lines = 0;
      let firstByte = 0;
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        firstByte ||= performance.now() - exportStarted;
        bytes += chunk.length;
        for (const b of chunk) if (b === 10) lines++;
      }
      clearInterval(sampler);
      const seconds = (performance.now() - exportStarted) / 1000;
      exports.push(
        `CSV export from ${exportFrom} (${heap ? `NODE_OPTIONS=${heap}` : "Node defaults"}): ${(lines - 1).toLocaleString("en-US")} rows, ${(bytes / 1e6).toFixed(0)} MB, first byte ${firstByte.toFixed(0)} ms, all in ${seconds.toFixed(1)} s; server RSS ${rssBefore.toFixed(0)} MB before, max ${rssMax.toFixed(0)} MB during (goal ≤ 300 MB)`,
      );
      console.log(exports.at(-1));
    } finally {
      await fresh.stop();
    }
  }

  const flush = await measureFlush(keys);
  const worst = filtered.reduce((a, b) => (b.p95 > a.p95 ? b : a));
  console.log("");
  console.log(
    `Gatehouse dashboard benchmark · ${new Date().toISOString()} · ${os.cpus().length} CPU · load ${load()} · ${database.embedded ? "embedded PostgreSQL" : "PostgreSQL at DATABASE_URL"} · ${(ROWS + OTHER_ROWS).toLocaleString("en-US")} rows`,
  );
  console.log(`30-day Dashboard p95: ${dashboard30.p95.toFixed(1)} ms (goal ≤ 150 ms)`);
  console.log(`Transaction Monitoring first page, filtered, worst p95: ${worst.p95.toFixed(1)} ms (goal ≤ 100 ms)`);
  for (const line of exports) console.log(line);
  console.log(flush);
} finally {
  await sql.end();
  if (!serverStopped) await server.stop();
  await database.stop();
}
