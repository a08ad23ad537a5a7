// Who did something, for the audit log: the signed-in user as the actions see them (with the
// request's address and user agent, lib/request-actor.ts), or the operator's scripts, or
// Gatehouse itself. Pure: the server entry bundles this file too.
import type { AuditBase } from "@/db/queries/audit";
import type { SessionUser } from "@/db/queries/users";

export type Actor = SessionUser & { ip?: string | null; userAgent?: string | null; as?: "you" | "operator" | "gatehouse" };

export function auditBase(actor: Actor): AuditBase {
  return { ownerId: actor.id, actor: actor.as ?? "you", ip: actor.ip ?? null, userAgent: actor.userAgent?.slice(0, 512) ?? null };
}
