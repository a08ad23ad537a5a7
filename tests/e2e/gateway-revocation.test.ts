// Two production servers over one database: a key switched off through the console on one
// is refused by the other within a second (LISTEN/NOTIFY), and at once by the first.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callAction } from "@/tests/helpers/actions";
import { createTestKey, createTestUser } from "@/tests/helpers/db";
import { type Server, startServer } from "@/tests/helpers/server";
import { signIn } from "@/tests/helpers/session";
import { waitUntil } from "@/tests/helpers/wait";

let a: Server;
let b: Server;
const plaintexts: string[] = [];

beforeAll(async () => {
  [a, b] = await Promise.all([startServer(), startServer()]);
});
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  for (const key of plaintexts) {
    expect(a.logs()).not.toContain(key);
    expect(b.logs()).not.toContain(key);
  }
});

const whoami = (server: Server, key: string) => fetch(`${server.url}/api/gateway/whoami`, { headers: { "x-api-key": key } }).then((r) => r.status);

describe("revocation across instances", () => {
  it("a key switched off on A is refused by B within 1 s, and by A on the next request", async () => {
    const user = await createTestUser();
    const key = await createTestKey(user, "Revoke me");
    plaintexts.push(key.key);
    const cookie = await signIn(a.url, user.email, user.password);
    // Both instances have now verified, and cached, the key.
    expect([await whoami(a, key.key), await whoami(b, key.key)]).toEqual([200, 200]);
    expect([await whoami(a, key.key), await whoami(b, key.key)]).toEqual([200, 200]);

    const reply = await callAction(a.url, "/gateway", "setKeyActiveAction", [{ id: key.id, active: false }], cookie);
    expect(reply.status).toBe(200);
    expect(reply.text).toContain('"ok":true');
    const switchedAt = Date.now();
    expect(await whoami(a, key.key)).toBe(403);
    const waited = await waitUntil(async () => (await whoami(b, key.key)) === 403, 1_000, 5);
    console.log(`[revocation] instance B refused the key ${Date.now() - switchedAt} ms after the switch (polled every 5 ms; ${waited} ms of waiting)`);

    // And back on: both accept it again.
    expect((await callAction(b.url, "/keys", "setKeyActiveAction", [{ id: key.id, active: true }], cookie)).text).toContain('"ok":true');
    await waitUntil(async () => (await whoami(a, key.key)) === 200 && (await whoami(b, key.key)) === 200, 1_000, 5);
  });

  it("a deleted key is refused everywhere", async () => {
    const user = await createTestUser();
    const key = await createTestKey(user);
    plaintexts.push(key.key);
    const cookie = await signIn(b.url, user.email, user.password);
    expect([await whoami(a, key.key), await whoami(b, key.key)]).toEqual([200, 200]);
    expect((await callAction(b.url, "/keys", "deleteKeyAction", [{ id: key.id }], cookie)).text).toContain('"ok":true');
    expect(await whoami(b, key.key)).toBe(401);
    await waitUntil(async () => (await whoami(a, key.key)) === 401, 1_000, 5);
  });
});
