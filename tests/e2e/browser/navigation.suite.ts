// The sidebar (wide and narrow), the sections it leads to, and signing out.
import { describe, expect, it } from "vitest";
import type { BrowserFixture } from "@/tests/e2e/browser/fixture";
import { saveScreenshot } from "@/tests/helpers/browser";
import { eventually, keyCell, keyRow, keysRegion, NAV_LABELS, open, pathOf, setSwitch, signedInPage, texts } from "@/tests/helpers/console-ui";
import { createTestKey } from "@/tests/helpers/db";
import { defined } from "@/tests/helpers/defined";

const HREFS: Record<string, string> = {
  Dashboard: "/dashboard",
  "Smart Contract": "/smart-contracts",
  "API Gateway": "/gateway",
  "Transaction Monitoring": "/transactions",
  Subscription: "/subscription",
  "API Key Generation": "/keys",
  Settings: "/settings",
};

export function navigationTests(fx: BrowserFixture) {
  describe("navigation", () => {
    it("lists the seven sections in order, marks the current one, and every section renders", async () => {
      const { page, user } = await signedInPage(fx.pool, fx.baseUrl, "sidebar");
      const { key } = await createTestKey(user, "Sidebar key", "Listed on both key screens");
      await open(page, `${fx.baseUrl}/gateway`);
      const nav = page.getByRole("navigation", { name: "Console" });
      const links = nav.getByRole("link");
      expect(await texts(links)).toEqual(NAV_LABELS);
      const current = () => links.evaluateAll((as) => as.filter((a) => a.getAttribute("aria-current") === "page").map((a) => a.textContent));
      expect(await current()).toEqual(["API Gateway"]);

      await nav.getByRole("link", { name: "API Key Generation" }).click();
      await page.waitForURL((url) => url.pathname === "/keys");
      await eventually(() => page.getByRole("heading", { level: 1 }).innerText()).toBe("API Key Generation");
      expect(await current()).toEqual(["API Key Generation"]);
      expect(await keyCell(keyRow(page, "Sidebar key"), "API Auth Key").innerText()).toBe(`${key.slice(0, 13)}…`);
      expect(await keyRow(page, "Sidebar key").innerText()).toContain("Listed on both key screens");

      for (const label of ["Dashboard", "Smart Contract", "Transaction Monitoring", "Subscription", "Settings"]) {
        await nav.getByRole("link", { name: label, exact: true }).click();
        await page.waitForURL((url) => url.pathname === HREFS[label]);
        await eventually(() => page.getByRole("heading", { level: 1 }).innerText()).toBe(label);
        expect(await current()).toEqual([label]);
        await eventually(() => page.title()).toBe(`${label} · Gatehouse`);
        const line = await page.getByRole("main").locator("p").first().innerText();
        expect(line.trim().length, `${label} has a line of text`).toBeGreaterThan(20);
      }
    });

    it("signs out, and a session cookie copied before no longer opens the console", async () => {
      const { page, context } = await signedInPage(fx.pool, fx.baseUrl, "signout");
      await open(page, `${fx.baseUrl}/gateway`);
      const cookies = await context.cookies();
      expect(cookies.map((c) => c.name)).toContain("authjs.session-token");

      // The copy works while the session lives (so the check below means something)…
      const before = await (await fx.pool.newContext({ storageState: { cookies, origins: [] } })).newPage();
      await open(before, `${fx.baseUrl}/gateway`);
      expect(pathOf(before)).toBe("/gateway");

      await page.getByRole("button", { name: "Sign out" }).click();
      await page.waitForURL((url) => url.pathname === "/sign-in");

      // …and not after it: the server ended every session of the account.
      const after = await (await fx.pool.newContext({ storageState: { cookies, origins: [] } })).newPage();
      await after.goto(`${fx.baseUrl}/gateway`);
      expect(pathOf(after)).toBe("/sign-in");
      await open(before, `${fx.baseUrl}/keys`);
      expect(pathOf(before)).toBe("/sign-in");
    });

    it("collapses to a Menu button in a 390-pixel window, and the key list stays usable", async () => {
      const viewport = { width: 390, height: 844 };
      const { page, user } = await signedInPage(fx.pool, fx.baseUrl, "narrow", { viewport });
      await createTestKey(user, "Phone app", "The iOS and Android clients");
      await createTestKey(user, "Partner integration");
      await open(page, `${fx.baseUrl}/gateway`);

      expect(await page.getByRole("navigation", { name: "Console" }).count()).toBe(0); // the column is hidden
      const menu = page.getByRole("button", { name: "Menu" });
      expect(await menu.isVisible()).toBe(true);

      await saveScreenshot(page, "06-390px-key-list", { fullPage: true }); // from the top: the sticky bar stays where it belongs

      // The key list: scrolls sideways inside its region, the page itself does not.
      const region = keysRegion(page);
      await region.scrollIntoViewIfNeeded();
      const widths = await region.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, page: document.documentElement.scrollWidth }));
      expect(widths.scroll).toBeGreaterThan(widths.client);
      expect(widths.page).toBeLessThanOrEqual(viewport.width);
      await setSwitch(page, "Phone app", false); // Playwright scrolls it into view inside the region, then clicks it
      expect(await region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
      await saveScreenshot(page, "06b-390px-key-list-scrolled");

      await menu.click();
      const sheet = page.getByRole("dialog");
      await sheet.waitFor();
      const links = sheet.getByRole("navigation", { name: "Console" }).getByRole("link");
      expect(await texts(links)).toEqual(NAV_LABELS);
      expect(await sheet.getByRole("link", { name: "API Gateway" }).getAttribute("aria-current")).toBe("page");
      const box = defined(await sheet.boundingBox(), "the sheet's box");
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
      expect(await sheet.getByRole("button", { name: "Sign out" }).isVisible()).toBe(true);
      await saveScreenshot(page, "07-390px-menu-open");

      await sheet.getByRole("link", { name: "Transaction Monitoring" }).click();
      await page.waitForURL((url) => url.pathname === "/transactions");
      await sheet.waitFor({ state: "detached" });
      await eventually(() => page.getByRole("heading", { level: 1 }).innerText()).toBe("Transaction Monitoring");
    });
  });
}
