import { headers } from "next/headers";
import type { SessionUser } from "@/db/queries/users";
import type { Actor } from "@/lib/audit";
import { clientIpFrom } from "@/lib/request-ip";

/** The signed-in user as the current request's actor: its address and user agent go in the audit log. */
export async function requestActor(user: SessionUser): Promise<Actor> {
  const h = await headers();
  return { ...user, ip: clientIpFrom(h), userAgent: h.get("user-agent") };
}
