// The account forms with JavaScript off: what a click before the page's script has run does,
// and what a browser without JavaScript gets. Every form posts to its server action itself.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { BrowserFixture } from "@/tests/e2e/browser/fixture";
import { pathOf, randomEmail } from "@/tests/helpers/console-ui";
import { createTestUser } from "@/tests/helpers/db";

async function submit(page: Page, button: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: button }).click()]);
}

export function noScriptTests(fx: BrowserFixture) {
  describe("with JavaScript off", () => {
    it("signs up, signs out, signs in and changes the password", async () => {
      const page = await fx.pool.newPage({ javaScriptEnabled: false });
      const email = randomEmail("noscript");
      const password = "a long enough password without script";

      await page.goto(`${fx.baseUrl}/sign-up`);
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(password);
      await submit(page, "Create account");
      expect(pathOf(page)).toBe("/gateway");
      expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("API Gateway");

      await submit(page, "Sign out");
      expect(pathOf(page)).toBe("/sign-in");

      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(password);
      await submit(page, "Sign in");
      expect(pathOf(page)).toBe("/gateway");

      await page.goto(`${fx.baseUrl}/settings`);
      await page.getByLabel("Current password").fill(password);
      await page.getByLabel("New password").fill("short one");
      await submit(page, "Change password");
      expect(await page.getByText("Use at least 15 characters.").first().isVisible()).toBe(true);
      await page.getByLabel("Current password").fill(password);
      await page.getByLabel("New password").fill("an even longer password, still no script");
      await submit(page, "Change password");
      expect(await page.getByText("Password changed.", { exact: false }).isVisible()).toBe(true);
      expect(page.url()).not.toMatch(/password=[^c]|secret|script/);
      expect(fx.server.logs()).not.toContain(password);
    });

    it("refuses a wrong password and keeps the typed email, never the password", async () => {
      const user = await createTestUser("noscript-wrong");
      const page = await fx.pool.newPage({ javaScriptEnabled: false });
      await page.goto(`${fx.baseUrl}/sign-in`);
      await page.getByLabel("Email").fill(user.email);
      await page.getByLabel("Password").fill("not the password at all");
      await submit(page, "Sign in");
      expect(pathOf(page)).toBe("/sign-in");
      expect(await page.getByText("Wrong email or password.", { exact: true }).isVisible()).toBe(true);
      expect(await page.getByLabel("Email").inputValue()).toBe(user.email);
      expect(await page.getByLabel("Password").inputValue()).toBe("");
      expect(page.url()).not.toContain("password");
      expect(await page.content()).not.toContain("not the password at all");
    });

    it("refuses a common password at sign-up with the reason, keeping the email", async () => {
      const page = await fx.pool.newPage({ javaScriptEnabled: false });
      const email = randomEmail("noscript-common");
      await page.goto(`${fx.baseUrl}/sign-up`);
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill("1qaz2wsx3edc4rfv");
      await submit(page, "Create account");
      expect(pathOf(page)).toBe("/sign-up");
      expect(await page.getByText("This password is too common. Pick another.").first().isVisible()).toBe(true);
      expect(await page.getByLabel("Email").inputValue()).toBe(email);
      expect(await page.getByLabel("Password").getAttribute("aria-invalid")).toBe("true");
    });
  });
}
