// Creating, listing, switching and deleting API auth keys, with the mouse and with the keyboard.
import { describe, expect, it } from "vitest";
import { listKeys } from "@/db/queries/keys";
import { findUserByEmail } from "@/db/queries/users";
import type { BrowserFixture } from "@/tests/e2e/browser/fixture";
import {
  createButton,
  createDialog,
  createKey,
  eventually,
  fillCreateForm,
  KEY_COLUMNS,
  KEY_PATTERN,
  keyCell,
  keyRow,
  keySwitch,
  open,
  reload,
  setSwitch,
  showOnceDialog,
  signedInPage,
  signUp,
  waitForScript,
  whoami,
} from "@/tests/helpers/console-ui";
import { defined } from "@/tests/helpers/defined";

export function keyTests(fx: BrowserFixture) {
  describe("API auth keys", () => {
    it("goes from a blank gateway through create, show once, switch, last used and delete", async () => {
      const page = await fx.pool.newPage();
      const { email } = await signUp(page, fx.baseUrl);
      const user = defined(await findUserByEmail(email), "the new user");

      // Blank state: no table, the create button, how to call the gateway.
      expect(await page.getByRole("table").count()).toBe(0);
      expect(await createButton(page).isVisible()).toBe(true);
      expect(await page.getByText("No API auth keys yet.", { exact: false }).isVisible()).toBe(true);
      expect(await page.getByText(`${fx.baseUrl}/api/gateway`, { exact: true }).isVisible()).toBe(true);
      expect(await page.getByText(`curl -H "x-api-key: YOUR_API_AUTH_KEY" ${fx.baseUrl}/api/gateway/whoami`).isVisible()).toBe(true);

      // An empty name is refused next to the field, and nothing is created.
      await fillCreateForm(page, "");
      const name = createDialog(page).getByLabel("Key Name");
      await eventually(() => name.getAttribute("aria-invalid")).toBe("true");
      const describedBy = (await name.getAttribute("aria-describedby"))?.split(" ") ?? [];
      const errorId = defined(
        describedBy.find((id) => id.endsWith("-error")),
        "an error id in aria-describedby",
      );
      expect(await page.locator(`[id="${errorId}"]`).innerText()).toBe("Key Name is required.");
      expect(await name.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await listKeys(user.id)).toEqual([]);

      // A real name: the full key, once, with the warning.
      await name.fill("Swaggy M.");
      await createDialog(page).getByLabel("Key Description").fill("Checkout service, staging");
      await createDialog(page).getByRole("button", { name: "Create Now" }).click();
      const shown = showOnceDialog(page).locator("#new-api-key");
      await shown.waitFor();
      const key = await shown.inputValue();
      expect(key).toMatch(KEY_PATTERN);
      expect(await showOnceDialog(page).getByText("This is the only time the full key is shown.", { exact: false }).isVisible()).toBe(true);
      expect(await showOnceDialog(page).getByRole("button", { name: "Copy key" }).isVisible()).toBe(true);
      await showOnceDialog(page).getByRole("button", { name: "I have saved my key" }).click();
      await showOnceDialog(page).waitFor({ state: "detached" });

      // The list: five columns, the masked key only, never used yet.
      const row = keyRow(page, "Swaggy M.");
      await row.waitFor();
      expect(await page.getByRole("columnheader").evaluateAll((hs) => hs.map((h) => h.textContent))).toEqual([...KEY_COLUMNS]);
      expect(await keyCell(row, "API Auth Key").innerText()).toBe(`${key.slice(0, 13)}…`);
      expect(await keyCell(row, "Last Used").innerText()).toBe("Never");
      expect(await keyCell(row, "Key Name").innerText()).toContain("Checkout service, staging");
      expect(await page.content()).not.toContain(key);
      expect(await page.getByRole("row").count()).toBe(2); // header and one key

      // Switched off: stays off after a reload, and the gateway refuses the key.
      await setSwitch(page, "Swaggy M.", false);
      expect(await keyCell(row, "Status").innerText()).toContain("Inactive");
      await reload(page);
      expect(await keySwitch(page, "Swaggy M.").getAttribute("aria-checked")).toBe("false");
      expect(await page.content()).not.toContain(key);
      const refused = await whoami(fx.baseUrl, key);
      expect([refused.status, refused.body.error?.code]).toEqual([403, "key_disabled"]);

      // On again: accepted, and Last Used fills in once the usage is written (every second).
      await setSwitch(page, "Swaggy M.", true);
      expect(await keyCell(row, "Status").innerText()).toContain("Active");
      const accepted = await whoami(fx.baseUrl, key);
      expect([accepted.status, accepted.body.key?.name]).toEqual([200, "Swaggy M."]);
      await eventually(async () => {
        await reload(page);
        return keyCell(keyRow(page, "Swaggy M."), "Last Used").innerText();
      }, 8_000).not.toBe("Never");
      const usedAt = await keyCell(row, "Last Used").locator("time").getAttribute("datetime");
      expect(Math.abs(Date.parse(defined(usedAt, "datetime")) - Date.now())).toBeLessThan(60_000);
      await eventually(() => keyCell(row, "Last Used").innerText()).toBe("just now"); // once the browser's clock takes over

      // Delete, confirmed in a dialog that names the key.
      await page.getByRole("button", { name: "Delete Swaggy M.", exact: true }).click();
      const confirm = page.getByRole("alertdialog", { name: "Delete “Swaggy M.”?" });
      await confirm.waitFor();
      await confirm.getByRole("button", { name: "Delete key" }).click();
      await confirm.waitFor({ state: "detached" });
      await row.waitFor({ state: "detached" });
      expect(await page.getByRole("table").count()).toBe(0);
      const gone = await whoami(fx.baseUrl, key);
      expect([gone.status, gone.body.error?.code]).toEqual([401, "unknown_key"]);
    });

    it("refuses a second key with the same name in any letter case", async () => {
      const { page, user } = await signedInPage(fx.pool, fx.baseUrl, "duplicate");
      await open(page, `${fx.baseUrl}/gateway`);
      await createKey(page, "Swaggy M.");
      await fillCreateForm(page, "SWAGGY m.");
      const name = createDialog(page).getByLabel("Key Name");
      await eventually(() => name.getAttribute("aria-invalid"), 20_000).toBe("true");
      expect(await createDialog(page).getByText("already have a key named", { exact: false }).innerText()).toContain("“SWAGGY m.”");
      expect(await showOnceDialog(page).count()).toBe(0);
      await page.keyboard.press("Escape");
      await createDialog(page).waitFor({ state: "detached" });
      expect(await page.getByRole("row").count()).toBe(2);
      expect((await listKeys(user.id)).map((k) => k.name)).toEqual(["Swaggy M."]);
    });

    it("can be used with the keyboard alone", async () => {
      const { page } = await signedInPage(fx.pool, fx.baseUrl, "keyboard");
      await open(page, `${fx.baseUrl}/gateway`);
      await waitForScript(page); // until then the script-only buttons are disabled, and Tab skips them
      const isFocused = () => createButton(page).evaluate((el) => el === document.activeElement);
      let presses = 0;
      while (!(await isFocused())) {
        expect(presses++, "Tab never reached the create button").toBeLessThan(30);
        await page.keyboard.press("Tab");
      }

      await page.keyboard.press("Enter");
      const name = createDialog(page).getByLabel("Key Name");
      await name.waitFor();
      expect(await name.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.type("Typed by keyboard");
      await page.keyboard.press("Enter");
      const shown = showOnceDialog(page).locator("#new-api-key");
      await shown.waitFor();
      expect(await shown.inputValue()).toMatch(KEY_PATTERN);
      expect(await shown.evaluate((el) => el === document.activeElement)).toBe(true);

      await page.keyboard.press("Escape");
      await showOnceDialog(page).waitFor({ state: "detached" });
      await keyRow(page, "Typed by keyboard").waitFor();
      await eventually(isFocused).toBe(true); // back on the button that opened the dialog

      // Space opens it again, with an empty form.
      await page.keyboard.press("Space");
      await name.waitFor();
      expect(await name.inputValue()).toBe("");
      await page.keyboard.press("Escape");
      await createDialog(page).waitFor({ state: "detached" });
      await eventually(isFocused).toBe(true);
    });
  });
}
