// `npm run dev` opened at 127.0.0.1, which many people type instead of localhost: Next.js
// serves its dev resources (HMR) to other origins only when allowed, and without them the
// console renders but never becomes interactive. Signing in and creating a key proves it is.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ContextPool, launchBrowser, skipBrowserTests } from "@/tests/helpers/browser";
import { createKeyInDialog, submitSignIn } from "@/tests/helpers/console-ui";
import { createTestUser } from "@/tests/helpers/db";
import { defined } from "@/tests/helpers/defined";
import { type Server, startServer } from "@/tests/helpers/server";

let browser: Browser | undefined;
let server: Server | undefined;
const pool = new ContextPool(() => defined(browser, "the browser"));

describe.skipIf(skipBrowserTests)("the dev server at 127.0.0.1", () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startServer({ mode: "dev" });
  });
  afterAll(async () => {
    await pool.closeAll();
    await browser?.close();
    await server?.stop();
  });

  it("signs in and creates a key, with no blocked dev resource and no CSP violation", async () => {
    const { url, logs } = defined(server, "the dev server");
    expect(new URL(url).hostname).toBe("127.0.0.1");
    const user = await createTestUser("dev-server");
    const context = await pool.newContext();
    context.setDefaultTimeout(90_000); // the dev server compiles each page on its first visit
    context.setDefaultNavigationTimeout(90_000);
    const page = await context.newPage();
    await page.goto(`${url}/sign-in`);
    await submitSignIn(page, user.email, user.password);
    await page.waitForURL((u) => u.pathname === "/gateway", { timeout: 60_000 });
    const key = await createKeyInDialog(page, "Made on the dev server");
    expect(key.startsWith("gtw_live_")).toBe(true);
    expect(logs()).not.toMatch(/Blocked cross-origin request/i);
    expect(pool.takeCspViolations()).toEqual([]);
  });
});
