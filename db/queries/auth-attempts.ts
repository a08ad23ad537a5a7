import { and, count, gt, inArray, lt, min } from "drizzle-orm";
import { db } from "@/db/client";
import { authAttempts } from "@/db/schema";

export async function recordAttempts(scopes: string[]): Promise<void> {
  if (scopes.length)
    await db()
      .insert(authAttempts)
      .values(scopes.map((scope) => ({ scope })));
}

/** For each scope with attempts since `since`: how many, and the oldest one's time. */
export async function attemptsSince(scopes: string[], since: Date): Promise<{ scope: string; n: number; oldest: Date }[]> {
  const rows = await db()
    .select({ scope: authAttempts.scope, n: count(), oldest: min(authAttempts.createdAt) })
    .from(authAttempts)
    .where(and(inArray(authAttempts.scope, scopes), gt(authAttempts.createdAt, since)))
    .groupBy(authAttempts.scope);
  return rows.map((r) => ({ scope: r.scope, n: r.n, oldest: r.oldest ?? since }));
}

export async function pruneAttempts(before: Date): Promise<void> {
  await db().delete(authAttempts).where(lt(authAttempts.createdAt, before));
}
