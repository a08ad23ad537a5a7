import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { recordSignInFailure, recordSignUp, signInWait, signUpWait } from "@/lib/auth-throttle";
import { env } from "@/lib/env";

const unique = (label: string) => `${label}-${Date.now()}-${Math.random()}@test.gatehouse.dev`;

describe("sign-in throttling", () => {
  it("stops an email after the limit of failures, whether or not the account exists, until the window passes", async () => {
    const email = unique("throttled");
    for (let i = 0; i < env().SIGNIN_FAILURE_LIMIT - 1; i++) await recordSignInFailure(email, null);
    expect(await signInWait(email, null)).toBeNull();
    await recordSignInFailure(email.toUpperCase(), null); // the same email, however it is typed
    expect(await signInWait(email, null)).toBe(15);
    // 16 minutes later
    await db().execute(sql`update auth_attempts set created_at = created_at - interval '16 minutes' where scope = ${`email:${email}`}`);
    expect(await signInWait(email, null)).toBeNull();
  });

  it("stops an address spreading failures over many emails", async () => {
    const ip = `198.51.100.${Math.floor(Math.random() * 250)}-${Date.now()}`;
    for (let i = 0; i < env().SIGNIN_FAILURE_LIMIT; i++) await recordSignInFailure(unique("spray"), ip);
    expect(await signInWait(unique("another"), ip)).toBe(15);
    expect(await signInWait(unique("another"), null)).toBeNull();
  });

  it("limits sign-ups per address and hour", async () => {
    const ip = `203.0.113.7-${Date.now()}`;
    for (let i = 0; i < env().SIGNUP_LIMIT_PER_HOUR; i++) await recordSignUp(ip);
    expect(await signUpWait(ip)).toBe(60);
    expect(await signUpWait(`${ip}-other`)).toBeNull();
  });
});
