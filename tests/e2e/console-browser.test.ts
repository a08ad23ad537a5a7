// The console in a real Chromium against `next start`: one server and one browser for every
// suite in ./browser/, each test in contexts of its own (closed after it, pass or fail).
// Without /usr/bin/chromium these tests fail in CI and are skipped, with a banner, elsewhere.
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect } from "vitest";
import { accessibilityTests } from "@/tests/e2e/browser/accessibility.suite";
import { authTests } from "@/tests/e2e/browser/auth.suite";
import { dashboardTests } from "@/tests/e2e/browser/dashboard.suite";
import type { BrowserFixture } from "@/tests/e2e/browser/fixture";
import { keyLifecycleTests } from "@/tests/e2e/browser/key-lifecycle.suite";
import { keyTests } from "@/tests/e2e/browser/keys.suite";
import { navigationTests } from "@/tests/e2e/browser/navigation.suite";
import { noScriptTests } from "@/tests/e2e/browser/no-script.suite";
import { subscriptionTests } from "@/tests/e2e/browser/subscription.suite";
import { transactionTests } from "@/tests/e2e/browser/transactions.suite";
import { ContextPool, launchBrowser, saveScreenshot, skipBrowserTests } from "@/tests/helpers/browser";
import { defined } from "@/tests/helpers/defined";
import { startServer } from "@/tests/helpers/server";

let browser: Browser | undefined;
const fx = { pool: new ContextPool(() => defined(browser, "the browser")) } as BrowserFixture;

describe.skipIf(skipBrowserTests)("console in Chromium", () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    fx.server = await startServer();
    fx.baseUrl = fx.server.url;
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === "fail") {
      for (const [i, page] of fx.pool.pages().entries()) {
        await saveScreenshot(page, `failed-${task.name.slice(0, 60)}-${i}`).catch(() => {});
      }
    }
    await fx.pool.closeAll();
    expect(fx.pool.takeCspViolations(), "Content-Security-Policy violations").toEqual([]);
  });

  afterAll(async () => {
    await fx.pool.closeAll();
    await browser?.close();
    await fx.server?.stop();
  });

  authTests(fx);
  noScriptTests(fx);
  keyTests(fx);
  keyLifecycleTests(fx);
  navigationTests(fx);
  transactionTests(fx);
  subscriptionTests(fx);
  dashboardTests(fx);
  accessibilityTests(fx);
});
