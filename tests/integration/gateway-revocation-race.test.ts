// The revocation race (issue #4): a request that arrives after its key was switched off must
// not join a lookup of that key that began before the switch, and must be refused. The
// lookup is slowed honestly: PostgreSQL's answer to it is held in transit by a TCP relay
// between this process's pool and the database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import { findKeyByHash } from "@/db/queries/keys";
import { setEnv } from "@/lib/env";
import { keyCache } from "@/lib/gateway/key-cache";
import { startRevocationListener, stopRevocationListener } from "@/lib/gateway/revocation";
import { verifyApiKey } from "@/lib/gateway/verify";
import { hashKey } from "@/lib/keys/format";
import { setKeyActive } from "@/lib/keys/service";
import { createTestKey, createTestUser } from "@/tests/helpers/db";
import { defined } from "@/tests/helpers/defined";
import { type PgRelay, startPgRelay } from "@/tests/helpers/pg-relay";
import { waitUntil } from "@/tests/helpers/wait";

let relay: PgRelay;
const directUrl = defined(process.env.DATABASE_URL, "DATABASE_URL");

beforeAll(async () => {
  relay = await startPgRelay(directUrl);
  await closeDb();
  setEnv("DATABASE_URL", relay.url); // the pool (lookups, key switches) goes through the relay
  startRevocationListener(directUrl); // notifications do not
  await waitUntil(() => keyCache().isTrusted, 5_000);
});
afterAll(async () => {
  relay.release();
  await stopRevocationListener();
  await closeDb();
  await relay.close();
});

const presented = (key: string) => ({ apiKey: key, authorization: undefined, search: "" });
const settledWithin = (promise: Promise<unknown>, ms: number) =>
  Promise.race([promise.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms))]);

describe("the revocation race", () => {
  it("a request after the switch does not join the lookup that began before it, and is refused", async () => {
    const user = await createTestUser();
    const { id, key } = await createTestKey(user);
    // A new pool with one connection: the lookup will take it.
    await closeDb();
    expect(await findKeyByHash(hashKey(key))).toMatchObject({ id, active: true });
    keyCache().setTrusted(true); // empties the cache, so the next verification looks the key up

    relay.holdNextRows();
    const started = performance.now();
    const before = verifyApiKey(presented(key)); // a lookup begins; PostgreSQL says "active"…
    await waitUntil(() => relay.holding(), 500, 2); // …and that answer is now held in transit

    expect((await setKeyActive(user, id, false)).ok).toBe(true); // on another connection of the pool
    const after = Promise.resolve(verifyApiKey(presented(key)));
    try {
      // Fixed: its own lookup, on a free connection, reads "switched off". Joined: it would wait for the held read.
      expect(await settledWithin(after, 300)).toBe(true);
      expect(await after).toEqual({ ok: false, code: "key_disabled", key: expect.objectContaining({ id, active: false }) });
    } finally {
      relay.release();
    }
    // The request that arrived before the switch may be answered from the read it started.
    expect(await before).toMatchObject({ ok: true });
    expect(performance.now() - started).toBeLessThan(1_000); // under the lookup timeout: no 503 involved
    // That stale read must not have been cached either.
    expect(await verifyApiKey(presented(key))).toMatchObject({ ok: false, code: "key_disabled" });
  });
});
