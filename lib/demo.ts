// The reviewer's account on the embedded database: made once, with two sample keys.
import { createUser, findUserByEmail, updatePassword } from "@/db/queries/users";
import { createKey, setKeyActive } from "@/lib/keys/service";
import { checkPassword, hashPassword } from "@/lib/passwords";

export const DEMO_EMAIL = "demo@gatehouse.dev";
export const DEMO_PASSWORD = "gatehouse-demo-account";

const SAMPLE_KEYS = [
  { name: "Staging worker", description: "Nightly sync job on the staging cluster.", active: false },
  { name: "Swaggy M.", description: "The example key from the product guide.", active: true },
];

/** Returns true when the account was created by this call. */
export async function ensureDemoAccount(): Promise<boolean> {
  const existing = await findUserByEmail(DEMO_EMAIL);
  // Made before the password policy, with the old short password: give it the current one.
  if (existing && !(await checkPassword(existing.passwordHash, DEMO_PASSWORD))) await updatePassword(existing.id, await hashPassword(DEMO_PASSWORD));
  if (existing) return false;
  const user = await createUser(DEMO_EMAIL, await hashPassword(DEMO_PASSWORD));
  if (!user) return false;
  // The plaintexts are thrown away: sample keys are for looking at, not for calling.
  const actor = { ...user, as: "gatehouse" as const };
  for (const sample of SAMPLE_KEYS) {
    const result = await createKey(actor, { name: sample.name, description: sample.description });
    if (result.ok && !sample.active) await setKeyActive(actor, result.data.id, false);
  }
  return true;
}
