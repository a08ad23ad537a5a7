import { describe, expect, it } from "vitest";
import { listKeys } from "@/db/queries/keys";
import { createUser, endSessions, findSessionUser, findUserByEmail, updatePassword } from "@/db/queries/users";
import { DEMO_EMAIL, DEMO_PASSWORD, ensureDemoAccount } from "@/lib/demo";
import { checkPassword, hashPassword } from "@/lib/passwords";
import { createTestUser } from "@/tests/helpers/db";
import { defined } from "@/tests/helpers/defined";

describe("accounts", () => {
  it("refuses a second account with the same email", async () => {
    const user = await createTestUser();
    expect(await createUser(user.email, "x")).toBeNull();
  });

  it("stores an argon2id hash that checks only the right password", async () => {
    const user = await createTestUser();
    const stored = defined(await findUserByEmail(user.email), "the user").passwordHash;
    expect(stored.startsWith("$argon2id$")).toBe(true);
    expect(await checkPassword(stored, user.password)).toBe(true);
    expect(await checkPassword(stored, "wrong password")).toBe(false);
    expect(await checkPassword(null, user.password)).toBe(false);
  });

  it("ends every session when the user signs out or changes the password", async () => {
    const user = await createTestUser();
    expect(await findSessionUser(user.id, user.sessionVersion)).not.toBeNull();
    const next = await endSessions(user.id);
    expect(next).toBe(user.sessionVersion + 1);
    expect(await findSessionUser(user.id, user.sessionVersion)).toBeNull();
    await updatePassword(user.id, await hashPassword("a brand new password"));
    expect(await findSessionUser(user.id, defined(next))).toBeNull();
    expect(await findSessionUser(user.id, defined(next) + 1)).not.toBeNull();
  });

  it("creates the demo account once, with two sample keys", async () => {
    await ensureDemoAccount();
    expect(await ensureDemoAccount()).toBe(false);
    const demo = defined(await findUserByEmail(DEMO_EMAIL), "the demo user");
    expect(await checkPassword(demo.passwordHash, DEMO_PASSWORD)).toBe(true);
    const keys = await listKeys(demo.id);
    expect(keys.map((k) => [k.name, k.active])).toEqual(
      expect.arrayContaining([
        ["Swaggy M.", true],
        ["Staging worker", false],
      ]),
    );
  });
});
