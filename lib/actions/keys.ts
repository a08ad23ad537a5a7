"use server";
// Key actions: session and zod in the wrapper, the rules in lib/keys/service.ts.
import { revalidatePath } from "next/cache";
import { createKey, deleteKey, editKey, setKeyActive } from "@/lib/keys/service";
import { formAction, type Outcome, userAction } from "@/lib/user-action";
import { createKeySchema, editKeySchema, keyIdSchema, setKeyActiveSchema } from "@/lib/validation";

// Several console pages show keys (and their names in the request log): refresh them all.
function revalidatingOnSuccess<T>(outcome: Outcome<T>): Outcome<T> {
  if (outcome.ok) revalidatePath("/", "layout");
  return outcome;
}

export const createKeyAction = formAction(createKeySchema, async (input, user) => revalidatingOnSuccess(await createKey(user, input)));

export const editKeyAction = formAction(editKeySchema, async (input, user) => revalidatingOnSuccess(await editKey(user, input)));

/** Takes the state wanted, never "flip": a retried or doubled request cannot undo itself. */
export const setKeyActiveAction = userAction(setKeyActiveSchema, async ({ id, active }, user) => revalidatingOnSuccess(await setKeyActive(user, id, active)));

export const deleteKeyAction = userAction(keyIdSchema, async ({ id }, user) => revalidatingOnSuccess(await deleteKey(user, id)));
