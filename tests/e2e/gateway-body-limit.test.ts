// GATEWAY_MAX_BODY_BYTES (10 MiB by default): a larger body gets 413 JSON without being read
// whole, declared or streamed, and the server's memory does not grow by the upload's size.
// (A 12 MB body under a raised limit arriving whole: gateway-http.test.ts.)

import { readFileSync } from "node:fs";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestKey, createTestUser } from "@/tests/helpers/db";
import { type Server, startServer } from "@/tests/helpers/server";
import { startUpstream, type Upstream } from "@/tests/helpers/upstream";

const MB = 1024 * 1024;
let upstream: Upstream;
let server: Server;
let key: string;

beforeAll(async () => {
  upstream = await startUpstream();
  server = await startServer({ env: { GATEWAY_UPSTREAM_URL: upstream.url } });
  key = (await createTestKey(await createTestUser())).key;
});
afterAll(async () => {
  await server?.stop();
  await upstream?.close();
  expect(server.logs()).not.toContain(key);
});

type Upload = { status: number; body: string; continued: boolean; sent: number };

/** Sends `bytes` of body from one reused 64 KiB buffer (nothing whole in memory), stopping when the answer comes. */
function upload(path: string, bytes: number, options: { chunked?: boolean; headers?: Record<string, string> } = {}): Promise<Upload> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { "x-api-key": key, ...options.headers };
    if (!options.chunked) headers["content-length"] = String(bytes);
    const req = http.request(`${server.url}/api/gateway${path}`, { method: "POST", headers });
    const chunk = Buffer.alloc(64 * 1024, "x");
    let sent = 0;
    let answered = false;
    let continued = false;
    const pump = () => {
      while (!answered && sent < bytes) {
        const piece = bytes - sent >= chunk.length ? chunk : chunk.subarray(0, bytes - sent);
        sent += piece.length;
        if (!req.write(piece)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    req.on("continue", () => {
      continued = true;
      pump();
    });
    req.on("response", (res) => {
      answered = true;
      let body = "";
      res.on("data", (d) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, continued, sent }));
      res.on("error", reject);
    });
    req.on("error", (error) => {
      if (!answered) reject(error); // after the answer, a reset of our unfinished upload is expected
    });
    if (!options.headers?.expect) pump();
  });
}

const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.child.pid}/status`, "utf8"))?.[1]) / 1024;

async function peakGrowthDuring<T>(work: () => Promise<T>): Promise<[T, number]> {
  const baseline = rssMb();
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb())), 10);
  try {
    return [await work(), peak - baseline];
  } finally {
    clearInterval(sampler);
  }
}

const codeOf = (u: Upload) => (JSON.parse(u.body) as { error: { code: string } }).error.code;

describe("request bodies over GATEWAY_MAX_BODY_BYTES", () => {
  it("a declared 50 MB upload: 413 before its body is read", async () => {
    const [answer, growth] = await peakGrowthDuring(() => upload("/declared", 50 * MB));
    expect([answer.status, codeOf(answer)]).toEqual([413, "payload_too_large"]);
    expect(answer.sent).toBeLessThan(50 * MB);
    expect(growth).toBeLessThan(50);
    console.log(`[body limit] declared 50 MB: 413 after ${(answer.sent / MB).toFixed(1)} MB sent; server RSS grew ${growth.toFixed(1)} MB at most`);
    expect(upstream.received.filter((r) => r.url === "/declared")).toEqual([]);
  });

  it("a streamed (chunked) 50 MB upload: 413 once 10 MiB have gone through, the upstream never gets it whole", async () => {
    const [answer, growth] = await peakGrowthDuring(() => upload("/streamed", 50 * MB, { chunked: true }));
    expect([answer.status, codeOf(answer)]).toEqual([413, "payload_too_large"]);
    expect(growth).toBeLessThan(50);
    console.log(`[body limit] chunked 50 MB: 413 after ${(answer.sent / MB).toFixed(1)} MB sent; server RSS grew ${growth.toFixed(1)} MB at most`);
    expect(upstream.received.filter((r) => r.url === "/streamed" && r.complete)).toEqual([]);
    expect((await fetch(`${server.url}/api/gateway/whoami`, { headers: { "x-api-key": key } })).status).toBe(200);
  });

  it("the default is 10 MiB: 10 MiB goes through, one byte more does not", async () => {
    expect((await upload("/at-limit", 10 * MB, { chunked: true })).status).toBe(200);
    expect(upstream.received.findLast((r) => r.url === "/at-limit")?.bytes).toBe(10 * MB);
    expect((await upload("/over-limit", 10 * MB + 1)).status).toBe(413);
  });

  it("Expect: 100-continue: refused callers never send the body, accepted ones do", async () => {
    const expect100 = { expect: "100-continue" };
    const tooLarge = await upload("/continue-big", 50 * MB, { headers: expect100 });
    expect([tooLarge.status, tooLarge.continued, tooLarge.sent]).toEqual([413, false, 0]);
    const noKey = await upload("/continue-nokey", 1_000, { headers: { ...expect100, "x-api-key": "" } });
    expect([noKey.status, noKey.continued, noKey.sent]).toEqual([401, false, 0]);
    const accepted = await upload("/continue-ok", 100_000, { headers: expect100 });
    expect([accepted.status, accepted.continued]).toEqual([200, true]);
    expect(upstream.received.findLast((r) => r.url === "/continue-ok")?.bytes).toBe(100_000);
    // Told to continue, then over the limit while streaming: 413, and the rest is read away, not left hanging.
    const streamedOver = await upload("/continue-streamed", 50 * MB, { chunked: true, headers: expect100 });
    expect([streamedOver.status, streamedOver.continued, codeOf(streamedOver)]).toEqual([413, true, "payload_too_large"]);
  });
});
