// Who did something and from where, for the audit log: the signed-in user as the actions
// see them (userAction adds the request's address and user agent), or the operator's scripts.
import { headers } from "next/headers";
import type { AuditBase } from "@/db/queries/audit";
import type { SessionUser } from "@/db/queries/users";
import { clientIpFrom } from "@/lib/request-ip";

export type Actor = SessionUser & { ip?: string | null; userAgent?: string | null; as?: "you" | "operator" | "gatehouse" };

export function auditBase(actor: Actor): AuditBase {
  return { ownerId: actor.id, actor: actor.as ?? "you", ip: actor.ip ?? null, userAgent: actor.userAgent?.slice(0, 512) ?? null };
}

/** The user as the current request's actor. */
export async function requestActor(user: SessionUser): Promise<Actor> {
  const h = await headers();
  return { ...user, ip: clientIpFrom(h), userAgent: h.get("user-agent") };
}
