// The Dashboard, a key's insight and the impact preview in Chromium: known traffic shows its
// exact numbers in the tiles, the charts' tables and the top keys; the charts are reachable
// and readable by keyboard; axe is clean with data and empty; nothing of another account's.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { keyImpact } from "@/db/queries/key-insight";
import { bucketRange, latencyBucket } from "@/lib/request-log/latency-buckets";
import type { BrowserFixture } from "@/tests/e2e/browser/fixture";
import { axeProblems } from "@/tests/helpers/a11y";
import { saveScreenshot } from "@/tests/helpers/browser";
import { eventually, impactDialog, keySwitch, open, signedInPage, waitForScript, whoami } from "@/tests/helpers/console-ui";
import { createTestKey, createTestUser } from "@/tests/helpers/db";
import { exactPercentile, knownMix, writeTraffic } from "@/tests/helpers/traffic";

const ms = (text: string) => (text.trim() === "< 1 ms" ? 0.5 : Number.parseFloat(text));

/** The rows of the table inside a chart's "Show as table", header first. */
async function chartTable(page: Page, chartHeading: string): Promise<string[][]> {
  const card = page.locator("section").filter({ has: page.getByRole("heading", { name: chartHeading, exact: true }) });
  await card.getByText("Show as table").click();
  const table = card.getByRole("table");
  return table.locator("tr").evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? "").trim())));
}

const sumColumn = (rows: string[][], column: string) => {
  const i = rows[0].indexOf(column);
  return rows.slice(1).reduce((n, r) => n + Number(r[i].replaceAll(",", "")), 0);
};

