// Sign-in throttling over HTTP, on a server with a limit of 3 failures per email and per
// address in 15 minutes: the same words for an account that exists and one that does not.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { callFormAction } from "@/tests/helpers/actions";
import { createTestUser } from "@/tests/helpers/db";
import { type Server, startServer } from "@/tests/helpers/server";
import { signIn } from "@/tests/helpers/session";

let server: Server;
beforeAll(async () => {
  server = await startServer({ env: { SIGNIN_FAILURE_LIMIT: "3" } });
});
afterAll(() => server?.stop());

const attempt = (email: string, password: string) => callFormAction(server.url, "/sign-in", "signInAction", { email, password }).then((r) => r.text);
const message = (text: string) => /"message":"([^"]+)"/.exec(text)?.[1];

describe("sign-in throttling", () => {
  it("says the same for an existing and an unknown account, refuses even the right password, and lifts after the window", async () => {
    await db().execute(sql`delete from auth_attempts where scope like 'ip:%'`); // this address starts clean
    const user = await createTestUser("throttle");
    for (let i = 0; i < 3; i++) expect(message(await attempt(user.email, "not the password at all"))).toBe("Wrong email or password.");
    const existing = message(await attempt(user.email, "not the password at all"));
    const unknown = message(await attempt(`nobody-${Date.now()}@test.gatehouse.dev`, "not the password at all"));
    expect(existing).toBe("Too many attempts. Try again in 15 minutes.");
    expect(unknown).toBe(existing);
    expect(message(await attempt(user.email, user.password))).toBe(existing);
    await expect(signIn(server.url, user.email, user.password)).rejects.toThrow(/sign-in failed/); // next-auth's own endpoint too

    await db().execute(sql`update auth_attempts set created_at = created_at - interval '16 minutes'`);
    expect(await signIn(server.url, user.email, user.password)).toMatch(/session-token=/);
  });
});
