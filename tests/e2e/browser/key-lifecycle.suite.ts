// The key list at scale (search, status, sort, pages), a key's details page, expiry and roll.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import type { BrowserFixture } from "@/tests/e2e/browser/fixture";
import { axeProblems } from "@/tests/helpers/a11y";
import { saveScreenshot } from "@/tests/helpers/browser";
import { createButton, createDialog, KEY_PATTERN, keyRow, open, showOnceDialog, signedInPage, texts, waitForScript } from "@/tests/helpers/console-ui";
import { createTestKey } from "@/tests/helpers/db";

const rowNames = async (page: import("playwright-core").Page) =>
  texts(page.getByRole("region", { name: "API auth keys table", exact: true }).locator("tbody th a"));

export function keyLifecycleTests(fx: BrowserFixture) {
  describe("the key list at scale and a key's life", () => {
    it("searches, filters, sorts and pages, with the keyboard alone", async () => {
      const { page, user } = await signedInPage(fx.pool, fx.baseUrl, "scale");
      for (let i = 0; i < 30; i++) await createTestKey(user, `${i % 3 === 0 ? "alpha" : "beta"} ${String(i).padStart(2, "0")}`);
      const off = await createTestKey(user, "alpha off");
      await db().execute(sql`update api_keys set active = false where id = ${off.id}`);
      await db().execute(sql`update api_keys set last_used_at = now() - interval '1 hour' where owner_id = ${user.id} and name = 'beta 07'`);

      await open(page, `${fx.baseUrl}/keys`);
      expect(await rowNames(page)).toHaveLength(25);
      await page.getByRole("link", { name: "Next →" }).click();
      await page.waitForURL(/after=/);
      expect(await rowNames(page)).toHaveLength(6);
      await page.getByRole("link", { name: "← Previous" }).click();
      await page.waitForURL(/before=/);
      expect((await rowNames(page))[0]).toBe("alpha off");

      // Keyboard only: Tab to the search field, type, Enter.
      await open(page, `${fx.baseUrl}/keys`);
      await waitForScript(page);
      for (let presses = 0; !(await page.getByLabel("Search by name").evaluate((el) => el === document.activeElement)); presses++) {
        expect(presses, "Tab never reached the search field").toBeLessThan(40);
        await page.keyboard.press("Tab");
      }
      await page.keyboard.type("alpha");
      await page.keyboard.press("Enter");
      await page.waitForURL(/q=alpha/);
      expect((await rowNames(page)).every((n) => n.startsWith("alpha"))).toBe(true);
      expect(await rowNames(page)).toHaveLength(11);
      await page.getByLabel("Status").selectOption("off");
      await page.getByRole("button", { name: "Apply" }).click();
      await page.waitForURL(/status=off/);
      expect(await rowNames(page)).toEqual(["alpha off"]);

      await open(page, `${fx.baseUrl}/keys?sort=last_used`);
      expect((await rowNames(page))[0]).toBe("beta 07");
      const problems = await axeProblems(page, "key list, sorted by last use");
      await saveScreenshot(page, "30-key-list-filters", { fullPage: true });
      expect(problems).toEqual([]);
    });

    it("creates a key that expires, and shows a key's details, its roll and its history", async () => {
      const { page, user } = await signedInPage(fx.pool, fx.baseUrl, "details", {}, "free");
      await open(page, `${fx.baseUrl}/keys`);
      await createButton(page).click();
      const dialog = createDialog(page);
      await dialog.getByLabel("Key Name").fill("Partner feed");
      await dialog.getByLabel("Expires").selectOption("7");
      await dialog.getByRole("button", { name: "Create Now" }).click();
      await showOnceDialog(page).getByRole("button", { name: "I have saved my key" }).click();
      const row = keyRow(page, "Partner feed");
      expect(await row.getByText("Expires in 7 days").isVisible()).toBe(true);
      expect(await row.getByText("Rate limit: 60/min").isVisible()).toBe(true);

      await row.getByRole("link", { name: "Partner feed" }).click();
      await page.waitForURL(/\/keys\/[0-9a-f-]{36}$/);
      expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Partner feed");
      await page.getByRole("button", { name: "Roll key" }).click();
      await page.getByLabel("1 hour").check();
      await page.getByRole("dialog").getByRole("button", { name: "Roll key" }).click();
      const rolled = await showOnceDialog(page).locator("#new-api-key").inputValue();
      expect(rolled).toMatch(KEY_PATTERN);
      expect(await showOnceDialog(page).getByText("The old secret keeps working for 1 hour").isVisible()).toBe(true);
      await showOnceDialog(page).getByRole("button", { name: "I have saved my key" }).click();
      await page.getByText("Old secret", { exact: false }).first().waitFor();
      const history = page.getByRole("region", { name: "Key history table" });
      await history.getByText("Rolled (new secret)").waitFor();
      expect(await texts(history.locator("tbody tr td:nth-child(2)"))).toEqual(["Rolled (new secret)", "Key created"]);
      const problems = await axeProblems(page, "key details");
      await saveScreenshot(page, "31-key-details", { fullPage: true });
      expect(problems).toEqual([]);

      // Somebody else's key: not found, and nothing of it shown.
      const other = await signedInPage(fx.pool, fx.baseUrl, "intruder");
      const response = await other.page.goto(page.url());
      expect(response?.status()).toBe(404);
      expect(await other.page.content()).not.toContain("Partner feed");
      expect(user.id).toBeTruthy();
    });
  });
}
