// npm run bench:console [-- --no-build --requests 200]
// The key list at scale: one account with 10,000 keys and 1,000,000 audit entries, and the
// production server's time to render (server-side, the whole HTML) the API Gateway page's
// first page, a search, and a key's details page. Prints p50/p95/p99 against the goals.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import os from "node:os";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { hashPassword } from "@/lib/passwords";
import { benchDatabase } from "@/scripts/bench/database";
import { type BenchProcess, freePort, startProcess } from "@/scripts/bench/server";
import { signIn } from "@/tests/helpers/session";

const { values: args } = parseArgs({ options: { "no-build": { type: "boolean", default: false }, requests: { type: "string", default: "200" } } });
const REQUESTS = Number(args.requests);
const PASSWORD = "bench console password";

if (!args["no-build"]) {
  const build = spawnSync("npm", ["run", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: "" } });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const database = await benchDatabase();
const { url } = database;
const sql = postgres(url, { max: 1, onnotice: () => {} });
const email = `bench-console-${randomBytes(4).toString("hex")}@gatehouse.dev`;

console.log("Seeding 10,000 keys and 1,000,000 audit entries for one account…");
let started = Date.now();
const [owner] = await sql`insert into users (email, password_hash, plan_id) values (${email}, ${await hashPassword(PASSWORD)}, 'internal') returning id`;
await sql`
  insert into api_keys (owner_id, name, description, hash, start, rate_limit_per_minute, created_at, last_used_at, expires_at, active)
  select ${owner.id}, 'key ' || lpad(i::text, 5, '0'), case when i % 3 = 0 then 'service ' || (i % 50) end,
         encode(sha256(convert_to(${owner.id}::text || i::text, 'UTF8')), 'hex'), 'gtw_live_' || substr(md5(i::text), 1, 4), 600,
         now() - (i || ' minutes')::interval,
         case when i % 10 < 7 then now() - ((i * 7919 % 43200) || ' minutes')::interval end,
         case when i % 20 = 0 then now() + ((i % 90) || ' days')::interval end,
         i % 13 <> 0
  from generate_series(1, 10000) i`;
const [target] = await sql`select id from api_keys where owner_id = ${owner.id} and name = 'key 05000'`;
// Within this month, whose partition the migration made: about 100 entries a key.
await sql`
  with keys as (select array_agg(id order by name) as ids from api_keys where owner_id = ${owner.id})
  insert into audit_log (owner_id, key_id, action, actor, changes, ip, user_agent, created_at)
  select ${owner.id}, keys.ids[1 + i % 10000], (array['key.created','key.renamed','key.switched_off','key.switched_on','key.rate_limit_changed'])[1 + i % 5], 'you',
         jsonb_build_object('rateLimit', jsonb_build_array(i % 600, 600)), '203.0.113.' || (i % 200), 'bench/1.0',
         date_trunc('month', now()) + (random() * (now() - date_trunc('month', now())))
  from generate_series(1, 1000000) i, keys`;
// As autovacuum would in time; done now so it does not run during the measurement.
await sql`vacuum (analyze) api_keys`;
await sql`vacuum (analyze) audit_log`;
console.log(`Seeded in ${((Date.now() - started) / 1000).toFixed(0)} s.`);

const port = await freePort();
let server: BenchProcess | undefined;
try {
  server = await startProcess(["dist/server.js"], port, "/api/health", {
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_URL: url,
    AUTH_SECRET: randomBytes(33).toString("base64url"),
  });
  const cookie = await signIn(server.url, email, PASSWORD);
  const pages = [
    ["API Gateway, first page", "/gateway", 150],
    ['a search ("key 12")', `/gateway?q=${encodeURIComponent("key 12")}`, 150],
    ["sorted by last use", "/keys?sort=last_used", 150],
    ["a key's details (100 audit entries)", `/keys/${target.id}`, 100],
  ] as const;
  console.log(
    `\nGatehouse console benchmark · ${new Date().toISOString()} · ${os.cpus().length} CPU · load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")} · ${database.embedded ? "embedded PostgreSQL" : "PostgreSQL at DATABASE_URL"} · ${REQUESTS} requests each, one at a time`,
  );
  console.log(`${"page".padEnd(38)} ${"p50".padStart(8)} ${"p95".padStart(8)} ${"p99".padStart(8)}   goal (p95)`);
  for (const [name, page, goal] of pages) {
    const times: number[] = [];
    for (let i = 0; i < REQUESTS + 20; i++) {
      started = performance.now();
      const response = await fetch(`${server.url}${page}`, { headers: { cookie } });
      const html = await response.text();
      if (response.status !== 200 || !html.includes("</html>")) throw new Error(`${page}: ${response.status}`);
      if (i >= 20) times.push(performance.now() - started); // the first 20 warm up
    }
    times.sort((x, y) => x - y);
    const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
    const ms = (v: number) => `${v.toFixed(1)} ms`.padStart(8);
    console.log(`${name.padEnd(38)} ${ms(at(0.5))} ${ms(at(0.95))} ${ms(at(0.99))}   ≤ ${goal} ms: ${at(0.95) <= goal ? "meets" : "MISSES"}`);
  }
} finally {
  await server?.stop();
  await sql.end();
  await database.stop();
}
