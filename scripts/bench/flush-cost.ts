// What the rollups add to the batched writer's one statement, measured in isolation: the
// statement as it was (last-used and the log) against writeUsage (the same plus rollups and
// sources), on batches the size of a busy second's flush. Medians of 15 runs each.
import { closeDb, sqlClient } from "@/db/client";
import { type RequestRow, writeUsage } from "@/db/queries/usage";
import { usageBatch } from "@/tests/helpers/usage-batch";

function batch(keys: { id: string; ownerId: string }[], n: number): RequestRow[] {
  const now = Date.now();
  return Array.from({ length: n }, (_, i) => {
    const refused = i % 20 === 0;
    return {
      ownerId: keys[i % keys.length].ownerId,
      keyId: keys[i % keys.length].id,
      method: "GET",
      path: `/api/gateway/orders/${i}`,
      status: refused ? 429 : 200,
      refusal: refused ? "rate_limited" : null,
      latencyMs: (i * 37) % 400,
      clientIp: `10.0.${i % 4}.1`,
      userAgent: "bench/1",
      createdAt: new Date(now - (i % 1000)),
    };
  });
}

/** The statement before the rollups, kept here only to compare against. */
async function logOnly(rows: RequestRow[]): Promise<void> {
  const sql = sqlClient(); // its JSON parameters pass as text, as writeUsage's do
  const uses = JSON.stringify([...new Set(rows.map((r) => r.keyId))].map((id) => ({ id, at: new Date().toISOString() })));
  const log = JSON.stringify(
    rows.map((r) => ({ ...r, owner_id: r.ownerId, key_id: r.keyId, latency_ms: r.latencyMs, client_ip: r.clientIp, created_at: r.createdAt })),
  );
  await sql`
    with touched as (
      update api_keys as k set last_used_at = greatest(k.last_used_at, v.at)
      from jsonb_to_recordset(${uses}::jsonb) as v(id uuid, at timestamptz) where k.id = v.id returning 1
    ), logged as (
      insert into gateway_requests (owner_id, key_id, method, path, status, latency_ms, client_ip, created_at)
      select r.owner_id, r.key_id, r.method, r.path, r.status, r.latency_ms, r.client_ip, r.created_at
      from jsonb_to_recordset(${log}::jsonb)
        as r(owner_id uuid, key_id uuid, method varchar(16), path varchar(2048), status int2, latency_ms int4, client_ip varchar(64), created_at timestamptz)
      join api_keys k on k.id = r.key_id returning 1
    )
    select (select count(*) from touched), (select count(*) from logged)`;
}

/** Medians of 15 runs of each, taking turns so that the machine's load falls on both alike. */
async function medians(a: () => Promise<void>, b: () => Promise<void>): Promise<[number, number]> {
  const times: [number[], number[]] = [[], []];
  for (let i = 0; i < 15; i++) {
    for (const [j, run] of [a, b].entries()) {
      const started = performance.now();
      await run();
      times[j].push(performance.now() - started);
    }
  }
  const median = (xs: number[]) => xs.sort((x, y) => x - y)[7];
  return [median(times[0]), median(times[1])];
}

export async function measureFlush(keys: { id: string; ownerId: string }[]): Promise<string> {
  const lines: string[] = [];
  for (const n of [1_000, 5_000]) {
    const rows = batch(keys, n);
    const lastUses = [...new Set(rows.map((r) => r.keyId))].map((keyId) => ({ keyId, at: new Date() }));
    const [before, after] = await medians(
      () => logOnly(rows),
      () => writeUsage(usageBatch(lastUses, rows)),
    );
    lines.push(
      `flush of ${n.toLocaleString("en-US")} rows over ${keys.length} keys: ${before.toFixed(1)} ms without rollups, ${after.toFixed(1)} ms with rollups and sources (+${(((after - before) / before) * 100).toFixed(0)}%)`,
    );
  }
  await closeDb();
  return lines.join("\n");
}