export function dashboardTests(fx: BrowserFixture) {
  describe("Dashboard", () => {
    it("shows known traffic exactly, charts readable by keyboard and as tables, no one else's, axe clean", async () => {
      const { page, user } = await signedInPage(fx.pool, fx.baseUrl, "dashboard");
      const busy = await createTestKey(user, "Busy key");
      const quiet = await createTestKey(user, "Quiet key");
      const calls = knownMix(busy.id, quiet.id);
      await writeTraffic(user.id, calls);
      const stranger = await createTestUser("dashboard-stranger");
      const theirs = await createTestKey(stranger, "Stranger key");
      await writeTraffic(stranger.id, knownMix(theirs.id, theirs.id).slice(0, 40));

      await open(page, `${fx.baseUrl}/dashboard?range=1h`);
      await waitForScript(page);
      const tiles = page.locator("dl[aria-label='Totals']");
      expect(await tiles.getByText("92", { exact: true }).count()).toBe(1);
      expect(await tiles.getByText("65.2%", { exact: true }).count()).toBe(1);
      const latencies = calls.map((c) => c.latencyMs);
      for (const [name, p] of [
        ["p50", 0.5],
        ["p95", 0.95],
        ["p99", 0.99],
      ] as const) {
        const shown = ms(await page.locator(`[data-percentile="${name}"]`).innerText());
        const [from, to] = bucketRange(latencyBucket(exactPercentile(latencies, p)));
        expect(shown, `${name} tile`).toBeGreaterThanOrEqual(Math.floor(from));
        expect(shown).toBeLessThanOrEqual(to);
      }
      expect(await page.content()).not.toContain("Stranger key");

      // Top keys, busiest first, each linking to its page.
      const top = page.locator("section").filter({ has: page.getByRole("heading", { name: "Top keys" }) });
      const topRows = await top
        .locator("table")
        .first()
        .locator("tbody tr")
        .evaluateAll((trs) => trs.map((tr) => [...tr.children].slice(0, 2).map((c) => (c.textContent ?? "").trim())));
      expect(topRows).toEqual([
        ["Busy key", "69"],
        ["Quiet key", "23"],
      ]);
      expect(await top.getByRole("link", { name: "Busy key" }).getAttribute("href")).toBe(`/keys/${busy.id}`);

      // The chart's table: the same numbers per outcome.
      const byOutcome = await chartTable(page, "Requests by outcome");
      const expected: Record<string, number> = {
        "2xx success": 60,
        "4xx client error": 10,
        "5xx upstream error": 5,
        "Refused: key off": 4,
        "Refused: expired": 3,
        "Refused: rate limited": 8,
        "Refused: quota": 2,
        Total: 92,
      };
      for (const [column, count] of Object.entries(expected)) expect(sumColumn(byOutcome, column), column).toBe(count);
      expect(byOutcome).toHaveLength(61); // header + 60 minutes
      const latencyTable = await chartTable(page, "Latency");
      expect(sumColumn(latencyTable, "Requests")).toBe(92);

      // Keyboard: the chart is a tab stop with a name; the arrow keys move its tooltip from point to point.
      const chart = page.getByRole("application", { name: /^Requests over time by outcome/ });
      await chart.focus();
      expect(await page.evaluate(() => document.activeElement?.getAttribute("role"))).toBe("application");
      await page.keyboard.press("ArrowRight");
      const tooltip = page
        .locator("section")
        .filter({ has: page.getByRole("heading", { name: "Requests by outcome" }) })
        .locator(".recharts-tooltip-wrapper");
      await eventually(() => tooltip.innerText()).toMatch(/\d\d:\d\d/);
      const firstPoint = await tooltip.innerText();
      await page.keyboard.press("ArrowRight");
      await eventually(() => tooltip.innerText()).not.toBe(firstPoint);
      expect(await page.getByRole("application", { name: /^Latency p50 and p99/ }).count()).toBe(1);

      const problems = await axeProblems(page, "Dashboard with data");
      await saveScreenshot(page, "40-dashboard", { fullPage: true });
      const narrow = await fx.pool.newPage({ viewport: { width: 390, height: 844 }, storageState: await page.context().storageState() });
      await open(narrow, `${fx.baseUrl}/dashboard?range=30d`);
      await waitForScript(narrow);
      await narrow.waitForTimeout(300); // charts size themselves to the narrow column
      problems.push(...(await axeProblems(narrow, "Dashboard at 390 px")));
      await saveScreenshot(narrow, "41-dashboard-390", { fullPage: true });
      expect(await narrow.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect(problems.join("\n\n") || "no serious or critical violations").toBe("no serious or critical violations");
    });

    it("gives an account without traffic the curl line to try, axe clean", async () => {
      const { page } = await signedInPage(fx.pool, fx.baseUrl, "dashboard-empty");
      await open(page, `${fx.baseUrl}/dashboard`);
      await page.getByRole("heading", { name: "No gateway traffic yet" }).waitFor();
      expect(await page.locator("pre").innerText()).toBe(`curl -H "x-api-key: YOUR_API_AUTH_KEY" ${fx.baseUrl}/api/gateway/whoami`);
      expect(await page.getByRole("application").count()).toBe(0);
      const problems = await axeProblems(page, "empty Dashboard");
      await saveScreenshot(page, "42-dashboard-empty", { fullPage: true });
      expect(problems.join("\n\n") || "no serious or critical violations").toBe("no serious or critical violations");
    });

    it("previews what switching a key off stops, by keyboard; a quiet key switches at once", async () => {
      const { page, user } = await signedInPage(fx.pool, fx.baseUrl, "impact");
      const used = await createTestKey(user, "Busy key");
      await createTestKey(user, "Quiet key");
      for (let i = 0; i < 3; i++) expect((await whoami(fx.baseUrl, used.key)).status).toBe(200);
      await eventually(async () => (await keyImpact(user.id, used.id)).calls, 10_000).toBe(3);

      await open(page, `${fx.baseUrl}/keys`);
      await waitForScript(page);
      const control = keySwitch(page, "Busy key");
      await control.focus();
      await page.keyboard.press("Space");
      const dialog = impactDialog(page, "Busy key");
      await dialog.waitFor();
      expect(await dialog.getAttribute("aria-describedby")).toBeTruthy();
      const description = await page.locator(`#${await dialog.getAttribute("aria-describedby")}`).innerText();
      expect(description).toBe("3 calls in the last 24 h, last from 127.0.0.1, just now. Switch off?");
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Keep it on");
      await saveScreenshot(page, "43-impact-preview");
      const problems = await axeProblems(page, "impact preview");
      await page.keyboard.press("Escape");
      await dialog.waitFor({ state: "detached" });
      expect(await control.getAttribute("aria-checked")).toBe("true");
      expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Busy key active");
      expect((await whoami(fx.baseUrl, used.key)).status).toBe(200);

      await page.keyboard.press("Space");
      await dialog.waitFor();
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Switch off");
      await page.keyboard.press("Enter");
      await eventually(() => control.getAttribute("aria-checked")).toBe("false");
      await eventually(() => control.getAttribute("aria-busy")).toBe("false");
      expect((await whoami(fx.baseUrl, used.key)).status).toBe(403);

      // No calls in 24 hours: no question asked.
      await keySwitch(page, "Quiet key").click();
      await eventually(() => keySwitch(page, "Quiet key").getAttribute("aria-checked")).toBe("false");
      expect(await impactDialog(page, "Quiet key").count()).toBe(0);
      expect(problems.join("\n\n") || "no serious or critical violations").toBe("no serious or critical violations");
    });

    it("shows a key's usage, last caller and sources, a new address marked New", async () => {
      const { page, user } = await signedInPage(fx.pool, fx.baseUrl, "insight");
      const key = await createTestKey(user, "Watched key");
      const now = Date.now();
      await writeTraffic(user.id, [
        { keyId: key.id, status: 200, latencyMs: 4, at: new Date(now - 3 * 86_400_000), ip: "198.51.100.7", agent: "partner-sdk/3.1" },
        { keyId: key.id, status: 200, latencyMs: 6, at: new Date(now - 3_600_000), ip: "198.51.100.7", agent: "partner-sdk/3.1" },
      ]);
      const response = await fetch(`${fx.baseUrl}/api/gateway/whoami`, { headers: { "x-api-key": key.key, "user-agent": "leaked-key-tester/0.1" } });
      expect(response.status).toBe(200);
      await eventually(async () => (await keyImpact(user.id, key.id)).calls, 10_000).toBe(2); // the 3-day-old call is outside 24 h

      await open(page, `${fx.baseUrl}/keys/${key.id}?range=7d`);
      const caller = page.locator("section").filter({ has: page.getByRole("heading", { name: "Last caller" }) });
      expect(await caller.innerText()).toContain("127.0.0.1");
      expect(await caller.innerText()).toContain("leaked-key-tester/0.1");
      const sources = page.locator("section").filter({ has: page.getByRole("heading", { name: "Sources" }) });
      expect(await sources.locator('[data-source="127.0.0.1"]').innerText()).toContain("New");
      expect(await sources.locator('[data-source="198.51.100.7"]').innerText()).not.toContain("New");
      expect(await sources.locator('[data-source="leaked-key-tester/0.1"]').innerText()).toContain("New");
      expect(await page.getByTestId("key-usage-summary").innerText()).toMatch(/^Last 7 days: 3 requests, 100% success/);
      const problems = await axeProblems(page, "key details with insight");
      await saveScreenshot(page, "44-key-insight", { fullPage: true });
      const narrow = await fx.pool.newPage({ viewport: { width: 390, height: 844 }, storageState: await page.context().storageState() });
      await open(narrow, `${fx.baseUrl}/keys/${key.id}?range=7d`);
      await waitForScript(narrow);
      await saveScreenshot(narrow, "45-key-insight-390", { fullPage: true });
      expect(await narrow.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect(problems.join("\n\n") || "no serious or critical violations").toBe("no serious or critical violations");
    });
  });
}
