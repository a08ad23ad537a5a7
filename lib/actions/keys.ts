"use server";
// Key actions: session and zod in the wrapper, the rules in lib/keys/service.ts.
import { revalidatePath } from "next/cache";
import { keyImpact } from "@/db/queries/key-insight";
import { createKey, deleteKey, editKey, rollKey, setKeyActive, setKeyExpiry } from "@/lib/keys/service";
import { formAction, type Outcome, userAction } from "@/lib/user-action";
import { createKeySchema, editKeySchema, keyExpirySchema, keyIdSchema, rollKeySchema, setKeyActiveSchema } from "@/lib/validation";

// Several console pages show keys (and their names in the request log): refresh them all.
function revalidatingOnSuccess<T>(outcome: Outcome<T>): Outcome<T> {
  if (outcome.ok) revalidatePath("/", "layout");
  return outcome;
}

export const createKeyAction = formAction(createKeySchema, async (input, user) => revalidatingOnSuccess(await createKey(user, input)));

export const editKeyAction = formAction(editKeySchema, async (input, user) => revalidatingOnSuccess(await editKey(user, input)));

/** Takes the state wanted, never "flip": a retried or doubled request cannot undo itself. */
export const setKeyActiveAction = userAction(setKeyActiveSchema, async ({ id, active }, user) => revalidatingOnSuccess(await setKeyActive(user, id, active)));

/** A new expiry, or a renewal of an expired key. */
export const setKeyExpiryAction = formAction(keyExpirySchema, async (input, user) => revalidatingOnSuccess(await setKeyExpiry(user, input)));

/** A new secret, returned once (like a new key), with the grace chosen for the old one. */
export const rollKeyAction = formAction(rollKeySchema, async ({ id, grace }, user) => revalidatingOnSuccess(await rollKey(user, id, Number(grace) * 1000)));

export const deleteKeyAction = userAction(keyIdSchema, async ({ id }, user) => revalidatingOnSuccess(await deleteKey(user, id)));

/** What switching the key off would stop (its calls in the last 24 h and the latest one), read before asking. */
export const keyImpactAction = userAction(keyIdSchema, async ({ id }, user) => ({ ok: true, data: await keyImpact(user.id, id) }));
