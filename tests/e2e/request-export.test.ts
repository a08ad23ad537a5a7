// The CSV export over HTTP, as a browser's download or any client would fetch it: streamed,
// only the signed-in owner's rows, RFC 4180 escaping and formulas neutralized.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "@/tests/helpers/csv";
import { createTestKey, createTestUser } from "@/tests/helpers/db";
import { type Server, startServer } from "@/tests/helpers/server";
import { signIn } from "@/tests/helpers/session";
import { writeTraffic } from "@/tests/helpers/traffic";

let server: Server;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

const TRICKY = '/api/gateway/a,b "quoted"\nnext line';

describe("the request export", () => {
  it("streams the owner's filtered rows as RFC 4180 CSV with formulas neutralized, and no one else's", async () => {
    const user = await createTestUser("export");
    const other = await createTestUser("export-other");
    const key = await createTestKey(user, "=cmd|' /C calc'!A0");
    const plain = await createTestKey(user, "plain, key");
    const theirs = await createTestKey(other, "theirs");
    const now = Date.now();
    await writeTraffic(user.id, [
      { keyId: key.id, status: 200, latencyMs: 12, at: new Date(now - 3000), path: TRICKY, agent: "@evil", ip: "203.0.113.9" },
      { keyId: key.id, status: 429, refusal: "rate_limited", latencyMs: 0, at: new Date(now - 2000), path: "/api/gateway/=SUM(A1)", agent: "-2+3" },
      { keyId: plain.id, status: 200, latencyMs: 5, at: new Date(now - 1000), path: "/api/gateway/orders/7" },
    ]);
    await writeTraffic(other.id, [{ keyId: theirs.id, status: 200, latencyMs: 1, at: new Date(now - 500), path: "/api/gateway/theirs" }]);
    const cookie = await signIn(server.url, user.email, user.password);

    const response = await fetch(`${server.url}/transactions/export`, { headers: { cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="gatehouse-requests-\d{4}-\d\d-\d\d\.csv"$/);
    expect(response.headers.get("content-length")).toBeNull(); // streamed, not buffered whole
    const text = await response.text();
    expect(text.endsWith("\r\n")).toBe(true);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual(["time", "key", "method", "path", "status", "outcome", "latency_ms", "client_ip", "user_agent", "secret_start"]);
    expect(rows.map((r) => [r[1], r[3], r[4], r[5], r[6], r[8]])).toEqual([
      ["plain, key", "/api/gateway/orders/7", "200", "2xx", "5", "traffic-test/1"],
      ["'=cmd|' /C calc'!A0", "/api/gateway/=SUM(A1)", "429", "rate_limited", "0", "'-2+3"],
      ["'=cmd|' /C calc'!A0", TRICKY, "200", "2xx", "12", "'@evil"],
    ]);
    expect(rows[0][0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(text).not.toContain("theirs");
    // The raw text: quotes doubled and the newline kept inside one quoted field.
    expect(text).toContain('"/api/gateway/a,b ""quoted""\nnext line"');

    const filtered = parseCsv(await (await fetch(`${server.url}/transactions/export?status=refused&key=${key.id}`, { headers: { cookie } })).text());
    expect(filtered.slice(1).map((r) => r[5])).toEqual(["rate_limited"]);
    // Another account's key id in the filter gives the header alone.
    const foreign = parseCsv(await (await fetch(`${server.url}/transactions/export?key=${theirs.id}`, { headers: { cookie } })).text());
    expect(foreign).toEqual([header]);
  });

  it("gives nothing without a session", async () => {
    const response = await fetch(`${server.url}/transactions/export`, { redirect: "manual" });
    expect([302, 303, 307]).toContain(response.status);
    expect(response.headers.get("location")).toContain("/sign-in");
    expect(await response.text()).not.toContain("time,key");
  });
});
