// Server actions are public HTTP endpoints: called here without the UI, as an attacker could.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listKeys } from "@/db/queries/keys";
import { endSessions, updatePassword } from "@/db/queries/users";
import { hashKey } from "@/lib/keys/format";
import { hashPassword } from "@/lib/passwords";
import { callAction, callFormAction } from "@/tests/helpers/actions";
import { createTestKey, createTestUser } from "@/tests/helpers/db";
import { defined } from "@/tests/helpers/defined";
import { type Server, startServer } from "@/tests/helpers/server";
import { signIn } from "@/tests/helpers/session";

let server: Server;
const plaintexts: string[] = [];

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
  for (const key of plaintexts) expect(server.logs()).not.toContain(key);
});

const SIGNED_OUT = "Your session has ended";
const NOT_FOUND = "Key not found";

async function owner() {
  const user = await createTestUser();
  const key = await createTestKey(user, "Owned key");
  plaintexts.push(key.key);
  return { user, key, cookie: await signIn(server.url, user.email, user.password) };
}

// Without a cookie the proxy turns the call away on console pages; posted to a page it does not
// cover, Next.js does not run the action there. The actions' own check is what refuses a cookie
// that is still well-formed but whose session has ended ("ended sessions", below).
const refusedForNoSession = (reply: { status: number; text: string }) => !reply.text.includes('"ok":true');

describe("without a session", () => {
  it("switching, deleting and creating are refused and change nothing", async () => {
    const { user, key } = await owner();
    for (const page of ["/gateway", "/keys", "/sign-in"]) {
      expect(refusedForNoSession(await callAction(server.url, page, "setKeyActiveAction", [{ id: key.id, active: false }]))).toBe(true);
      expect(refusedForNoSession(await callAction(server.url, page, "deleteKeyAction", [{ id: key.id }]))).toBe(true);
      await callFormAction(server.url, page, "createKeyAction", { name: "sneaky" });
    }
    expect((await listKeys(user.id)).map((k) => [k.name, k.active])).toEqual([["Owned key", true]]);
  });
});

describe("another user's key", () => {
  it("is not found for user B, and stays as it was", async () => {
    const a = await owner();
    const b = await owner();
    expect((await callAction(server.url, "/keys", "setKeyActiveAction", [{ id: a.key.id, active: false }], b.cookie)).text).toContain(NOT_FOUND);
    expect((await callAction(server.url, "/keys", "deleteKeyAction", [{ id: a.key.id }], b.cookie)).text).toContain(NOT_FOUND);
    expect((await listKeys(a.user.id)).map((k) => [k.id, k.active])).toEqual([[a.key.id, true]]);
    const page = await fetch(`${server.url}/keys`, { headers: { cookie: b.cookie } }).then((r) => r.text());
    expect(page).not.toContain(a.key.id);
  });
});

describe("bad input", () => {
  it("gets a clear message and writes nothing", async () => {
    const { user, key, cookie } = await owner();
    const cases: [string, unknown[], string][] = [
      ["setKeyActiveAction", [{ id: "not-a-uuid", active: false }], "That key id is not valid."],
      ["setKeyActiveAction", [{ id: key.id, active: "false" }], "The target state must be true or false."],
      ["setKeyActiveAction", [], "That key id is not valid."],
      ["deleteKeyAction", [], "That key id is not valid."],
      ["deleteKeyAction", [key.id], "That key id is not valid."],
    ];
    for (const [name, args, message] of cases) {
      const reply = await callAction(server.url, "/gateway", name, args, cookie);
      expect(reply.text, `${name}(${JSON.stringify(args)})`).toContain(message);
    }
    const forms: [Record<string, string>, string][] = [
      [{ name: "" }, "Key Name is required."],
      [{ name: "   " }, "Key Name is required."],
      [{ name: "n".repeat(65) }, "Key Name must be at most 64 characters."],
      [{ name: "ok", description: "d".repeat(501) }, "Key Description must be at most 500 characters."],
      [{ name: "Owned key" }, "You already have a key named"],
    ];
    for (const [fields, message] of forms) {
      expect((await callFormAction(server.url, "/gateway", "createKeyAction", fields, cookie)).text).toContain(message);
    }
    expect((await listKeys(user.id)).map((k) => [k.name, k.active])).toEqual([["Owned key", true]]);
  });
});

describe("the key itself", () => {
  it("travels only in the create action's response and never in a page", async () => {
    const { user, cookie } = await owner();
    const reply = await callFormAction(server.url, "/gateway", "createKeyAction", { name: "Fresh", description: "from HTTP" }, cookie);
    const key = defined(/gtw_live_[0-9A-Za-z]{28}/.exec(reply.text)?.[0], "the key in the reply");
    plaintexts.push(key);
    const stored = defined(
      (await listKeys(user.id)).find((k) => k.name === "Fresh"),
      "the stored key",
    );
    expect(key.startsWith(stored.start)).toBe(true);
    for (const page of ["/gateway", "/keys", "/transactions"]) {
      const html = await fetch(`${server.url}${page}`, { headers: { cookie } }).then((r) => r.text());
      if (page !== "/transactions") expect(html).toContain(stored.start);
      expect(html).not.toContain(key);
      expect(html).not.toContain(hashKey(key));
    }
  });
});

describe("ended sessions", () => {
  it("a cookie from before sign-out or a password change opens nothing", async () => {
    const { user, key, cookie } = await owner();
    expect((await fetch(`${server.url}/gateway`, { headers: { cookie }, redirect: "manual" })).status).toBe(200);
    await endSessions(user.id); // what signing out does
    const page = await fetch(`${server.url}/gateway`, { headers: { cookie }, redirect: "manual" });
    expect(page.status).toBe(307);
    expect(page.headers.get("location")).toContain("/sign-in");
    expect((await callAction(server.url, "/gateway", "setKeyActiveAction", [{ id: key.id, active: false }], cookie)).text).toContain(SIGNED_OUT);

    const fresh = await signIn(server.url, user.email, user.password);
    await updatePassword(user.id, await hashPassword("another long password"));
    expect((await callAction(server.url, "/gateway", "deleteKeyAction", [{ id: key.id }], fresh)).text).toContain(SIGNED_OUT);
    expect((await listKeys(user.id))[0]).toMatchObject({ id: key.id, active: true });
  });

  it("the sign-out action itself ends the session on the server", async () => {
    const { user, cookie } = await owner();
    const reply = await callAction(server.url, "/gateway", "signOutAction", [], cookie);
    expect([200, 303]).toContain(reply.status);
    const page = await fetch(`${server.url}/gateway`, { headers: { cookie }, redirect: "manual" });
    expect(page.headers.get("location")).toContain("/sign-in");
    expect(user.id).toBeTruthy();
  });
});
