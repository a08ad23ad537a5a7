// axe-core on each state of the key journey, with a screenshot of each for a person to look at.
import { describe, expect, it } from "vitest";
import type { BrowserFixture } from "@/tests/e2e/browser/fixture";
import { axeProblems } from "@/tests/helpers/a11y";
import { saveScreenshot } from "@/tests/helpers/browser";
import { createButton, createDialog, createKey, eventually, keyRow, open, reload, showOnceDialog, signedInPage, whoami } from "@/tests/helpers/console-ui";

export function accessibilityTests(fx: BrowserFixture) {
  describe("accessibility", () => {
    it("has no serious or critical axe violations on the main screens and dialogs", async () => {
      // Every state is checked and photographed before anything is asserted, so one finding
      // does not hide the others (or the screenshots).
      const problems: string[] = [];

      const signedOut = await fx.pool.newPage();
      await open(signedOut, `${fx.baseUrl}/sign-in`);
      problems.push(...(await axeProblems(signedOut, "sign-in")));
      await saveScreenshot(signedOut, "00-sign-in");

      const { page } = await signedInPage(fx.pool, fx.baseUrl, "a11y");
      await open(page, `${fx.baseUrl}/gateway`);
      problems.push(...(await axeProblems(page, "blank API Gateway")));
      await saveScreenshot(page, "01-blank-gateway", { fullPage: true });

      await createButton(page).click();
      const dialog = createDialog(page);
      await dialog.getByLabel("Key Name").waitFor();
      problems.push(...(await axeProblems(page, "create dialog")));
      await saveScreenshot(page, "02-modal-form");

      await dialog.getByRole("button", { name: "Create Now" }).click();
      await dialog.getByText("Key Name is required.").waitFor();
      problems.push(...(await axeProblems(page, "create dialog with an error")));
      await saveScreenshot(page, "03-modal-error");

      await dialog.getByLabel("Key Name").fill("Swaggy M.");
      await dialog.getByLabel("Key Description").fill("Checkout service, staging");
      await dialog.getByRole("button", { name: "Create Now" }).click();
      const shown = showOnceDialog(page).locator("#new-api-key");
      await shown.waitFor();
      const key = await shown.inputValue();
      problems.push(...(await axeProblems(page, "show-once dialog")));
      await saveScreenshot(page, "04-show-once");
      await showOnceDialog(page).getByRole("button", { name: "I have saved my key" }).click();
      await showOnceDialog(page).waitFor({ state: "detached" });

      await createKey(page, "Partner integration", "Reads order status for the logistics partner");
      await keyRow(page, "Swaggy M.").waitFor();
      problems.push(...(await axeProblems(page, "list with two keys")));
      await saveScreenshot(page, "05-list-two-keys", { fullPage: true });

      expect((await whoami(fx.baseUrl, key)).status).toBe(200);
      await open(page, `${fx.baseUrl}/transactions`);
      await eventually(async () => {
        await reload(page);
        return page.getByRole("table").count();
      }, 10_000).toBe(1);
      problems.push(...(await axeProblems(page, "Transaction Monitoring")));

      expect(problems.join("\n\n") || "no serious or critical violations").toBe("no serious or critical violations");
    });
  });
}
