"use server";

import { revalidatePath } from "next/cache";
import { createApiKey, deleteApiKey, setApiKeyActive } from "@/lib/api-keys";
import { formAction, userAction, type Outcome } from "@/lib/user-action";
import { createKeySchema, keyIdSchema, setKeyActiveSchema } from "@/lib/validation";

// Both screens show the same list.
function revalidateKeyPages(): void {
  revalidatePath("/gateway");
  revalidatePath("/keys");
}

function revalidatingOnSuccess<T>(outcome: Outcome<T>): Outcome<T> {
  if (outcome.ok) revalidateKeyPages();
  return outcome;
}

export const createKey = formAction(createKeySchema, async (input, user) =>
  revalidatingOnSuccess(await createApiKey(user, input)),
);

const setActive = userAction(setKeyActiveSchema, async ({ id, active }, user) =>
  revalidatingOnSuccess(await setApiKeyActive(user, id, active)),
);

/** Sends the state wanted, never "flip": a retried or doubled request cannot undo itself. */
export async function setKeyActive(id: string, active: boolean) {
  return setActive({ id, active });
}

const remove = userAction(keyIdSchema, async ({ id }, user) => revalidatingOnSuccess(await deleteApiKey(user, id)));

export async function deleteKey(id: string) {
  return remove({ id });
}
