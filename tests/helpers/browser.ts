// Chromium for the browser tests: Debian's /usr/bin/chromium driven by playwright-core
// (`npx playwright install` cannot download a browser here). Without it, CI fails loudly and
// a developer's run skips only the browser tests, with a banner saying so.
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from "playwright-core";

export const CHROMIUM_PATH = process.env.GATEHOUSE_CHROMIUM ?? "/usr/bin/chromium";
export const ARTIFACTS_DIR = path.join(process.cwd(), "tests/artifacts");

const LAUNCH_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const chromiumFound = existsSync(CHROMIUM_PATH);
const inCi = process.env.CI === "true";
const MISSING = `Chromium not found at ${CHROMIUM_PATH}: install Debian's package (apt-get install chromium) or set GATEHOUSE_CHROMIUM.`;

/** True only on a developer's machine without Chromium; in CI a missing browser fails the tests instead. */
export const skipBrowserTests = !chromiumFound && !inCi;

if (skipBrowserTests) {
  const line = "!".repeat(78);
  console.warn(`\n${line}\n!! BROWSER TESTS SKIPPED\n!! ${MISSING}\n!! They run (and fail without it) when CI=true.\n${line}\n`);
}

export async function launchBrowser(): Promise<Browser> {
  if (!chromiumFound) throw new Error(`${MISSING} The browser tests cannot run${inCi ? " in CI" : ""}.`);
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: LAUNCH_ARGS });
}

/**
 * Contexts opened during a test, closed by `closeAll()` (an afterEach) even when the test
 * fails. Every page reports what the Content-Security-Policy refused: a test that caused a
 * violation fails (`takeCspViolations()` in the same afterEach).
 */
export class ContextPool {
  private open = new Set<BrowserContext>();
  private violations: string[] = [];
  constructor(private browser: () => Browser) {}

  async newContext(options: BrowserContextOptions = {}): Promise<BrowserContext> {
    const context = await this.browser().newContext({ viewport: { width: 1280, height: 800 }, ...options });
    await context.exposeBinding("__reportCspViolation", (_source, text: string) => {
      this.violations.push(text);
    });
    await context.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => {
        const report = (window as unknown as { __reportCspViolation(text: string): void }).__reportCspViolation;
        report(`${location.pathname}: ${e.effectiveDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`);
      });
    });
    context.setDefaultTimeout(15_000);
    context.setDefaultNavigationTimeout(30_000);
    this.open.add(context);
    context.once("close", () => this.open.delete(context));
    return context;
  }

  async newPage(options: BrowserContextOptions = {}): Promise<Page> {
    return (await this.newContext(options)).newPage();
  }

  pages(): Page[] {
    return [...this.open].flatMap((c) => c.pages());
  }

  /** The violations reported since the last call. */
  takeCspViolations(): string[] {
    return this.violations.splice(0);
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.open].map((c) => c.close().catch(() => {})));
    this.open.clear();
  }
}

/** Saves a PNG as tests/artifacts/<name>.png (git-ignored) and returns its path. */
export async function saveScreenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name.replace(/[^\w.-]+/g, "-")}.png`);
  await page.screenshot({ path: file, fullPage: options.fullPage ?? false, animations: "disabled" });
  return file;
}
