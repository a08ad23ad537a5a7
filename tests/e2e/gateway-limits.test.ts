// Rate limits and quotas across two production servers on one database, and the bounds on
// what someone with no account can make the database do.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { insertKey } from "@/db/queries/key-writes";
import { plans } from "@/db/schema";
import { generateKey } from "@/lib/keys/format";
import { createKey } from "@/lib/keys/service";
import { blockFor } from "@/lib/limits/allowance";
import { callFormAction } from "@/tests/helpers/actions";
import { createTestKey, createTestUser } from "@/tests/helpers/db";
import { startStatementCounter } from "@/tests/helpers/pg-statement-counter";
import { type Server, startServer } from "@/tests/helpers/server";
import { signIn } from "@/tests/helpers/session";
import { waitUntil } from "@/tests/helpers/wait";

let a: Server;
let b: Server;
beforeAll(async () => {
  [a, b] = await Promise.all([startServer(), startServer()]);
});
afterAll(() => Promise.all([a?.stop(), b?.stop()]));

type Reply = { status: number; code?: string; headers: Headers };
async function whoami(server: Server, key: string, headers: Record<string, string> = {}): Promise<Reply> {
  const response = await fetch(`${server.url}/api/gateway/whoami`, { headers: { "x-api-key": key, ...headers } });
  const body = (await response.json()) as { error?: { code: string } };
  return { status: response.status, code: body.error?.code, headers: response.headers };
}

/** Waits until at least `seconds` are left in the current minute, so a burst stays in one window. */
async function earlyInMinute(seconds = 25): Promise<void> {
  const left = 60 - ((Date.now() / 1000) % 60);
  if (left < seconds) await new Promise((r) => setTimeout(r, left * 1000 + 100));
}

describe("per-key rate limits across instances", () => {
  it("admit at most the limit, and at least the limit less what two instances hold unspent", async () => {
    const user = await createTestUser("rate");
    const created = await createKey(user, { name: "limited", rateLimit: 100 });
    const key = created.ok ? created.data.key : "";
    await earlyInMinute();
    const replies: Reply[] = [];
    for (let batch = 0; batch < 20; batch++) {
      replies.push(...(await Promise.all(Array.from({ length: 20 }, (_, i) => whoami(i % 2 ? a : b, key)))));
    }
    const accepted = replies.filter((r) => r.status === 200).length;
    const bound = 2 * blockFor(100);
    console.log(`[limits] 400 requests over two instances at 100/min: ${accepted} accepted (bound ${100 - bound}..100)`);
    expect(accepted).toBeLessThanOrEqual(100);
    expect(accepted).toBeGreaterThanOrEqual(100 - bound);
    const refused = replies.filter((r) => r.status !== 200);
    expect(new Set(refused.map((r) => `${r.status} ${r.code}`))).toEqual(new Set(["429 rate_limited"]));
    const last = refused[refused.length - 1].headers;
    expect(last.get("ratelimit-policy")).toBe('"key";q=100;w=60');
    expect(last.get("ratelimit")).toMatch(/^"key";r=0;t=\d+$/);
    expect(Number(last.get("retry-after"))).toBeGreaterThan(0);
    expect(replies[0].headers.get("ratelimit")).toMatch(/^"key";r=\d+;t=\d+$/);
  });
});

describe("monthly quotas across instances", () => {
  it("refuse from the 51st request of a 50 quota, on both instances, and after a restart", async () => {
    const planId = `quota50-${randomUUID().slice(0, 8)}`;
    await db().insert(plans).values({ id: planId, name: "Test quota 50", monthlyQuota: 50, selfServe: false, position: 99 });
    const user = await createTestUser("quota", planId);
    const { key } = await createTestKey(user);
    const statuses: string[] = [];
    for (let i = 0; i < 56; i++) {
      const reply = await whoami(i % 2 ? a : b, key);
      statuses.push(reply.status === 200 ? "ok" : `${reply.status} ${reply.code}`);
    }
    expect(statuses.slice(0, 50)).toEqual(Array(50).fill("ok"));
    expect(statuses.slice(50)).toEqual(Array(6).fill("429 quota_exceeded"));
    const refused = await whoami(a, key);
    expect(refused.headers.get("ratelimit-policy")).toMatch(/^"month";q=50;w=\d+$/);

    await a.stop();
    a = await startServer();
    expect((await whoami(a, key)).code).toBe("quota_exceeded");
  });

  it("follow a plan switch in the console on the other instance within a second", async () => {
    const user = await createTestUser("switch", "free");
    const { key } = await createTestKey(user);
    expect((await whoami(b, key)).headers.get("ratelimit-policy")).toContain('"month";q=10000;');
    const cookie = await signIn(a.url, user.email, user.password);
    const reply = await callFormAction(a.url, "/subscription", "switchPlanAction", { planId: "developer" }, cookie);
    expect(reply.text).toContain("You are now on Developer.");
    const switchedAt = Date.now();
    await waitUntil(async () => (await whoami(b, key)).headers.get("ratelimit-policy")?.includes('"month";q=100000;') ?? false, 1_000, 10);
    console.log(`[limits] the other instance applied the new plan ${Date.now() - switchedAt} ms after the switch`);
  });
});

describe("forged keys", () => {
  it("cost at most 50 lookups in 10 s of flooding from one address, and a key created meanwhile works at once", async () => {
    const counter = await startStatementCounter(process.env.DATABASE_URL ?? "");
    // One trusted proxy (the test itself): X-Forwarded-For names the client.
    const server = await startServer({ env: { DATABASE_URL: counter.url, GATEWAY_TRUSTED_PROXIES: "1", INVALID_KEYS_PER_MINUTE: "20" } });
    try {
      const user = await createTestUser("flood");
      const fresh = generateKey();
      const honest = { "x-forwarded-for": "203.0.113.9" };
      // The new key's hash is first remembered as unknown...
      expect((await whoami(server, fresh.key, honest)).code).toBe("unknown_key");
      counter.reset();
      const floodUntil = Date.now() + 10_000;
      const statuses = new Map<string, number>();
      const flood = Array.from({ length: 16 }, async () => {
        while (Date.now() < floodUntil) {
          const reply = await whoami(server, generateKey().key, { "x-forwarded-for": "198.51.100.7" });
          const label = `${reply.status} ${reply.code}`;
          statuses.set(label, (statuses.get(label) ?? 0) + 1);
        }
      });
      // ...then created, during the flood: it must work at once for its honest client.
      await new Promise((r) => setTimeout(r, 3_000));
      await insertKey({ name: "made during the flood", description: null, hash: fresh.hash, start: fresh.start, expiresAt: null }, undefined, {
        ownerId: user.id,
        actor: "you",
        ip: null,
        userAgent: null,
      });
      const waited = await waitUntil(async () => (await whoami(server, fresh.key, honest)).status === 200, 1_000, 5);
      await Promise.all(flood);
      const lookups = counter.count(/"previous_hash" = \$/);
      console.log(
        `[flood] ${[...statuses].map(([s, n]) => `${n} × ${s}`).join(", ")}; ${lookups} key lookups reached PostgreSQL; the new key worked ${waited} ms after its creation`,
      );
      expect(lookups).toBeLessThanOrEqual(50);
      expect(lookups).toBeGreaterThan(0);
      expect(statuses.get("429 too_many_invalid_keys") ?? 0).toBeGreaterThan(100);
    } finally {
      await server.stop();
      await counter.close();
    }
  });
});
