// Transaction Monitoring: the request log, its filters, and that it shows only the reader's own requests.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { BrowserFixture } from "@/tests/e2e/browser/fixture";
import { saveScreenshot } from "@/tests/helpers/browser";
import { eventually, open, reload, setSwitch, signedInPage } from "@/tests/helpers/console-ui";
import { createTestKey } from "@/tests/helpers/db";

type Call = { key: string; method: "GET" | "POST"; path: string; status: number; refusal: string };

/** [key name, method, path, status, refusal code] for each row of the request table, top to bottom. */
async function logRows(page: Page): Promise<string[][]> {
  const table = page.getByRole("table");
  if ((await table.count()) === 0) return [];
  const header = await table.getByRole("columnheader").evaluateAll((hs) => hs.map((h) => h.textContent));
  const pick = ["Key", "Method", "Path", "Status", "Refusal"].map((h) => header.indexOf(h));
  const rows = await table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.children].map((td) => (td.textContent ?? "").trim())));
  return rows.map((cells) => pick.map((i) => cells[i]));
}

async function applyFilter(page: Page, select: "key" | "status", label: string): Promise<void> {
  await page.locator(`#${select}`).selectOption({ label });
  await page.getByRole("button", { name: "Apply" }).click();
  await page.waitForURL((url) => url.searchParams.has(select));
}

export function transactionTests(fx: BrowserFixture) {
  describe("Transaction Monitoring", () => {
    it("lists a user's gateway requests newest first, filters them, and hides them from others", async () => {
      const { page, user } = await signedInPage(fx.pool, fx.baseUrl, "monitor");
      const alpha = await createTestKey(user, "Alpha key");
      const beta = await createTestKey(user, "Beta key");
      const keys: Record<string, string> = { "Alpha key": alpha.key, "Beta key": beta.key };
      const calls: Call[] = [];
      async function call(name: string, method: Call["method"], path: string, status: number, refusal = "") {
        const response = await fetch(`${fx.baseUrl}${path}`, {
          method,
          headers: { "x-api-key": keys[name] },
          body: method === "POST" ? JSON.stringify({ item: 1 }) : undefined,
        });
        expect(`${method} ${path} with ${name}: ${response.status}`).toBe(`${method} ${path} with ${name}: ${status}`);
        calls.push({ key: name, method, path, status, refusal });
        await new Promise((r) => setTimeout(r, 25)); // distinct timestamps, so "newest first" is one order
      }

      await call("Alpha key", "GET", "/api/gateway/whoami", 200);
      await call("Beta key", "GET", "/api/gateway/whoami", 200);
      await call("Alpha key", "POST", "/api/gateway/orders", 404); // no upstream in the tests
      await open(page, `${fx.baseUrl}/gateway`);
      await setSwitch(page, "Beta key", false);
      await call("Beta key", "GET", "/api/gateway/whoami", 403, "key_disabled");
      await call("Alpha key", "GET", "/api/gateway/whoami", 200);

      const expected = calls.map((c) => [c.key, c.method, c.path, String(c.status), c.refusal]).reverse();
      await open(page, `${fx.baseUrl}/transactions`);
      await eventually(async () => {
        await reload(page);
        return (await logRows(page)).length;
      }, 10_000).toBe(expected.length);
      expect(await logRows(page)).toEqual(expected);
      await saveScreenshot(page, "08-transactions", { fullPage: true });

      await applyFilter(page, "key", "Beta key");
      expect(new URL(page.url()).searchParams.get("key")).toBe(beta.id);
      expect(await logRows(page)).toEqual(expected.filter((r) => r[0] === "Beta key"));

      await applyFilter(page, "status", "4xx refused or client error");
      expect(await logRows(page)).toEqual([["Beta key", "GET", "/api/gateway/whoami", "403", "key_disabled"]]);

      await page.locator("#key").selectOption({ label: "All keys" });
      await page.getByRole("button", { name: "Apply" }).click();
      await page.waitForURL((url) => !url.searchParams.get("key"));
      expect(await logRows(page)).toEqual(expected.filter((r) => r[3].startsWith("4")));

      // A path prefix (under /api/gateway/ unless it starts with "/"), and the export of what is shown.
      await page.locator("#status").selectOption({ label: "Any status" });
      await page.locator("#path").fill("orders");
      await page.getByRole("button", { name: "Apply" }).click();
      await page.waitForURL((url) => url.searchParams.get("path") === "orders");
      expect(await logRows(page)).toEqual(expected.filter((r) => r[2] === "/api/gateway/orders"));
      expect(await page.getByRole("link", { name: "Export CSV" }).getAttribute("href")).toBe("/transactions/export?path=orders");
      const today = new Date().toISOString().slice(0, 10);
      await page.locator("#path").fill("");
      await page.locator("#from").fill(today);
      await page.locator("#to").fill(today);
      await page.getByRole("button", { name: "Apply" }).click();
      await page.waitForURL((url) => url.searchParams.get("from") === today);
      expect(await logRows(page)).toEqual(expected);

      // Someone else sees none of it, not even by putting this user's key id in the URL.
      const other = await signedInPage(fx.pool, fx.baseUrl, "monitor-other");
      await open(other.page, `${fx.baseUrl}/transactions`);
      expect(await logRows(other.page)).toEqual([]);
      expect(await other.page.getByText("No gateway requests yet.", { exact: false }).isVisible()).toBe(true);
      expect(await other.page.locator("#key option").allInnerTexts()).toEqual(["All keys"]);
      await open(other.page, `${fx.baseUrl}/transactions?key=${alpha.id}`);
      expect(await logRows(other.page)).toEqual([]);
      expect(await other.page.content()).not.toContain("Alpha key");
    });
  });
}
