// Creating, switching and deleting a user's keys: what the server actions do once they
// know who is asking. Plain functions, so integration tests call them on a real database.
import * as keys from "@/db/queries/keys";
import type { SessionUser } from "@/db/queries/users";
import { keyCache } from "@/lib/gateway/key-cache";
import { generateKey } from "@/lib/keys/format";
import type { Outcome } from "@/lib/user-action";
import type { CreateKeyInput } from "@/lib/validation";

export const NOT_FOUND = "Key not found. It may have been deleted; reload the page.";

/** The plaintext key lives only in this return value: the database gets its hash and start. */
export async function createKey(user: SessionUser, input: CreateKeyInput): Promise<Outcome<{ key: string; name: string }>> {
  const { key, hash, start } = generateKey();
  const result = await keys.insertKey(user.id, { name: input.name, description: input.description, hash, start });
  if (result.ok) return { ok: true, data: { key, name: result.key.name } };
  if (result.reason === "name_taken") {
    const message = `You already have a key named “${input.name}”. Choose another name.`;
    return { ok: false, message, errors: { name: [message] } };
  }
  return { ok: false, message: `You can have at most ${keys.KEYS_PER_USER_MAX} keys. Delete one you no longer use first.` };
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
