// Console hardening over HTTP: the Content-Security-Policy, no open redirect after sign-in,
// NFKC passwords, and a closed sign-up that refuses whatever is posted to it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findUserByEmail } from "@/db/queries/users";
import { callFormAction } from "@/tests/helpers/actions";
import { createTestUser } from "@/tests/helpers/db";
import { type Server, startServer } from "@/tests/helpers/server";
import { signIn } from "@/tests/helpers/session";

let server: Server;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());

const nonceOf = (csp: string | null) => /'nonce-([^']+)'/.exec(csp ?? "")?.[1];

describe("security headers", () => {
  it("puts a fresh nonce on every page and on Next.js's own scripts", async () => {
    const seen = new Set<string>();
    for (const path of ["/sign-in", "/sign-in", "/sign-up", "/does-not-exist"]) {
      const response = await fetch(`${server.url}${path}`);
      const csp = response.headers.get("content-security-policy") ?? "";
      for (const directive of [
        "default-src 'self'",
        "'strict-dynamic'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
      ]) {
        expect(csp).toContain(directive);
      }
      expect(csp).not.toContain("unsafe-eval");
      const nonce = nonceOf(csp);
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{24}$/);
      seen.add(nonce ?? "");
      const html = await response.text();
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
      expect(response.headers.get("permissions-policy")).toContain("camera=()");
      expect(response.headers.get("strict-transport-security")).toBeNull(); // plain http
    }
    expect(seen.size).toBe(4);
  });

  it("sends HSTS in production when the request came over HTTPS", async () => {
    const response = await fetch(`${server.url}/sign-in`, { headers: { "x-forwarded-proto": "https" } });
    expect(response.headers.get("strict-transport-security")).toMatch(/^max-age=\d{7,}/);
  });
});

describe("after sign-in", () => {
  const attempts = [
    "https://evil.example/",
    "//evil.example",
    "/\\evil.example",
    "\\/evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/%09/evil.example",
    "/%2F/evil.example",
    "/.//evil.example",
    "///evil.example",
    "https:evil.example",
    "javascript:alert(1)",
    "%2F%2Fevil.example",
    "http://evil.example%2F@127.0.0.1/",
  ];

  it("goes nowhere but this site, whatever callbackUrl says (signed-in visit of /sign-in)", async () => {
    const user = await createTestUser("redirects");
    const cookie = await signIn(server.url, user.email, user.password);
    for (const callbackUrl of attempts) {
      const response = await fetch(`${server.url}/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`, { headers: { cookie }, redirect: "manual" });
      const location = response.headers.get("location") ?? "";
      expect([callbackUrl, response.status]).toEqual([callbackUrl, 307]);
      expect([callbackUrl, new URL(location, server.url).origin]).toEqual([callbackUrl, server.url]);
      expect(location).not.toMatch(/^\s*[/\\]{2}/);
    }
  });

  it("goes nowhere but this site from the sign-in action either", async () => {
    const user = await createTestUser("redirects-action");
    for (const callbackUrl of [...attempts, "/keys?tab=1"]) {
      const reply = await callFormAction(server.url, "/sign-in", "signInAction", { email: user.email, password: user.password, callbackUrl });
      const target = reply.headers.get("x-action-redirect") ?? reply.headers.get("location") ?? "";
      expect([callbackUrl, target]).not.toEqual([callbackUrl, ""]);
      expect([callbackUrl, new URL(target.split(";")[0], server.url).origin]).toEqual([callbackUrl, server.url]);
    }
  });
});

describe("passwords", () => {
  it("gives the same account for the composed and the decomposed form of a password", async () => {
    const email = `nfkc-${Date.now()}@test.gatehouse.dev`;
    const composed = "crème brûlée au café, s'il vous plaît";
    const reply = await callFormAction(server.url, "/sign-up", "signUpAction", { email, password: composed });
    expect(reply.text).not.toContain('"ok":false');
    expect(await findUserByEmail(email)).not.toBeNull();
    expect(await signIn(server.url, email, composed.normalize("NFD"))).toMatch(/session-token=/);
  });

  it("refuses 14 characters and a common password over HTTP too", async () => {
    for (const [password, message] of [
      ["fourteen chars", "Use at least 15 characters."],
      ["1qaz2wsx3edc4rfv", "This password is too common. Pick another."],
    ]) {
      const email = `weak-${Date.now()}-${password.length}@test.gatehouse.dev`;
      const reply = await callFormAction(server.url, "/sign-up", "signUpAction", { email, password });
      expect(reply.text).toContain(message);
      expect(await findUserByEmail(email)).toBeNull();
    }
  });
});

describe("SIGNUP=closed", () => {
  it("refuses a direct POST to the sign-up action and says so on /sign-up", async () => {
    const closed = await startServer({ env: { SIGNUP: "closed" } });
    try {
      const email = `closed-${Date.now()}@test.gatehouse.dev`;
      const reply = await callFormAction(closed.url, "/sign-up", "signUpAction", { email, password: "a perfectly good password" });
      expect(reply.text).toContain("Sign-up is closed");
      expect(await findUserByEmail(email)).toBeNull();
      const page = await fetch(`${closed.url}/sign-up`).then((r) => r.text());
      expect(page).toContain("Sign-up is closed");
      expect(page).not.toContain('name="password"');
      // Existing accounts still sign in.
      const user = await createTestUser("closed");
      expect(await signIn(closed.url, user.email, user.password)).toMatch(/session-token=/);
    } finally {
      await closed.stop();
    }
  });
});
