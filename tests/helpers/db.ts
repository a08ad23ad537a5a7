import { randomUUID } from "node:crypto";
import { listKeys } from "@/db/queries/keys";
import { createUser, type SessionUser } from "@/db/queries/users";
import { createKey } from "@/lib/keys/service";
import { hashPassword } from "@/lib/passwords";
import { defined } from "@/tests/helpers/defined";

export const TEST_PASSWORD = "correct horse battery staple";

/** On the Internal plan (no limits) unless a test is about plans and names one. */
export async function createTestUser(label = "user", planId = "internal"): Promise<SessionUser & { password: string }> {
  const email = `${label}-${randomUUID()}@test.gatehouse.dev`;
  const user = await createUser(email, await hashPassword(TEST_PASSWORD), { planId });
  if (!user) throw new Error("could not create test user");
  return { ...user, password: TEST_PASSWORD };
}

/** Creates a key through the same code as the create action; returns its id and plaintext. */
export async function createTestKey(user: SessionUser, name = `key ${randomUUID().slice(0, 8)}`, description?: string) {
  const created = await createKey(user, { name, description: description ?? null });
  if (!created.ok) throw new Error(created.message);
  const row = defined(
    (await listKeys(user.id)).find((k) => k.name === name),
    "the new key",
  );
  return { id: row.id, key: created.data.key, name };
}
