import { and, asc, desc, eq, gt, isNull, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db } from "@/db/client";
import { type AuditBase, appendAudit } from "@/db/queries/audit";
import { accountUsage, apiKeys, type Plan, type PlanChange, planChanges, plans, users } from "@/db/schema";

export type PlanHistoryItem = Pick<PlanChange, "id" | "createdAt" | "changedBy"> & { from: string | null; to: string };
export type PlanEdit = Partial<Omit<Plan, "id">>;
export type SwitchResult = { from: Plan; to: Plan; loweredKeys: number } | null;

export async function listPlans(): Promise<Plan[]> {
  return db().select().from(plans).orderBy(asc(plans.position), asc(plans.id));
}

export async function findPlan(id: string): Promise<Plan | null> {
  const [plan] = await db().select().from(plans).where(eq(plans.id, id));
  return plan ?? null;
}

/** The plan the account is on. */
export async function planOf(userId: string): Promise<Plan> {
  const [row] = await db().select({ plan: plans }).from(users).innerJoin(plans, eq(plans.id, users.planId)).where(eq(users.id, userId));
  if (!row) throw new Error("no such user");
  return row.plan;
}

/**
 * Moves the account to `toPlanId` and records it, in one transaction with the user's row
 * locked (two switches at once cannot both record the same "from"). Key rates above the new
 * plan's maximum, or unlimited under one that has a maximum, are lowered to it. Null when
 * the account is already on that plan.
 */
export async function switchPlan(toPlanId: string, audit: AuditBase & { actor: "you" | "operator" }): Promise<SwitchResult> {
  const userId = audit.ownerId;
  const changedBy = audit.actor;
  return db().transaction(async (tx) => {
    const [current] = await tx.select({ planId: users.planId }).from(users).where(eq(users.id, userId)).for("update");
    const [to] = await tx.select().from(plans).where(eq(plans.id, toPlanId));
    if (!current || !to || current.planId === toPlanId) return null;
    const [from] = await tx.select().from(plans).where(eq(plans.id, current.planId));
    await tx.update(users).set({ planId: toPlanId }).where(eq(users.id, userId));
    await tx.insert(planChanges).values({ userId, fromPlanId: from.id, toPlanId, changedBy });
    await appendAudit(tx, { ...audit, action: "account.plan_changed", changes: { plan: [from.name, to.name] } });
    let loweredKeys = 0;
    if (to.maxRatePerMinute !== null) {
      const lowered = await tx
        .update(apiKeys)
        .set({ rateLimitPerMinute: to.maxRatePerMinute })
        .where(
          and(
            eq(apiKeys.ownerId, userId),
            isNull(apiKeys.deletedAt),
            or(isNull(apiKeys.rateLimitPerMinute), gt(apiKeys.rateLimitPerMinute, to.maxRatePerMinute)),
          ),
        )
        .returning({ id: apiKeys.id });
      loweredKeys = lowered.length;
    }
    return { from, to, loweredKeys };
  });
}

export async function planHistory(userId: string, limit = 20): Promise<PlanHistoryItem[]> {
  const fromPlan = alias(plans, "from_plan");
  return db()
    .select({ id: planChanges.id, createdAt: planChanges.createdAt, changedBy: planChanges.changedBy, from: fromPlan.name, to: plans.name })
    .from(planChanges)
    .innerJoin(plans, eq(plans.id, planChanges.toPlanId))
    .leftJoin(fromPlan, eq(fromPlan.id, planChanges.fromPlanId))
    .where(eq(planChanges.userId, userId))
    .orderBy(desc(planChanges.createdAt), desc(planChanges.id))
    .limit(limit);
}

/** Requests counted this month (UTC) for the account. */
export async function usedThisPeriod(ownerId: string, period: string): Promise<number> {
  const [row] = await db()
    .select({ used: accountUsage.used })
    .from(accountUsage)
    .where(and(eq(accountUsage.ownerId, ownerId), eq(accountUsage.period, period)));
  return row?.used ?? 0;
}

/** For the operator's script. */
export async function updatePlan(id: string, edit: PlanEdit): Promise<Plan | null> {
  const [plan] = await db().update(plans).set(edit).where(eq(plans.id, id)).returning();
  return plan ?? null;
}
