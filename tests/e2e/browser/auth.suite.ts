// Signing up, signing in and being sent to sign in.
import { describe, expect, it } from "vitest";
import type { BrowserFixture } from "@/tests/e2e/browser/fixture";
import { open, pathOf, randomEmail, signUp, submitSignIn } from "@/tests/helpers/console-ui";
import { createTestUser } from "@/tests/helpers/db";

export function authTests(fx: BrowserFixture) {
  describe("signing in", () => {
    it("sends a signed-out visitor of /gateway to sign in, and back to /gateway after it", async () => {
      const user = await createTestUser("redirect");
      const page = await fx.pool.newPage();
      await page.goto(`${fx.baseUrl}/gateway`);
      expect(pathOf(page)).toBe("/sign-in");
      expect(new URL(page.url()).searchParams.get("callbackUrl")).toBe("/gateway");
      await submitSignIn(page, user.email, user.password);
      await page.waitForURL((url) => url.pathname === "/gateway");
      expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("API Gateway");
      expect(await page.getByText(user.email, { exact: true }).first().isVisible()).toBe(true);
    });

    it("signs up a new account at /sign-up and opens the console signed in", async () => {
      const page = await fx.pool.newPage();
      const email = randomEmail("Fresh");
      await signUp(page, fx.baseUrl, email);
      expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("API Gateway");
      // Emails are kept in lower case; the sidebar names the account.
      expect(await page.getByText(email.toLowerCase(), { exact: true }).first().isVisible()).toBe(true);
      // The same email again is refused, next to the field.
      const other = await fx.pool.newPage();
      await open(other, `${fx.baseUrl}/sign-up`);
      await other.getByLabel("Email").fill(email);
      await other.getByLabel("Password").fill("another good password");
      await other.getByRole("button", { name: "Create account" }).click();
      await other.getByText("An account with this email already exists.", { exact: false }).first().waitFor();
      expect(pathOf(other)).toBe("/sign-up");
      expect(await other.getByLabel("Email").getAttribute("aria-invalid")).toBe("true");
    });

    it("answers a wrong password and an unknown email with the same single message", async () => {
      const user = await createTestUser("wrong");
      const page = await fx.pool.newPage();
      for (const [email, password] of [
        [user.email, "not the password"],
        [randomEmail("nobody"), user.password],
      ]) {
        await open(page, `${fx.baseUrl}/sign-in`);
        await submitSignIn(page, email, password);
        const message = page.getByText("Wrong email or password.", { exact: true });
        await message.waitFor();
        expect(await message.count()).toBe(1);
        expect(pathOf(page)).toBe("/sign-in");
        // Generic: neither field is marked as the wrong one.
        expect(await page.locator("[aria-invalid=true]").count()).toBe(0);
        // The typed email stays in the field, the password is not sent anywhere in the URL.
        expect(await page.getByLabel("Email").inputValue()).toBe(email);
        expect(page.url()).not.toContain("password");
      }
    });
  });
}
