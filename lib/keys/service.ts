// Creating, editing, switching and deleting a user's keys: what the server actions do once
// they know who is asking. Plain functions, so integration tests call them on a real database.
import * as keys from "@/db/queries/keys";
import type { SessionUser } from "@/db/queries/users";
import type { Plan } from "@/db/schema";
import { keyCache } from "@/lib/gateway/key-cache";
import { generateKey } from "@/lib/keys/format";
import { formatCount, formatRate } from "@/lib/plans/format";
import type { Outcome } from "@/lib/user-action";
import type { CreateKeyInput, EditKeyInput } from "@/lib/validation";

export const NOT_FOUND = "Key not found. It may have been deleted; reload the page.";

function refusal(result: keys.KeyWriteRefusal, name: string): Outcome<never> {
  switch (result.reason) {
    case "name_taken": {
      const message = `You already have a key named “${name}”. Choose another name.`;
      return { ok: false, message, errors: { name: [message] } };
    }
    case "limit":
      return { ok: false, message: limitMessage(result.plan) };
    case "rate": {
      const message = `Your plan (${result.plan.name}) allows at most ${formatRate(result.plan.maxRatePerMinute)} per key.`;
      return { ok: false, message, errors: { rateLimit: [message] } };
    }
    case "not_found":
      return { ok: false, message: NOT_FOUND };
  }
}

const limitMessage = (plan: Plan) =>
  `Your plan (${plan.name}) allows ${formatCount(plan.maxKeys)} keys and you have them all. Delete one you no longer use, or move to a larger plan under Subscription.`;

/** The plaintext key lives only in this return value: the database gets its hash and start. */
export async function createKey(user: SessionUser, input: CreateKeyInput): Promise<Outcome<{ key: string; name: string }>> {
  const { key, hash, start } = generateKey();
  const result = await keys.insertKey(user.id, { name: input.name, description: input.description, hash, start }, input.rateLimit);
  return result.ok ? { ok: true, data: { key, name: result.key.name } } : refusal(result, input.name);
}

export async function editKey(user: SessionUser, input: EditKeyInput): Promise<Outcome<{ name: string }>> {
  const result = await keys.updateKeyDetails(user.id, input.id, { name: input.name, description: input.description }, input.rateLimit);
  return result.ok ? { ok: true, data: { name: result.key.name } } : refusal(result, input.name);
}

// The database trigger tells every instance; dropping the entry here as well makes the
// very next request on this instance see the change without waiting for the notification.
export async function setKeyActive(user: SessionUser, id: string, active: boolean): Promise<Outcome<{ active: boolean }>> {
  const row = await keys.updateKeyActive(user.id, id, active);
  if (!row) return { ok: false, message: NOT_FOUND };
  keyCache().delete(row.hash);
  return { ok: true, data: { active: row.active } };
}

export async function deleteKey(user: SessionUser, id: string): Promise<Outcome> {
  const row = await keys.markKeyDeleted(user.id, id);
  if (!row) return { ok: false, message: NOT_FOUND };
  keyCache().delete(row.hash);
  return { ok: true, data: undefined };
}
