import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { type AuditBase, appendAudit } from "@/db/queries/audit";
import type { NewAuditEntry } from "@/db/schema";
import { type User, users } from "@/db/schema";

export type SessionUser = Pick<User, "id" | "email" | "sessionVersion" | "passwordNeedsChange">;
const sessionColumns = { id: users.id, email: users.email, sessionVersion: users.sessionVersion, passwordNeedsChange: users.passwordNeedsChange };

/** Null when the email is taken. */
type NewUserOptions = { passwordNeedsChange?: boolean; planId?: string };

export async function createUser(email: string, passwordHash: string, options: NewUserOptions = {}): Promise<SessionUser | null> {
  const [user] = await db()
    .insert(users)
    .values({ email, passwordHash, ...options })
    .onConflictDoNothing({ target: users.email })
    .returning(sessionColumns);
  return user ?? null;
}

export async function findUserByEmail(email: string): Promise<User | null> {
  const [user] = await db().select().from(users).where(eq(users.email, email));
  return user ?? null;
}

export async function findUserById(id: string): Promise<User | null> {
  const [user] = await db().select().from(users).where(eq(users.id, id));
  return user ?? null;
}

/** The user behind a session, if that session has not been ended since it was issued. */
export async function findSessionUser(id: string, sessionVersion: number): Promise<SessionUser | null> {
  const [user] = await db()
    .select(sessionColumns)
    .from(users)
    .where(and(eq(users.id, id), eq(users.sessionVersion, sessionVersion)));
  return user ?? null;
}

/** Ends every session of the user; returns the new version. */
export async function endSessions(id: string, audit?: NewAuditEntry): Promise<number | null> {
  if (audit) await appendAudit(db(), audit);
  const [row] = await db()
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, id))
    .returning({ sessionVersion: users.sessionVersion });
  return row?.sessionVersion ?? null;
}

/** Changes the password and ends every session; with `audit`, records it in the same transaction. */
export async function updatePassword(id: string, passwordHash: string, audit?: AuditBase): Promise<void> {
  await db().transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, passwordNeedsChange: false, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, id));
    if (audit) await appendAudit(tx, { ...audit, action: "account.password_changed" });
  });
}

/** The password works but no longer meets the policy: Settings asks for a new one. */
export async function markPasswordNeedsChange(id: string): Promise<void> {
  await db().update(users).set({ passwordNeedsChange: true }).where(eq(users.id, id));
}
