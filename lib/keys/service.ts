// Creating, editing, switching, expiring, rolling and deleting a user's keys: what the
// server actions do once they know who is asking. Every change writes its audit entry in
// the same transaction (db/queries/key-writes.ts). Plain functions, so integration tests
// call them on a real database.
import * as writes from "@/db/queries/key-writes";
import type { KeyWriteRefusal } from "@/db/queries/keys";
import type { Plan } from "@/db/schema";
import { type Actor, auditBase } from "@/lib/audit";
import { keyCache } from "@/lib/gateway/key-cache";
import { expiryFor } from "@/lib/keys/expiry";
import { generateKey } from "@/lib/keys/format";
import { formatCount, formatRate } from "@/lib/plans/format";
import type { Outcome } from "@/lib/user-action";
import type { CreateKeyInput, EditKeyInput, KeyExpiryInput } from "@/lib/validation";

export const NOT_FOUND = "Key not found. It may have been deleted; reload the page.";

function refusal(result: KeyWriteRefusal, name: string): Outcome<never> {
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

// The database trigger tells every instance; dropping the entries here as well makes the
// very next request on this instance see the change without waiting for the notification.
function forget(change: { ok: true; key: { hash: string; previousHash: string | null } } | { ok: false }): void {
  if (!change.ok) return;
  keyCache().delete(change.key.hash);
  if (change.key.previousHash) keyCache().delete(change.key.previousHash);
}

/** The plaintext key lives only in this return value: the database gets its hash and start. */
export async function createKey(actor: Actor, input: CreateKeyInput): Promise<Outcome<{ id: string; key: string; name: string }>> {
  const { key, hash, start } = generateKey();
  const expiresAt = expiryFor(input.expires ?? "never", input.expiresOn);
  const result = await writes.insertKey(
    { name: input.name, description: input.description ?? null, hash, start, expiresAt },
    input.rateLimit,
    auditBase(actor),
  );
  return result.ok ? { ok: true, data: { id: result.key.id, key, name: result.key.name } } : refusal(result, input.name);
}

export async function editKey(actor: Actor, input: EditKeyInput): Promise<Outcome<{ name: string }>> {
  const result = await writes.updateKeyDetails(input.id, { name: input.name, description: input.description }, input.rateLimit, auditBase(actor));
  forget(result); // a new rate limit: the cached copy carries the old one
  return result.ok ? { ok: true, data: { name: result.key.name } } : refusal(result, input.name);
}

export async function setKeyActive(actor: Actor, id: string, active: boolean): Promise<Outcome<{ active: boolean }>> {
  const change = await writes.updateKeyActive(id, active, auditBase(actor));
  forget(change);
  return change.ok ? { ok: true, data: { active } } : { ok: false, message: NOT_FOUND };
}

export async function setKeyExpiry(actor: Actor, input: KeyExpiryInput): Promise<Outcome<{ expiresAt: Date | null }>> {
  const expiresAt = expiryFor(input.expires, input.expiresOn);
  const change = await writes.setKeyExpiry(input.id, expiresAt, auditBase(actor));
  forget(change);
  return change.ok ? { ok: true, data: { expiresAt } } : { ok: false, message: NOT_FOUND };
}

/** A new secret, shown once; the old one keeps working for `graceMs` (0: not at all). */
export async function rollKey(actor: Actor, id: string, graceMs: number): Promise<Outcome<{ key: string; name: string }>> {
  const { key, hash, start } = generateKey();
  const graceUntil = graceMs > 0 ? new Date(Date.now() + graceMs) : null;
  const change = await writes.rollKeySecret(id, { hash, start }, graceUntil, auditBase(actor));
  forget(change);
  return change.ok ? { ok: true, data: { key, name: change.key.name } } : { ok: false, message: NOT_FOUND };
}

export async function deleteKey(actor: Actor, id: string): Promise<Outcome> {
  const change = await writes.markKeyDeleted(id, auditBase(actor));
  forget(change);
  return change.ok ? { ok: true, data: undefined } : { ok: false, message: NOT_FOUND };
}
