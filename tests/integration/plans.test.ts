import { describe, expect, it } from "vitest";
import { listKeys } from "@/db/queries/keys";
import { listPlans, planHistory, planOf, switchPlan } from "@/db/queries/plans";
import { createKey, editKey } from "@/lib/keys/service";
import { switchToPlan } from "@/lib/plans/service";
import { createTestKey, createTestUser } from "@/tests/helpers/db";

describe("plans", () => {
  it("are seeded with Free, Developer, Business and an operator-only Internal without limits", async () => {
    const plans = await listPlans();
    expect(plans.map((p) => [p.id, p.priceCents, p.monthlyQuota, p.defaultRatePerMinute, p.maxRatePerMinute, p.maxKeys, p.selfServe])).toEqual(
      expect.arrayContaining([
        ["free", 0, expect.any(Number), 60, 600, 10, true],
        ["developer", 1900, 100_000, 600, 6_000, 100, true],
        ["business", 4900, 1_000_000, 6_000, 60_000, 1_000, true],
        ["internal", 0, null, null, null, null, false],
      ]),
    );
  });

  it("start every new account on Free", async () => {
    const { createUser } = await import("@/db/queries/users");
    const user = await createUser(`fresh-${Date.now()}@test.gatehouse.dev`, "x");
    expect((await planOf(user?.id ?? "")).id).toBe("free");
  });

  it("switch at once, record who did it, and lower key rates above the new maximum", async () => {
    const user = await createTestUser("switch", "free");
    expect((await switchToPlan(user, "business")).ok).toBe(true);
    await createKey(user, { name: "fast", description: null, rateLimit: 50_000 });
    await createKey(user, { name: "slow", description: null, rateLimit: 100 });
    const down = await switchToPlan(user, "developer");
    expect(down).toMatchObject({ ok: true, data: { notice: expect.stringContaining("One key's rate limit was above 6,000/min") } });
    expect((await listKeys(user.id)).map((k) => [k.name, k.rateLimitPerMinute])).toEqual([
      ["slow", 100],
      ["fast", 6_000],
    ]);
    await switchPlan("internal", { ownerId: user.id, actor: "operator", ip: null, userAgent: null });
    const history = await planHistory(user.id);
    expect(history.map((h) => [h.from, h.to, h.changedBy])).toEqual([
      ["Developer", "Internal", "operator"],
      ["Business", "Developer", "you"],
      ["Free", "Business", "you"],
    ]);
  });

  it("refuse operator-only plans and the plan one is already on, changing nothing", async () => {
    const user = await createTestUser("refuse", "free");
    expect(await switchToPlan(user, "internal")).toMatchObject({ ok: false, message: expect.stringContaining("operator") });
    expect(await switchToPlan(user, "free")).toMatchObject({ ok: false, message: "You are already on Free." });
    expect(await switchToPlan(user, "gold")).toMatchObject({ ok: false });
    expect(await planHistory(user.id)).toEqual([]);
  });

  it("keep existing keys after a downgrade but block new ones past the allowance", async () => {
    const user = await createTestUser("downgrade", "developer");
    for (let i = 0; i < 12; i++) await createTestKey(user, `key ${i}`);
    expect((await switchToPlan(user, "free")).ok).toBe(true);
    expect(await listKeys(user.id)).toHaveLength(12);
    const refused = await createKey(user, { name: "one more", description: null });
    expect(refused).toMatchObject({ ok: false, message: expect.stringContaining("Your plan (Free) allows 10 keys") });
  });

  it("let a key's rate be edited up to the plan's maximum", async () => {
    const user = await createTestUser("edit-rate", "free");
    const { id } = await createTestKey(user, "edited");
    expect(await editKey(user, { id, name: "edited", description: null, rateLimit: 600 })).toMatchObject({ ok: true });
    expect(await editKey(user, { id, name: "edited", description: null, rateLimit: 601 })).toMatchObject({
      ok: false,
      errors: { rateLimit: ["Your plan (Free) allows at most 600/min per key."] },
    });
    expect((await listKeys(user.id))[0].rateLimitPerMinute).toBe(600);
  });
});
