// The Subscription page: the plan, this month's usage, the other plans and the plan history.
import { describe, expect, it } from "vitest";
import type { BrowserFixture } from "@/tests/e2e/browser/fixture";
import { axeProblems } from "@/tests/helpers/a11y";
import { saveScreenshot } from "@/tests/helpers/browser";
import { eventually, open, reload, signedInPage, texts, whoami } from "@/tests/helpers/console-ui";
import { createTestKey } from "@/tests/helpers/db";

export function subscriptionTests(fx: BrowserFixture) {
  describe("Subscription", () => {
    it("shows the plan and usage, switches plans at once and records it in the history", async () => {
      const { page, user } = await signedInPage(fx.pool, fx.baseUrl, "subscription", {}, "free");
      await open(page, `${fx.baseUrl}/subscription`);
      expect(await page.getByRole("heading", { name: /Current plan: Free/ }).isVisible()).toBe(true);
      const bar = page.getByRole("progressbar", { name: "Requests used this month" });
      expect(await bar.getAttribute("aria-valuemax")).toBe("10000");
      expect(await bar.getAttribute("aria-valuenow")).toBe("0");
      expect(await page.getByText(/Resets on \w+ 1, \d{4} \(UTC\)/).isVisible()).toBe(true);
      expect(await page.getByText("Billing is not connected", { exact: false }).isVisible()).toBe(true);
      expect(await texts(page.getByRole("button", { name: /^Switch to / }))).toEqual(["Switch to Developer", "Switch to Business"]);
      expect(await page.getByText("Set up by the operator.").first().isVisible()).toBe(true); // Internal (and any other operator-only plan)
      expect(await page.getByText("No plan changes yet", { exact: false }).isVisible()).toBe(true);
      const problems = await axeProblems(page, "subscription");
      await saveScreenshot(page, "20-subscription-free", { fullPage: true });

      await page.getByRole("button", { name: "Switch to Developer" }).click();
      await page.getByRole("status").getByText("You are now on Developer.").waitFor();
      await page.getByRole("heading", { name: /Current plan: Developer/ }).waitFor();
      const history = page.getByRole("region", { name: "Plan history table" });
      await history.waitFor();
      expect(await texts(history.getByRole("row").nth(1).getByRole("cell"))).toEqual([expect.any(String), "Free", "Developer", "You"]);
      expect(await page.getByRole("progressbar").getAttribute("aria-valuemax")).toBe("100000");
      problems.push(...(await axeProblems(page, "subscription after a switch")));

      // Traffic moves the bar: three admitted calls, counted by the batched writer.
      const { key } = await createTestKey(user, "metered");
      for (let i = 0; i < 3; i++) expect((await whoami(fx.baseUrl, key)).status).toBe(200);
      await eventually(async () => {
        await reload(page);
        return page.getByRole("progressbar").getAttribute("aria-valuenow");
      }).toBe("3");
      expect(await page.getByText("of 100,000 requests", { exact: false }).isVisible()).toBe(true);
      await saveScreenshot(page, "21-subscription-switched", { fullPage: true });
      expect(problems).toEqual([]);
    });
  });
}
