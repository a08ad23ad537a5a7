// The console in a real Chromium against `next start`: one server and one browser for every
// suite in ./browser/, each test in contexts of its own (closed after it, pass or fail).
// Without /usr/bin/chromium these tests fail in CI and are skipped, with a banner, elsewhere.
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe } from "vitest";
import { ContextPool, launchBrowser, saveScreenshot, skipBrowserTests } from "../helpers/browser";
import { startServer } from "../helpers/server";
import { accessibilityTests } from "./browser/accessibility.suite";
import { authTests } from "./browser/auth.suite";
import type { BrowserFixture } from "./browser/fixture";
import { keyTests } from "./browser/keys.suite";
import { navigationTests } from "./browser/navigation.suite";
import { transactionTests } from "./browser/transactions.suite";

let browser: Browser | undefined;
const fx = { pool: new ContextPool(() => browser!) } as BrowserFixture;

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
  });

  afterAll(async () => {
    await fx.pool.closeAll();
    await browser?.close();
    await fx.server?.stop();
  });

  authTests(fx);
  keyTests(fx);
  navigationTests(fx);
  transactionTests(fx);
  accessibilityTests(fx);
});
