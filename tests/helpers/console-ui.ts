// What a person does in the console, as steps the browser tests share. Selectors are roles,
// labels and ids; no CSS classes.
import { randomUUID } from "node:crypto";
import type { Locator, Page } from "playwright-core";
import { expect } from "vitest";
import type { ContextPool } from "@/tests/helpers/browser";
import { createTestUser } from "@/tests/helpers/db";
import { signIn } from "@/tests/helpers/session";

export const KEY_PATTERN = /^gtw_live_[0-9A-Za-z]{28}$/;
export const KEY_COLUMNS = ["Key Name", "Last Used", "API Auth Key", "Date Created", "Status"] as const;
export const NAV_LABELS = ["Dashboard", "Smart Contract", "API Gateway", "Transaction Monitoring", "Subscription", "API Key Generation", "Settings"];

/** Waits for a condition the page reaches on its own (server round trips, flushes): generous, but it fails. */
export function eventually<T>(read: () => Promise<T> | T, timeout = 15_000) {
  return expect.poll(read, { timeout, interval: 100 });
}

/**
 * Forms work before the page's script runs, and buttons that need script are disabled until
 * it does (Playwright's clicks wait for them), so tests wait for nothing React-internal.
 * Keyboard tests, which tab past disabled buttons, wait for the page to say it is ready.
 */
export async function waitForScript(page: Page): Promise<void> {
  await page.locator("html[data-scripted]").waitFor({ state: "attached" });
}

export async function open(page: Page, url: string): Promise<void> {
  await page.goto(url);
}

export async function reload(page: Page): Promise<void> {
  await page.reload();
}

export const pathOf = (page: Page) => new URL(page.url()).pathname;

export function randomEmail(label: string): string {
  return `${label}-${randomUUID()}@browser.gatehouse.dev`;
}

/** Signs up through /sign-up; the app then opens API Gateway. */
export async function signUp(
  page: Page,
  baseUrl: string,
  email = randomEmail("signup"),
  password = "browser test password 1",
): Promise<{ email: string; password: string }> {
  await open(page, `${baseUrl}/sign-up`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL((url) => url.pathname === "/gateway");
  return { email, password };
}

/** Fills and sends the sign-in form of the page already open. */
export async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** A new context already signed in as a new user (signed in over HTTP, the cookie handed to the browser). */
export async function signedInPage(pool: ContextPool, baseUrl: string, label: string, options: Parameters<ContextPool["newContext"]>[0] = {}, planId?: string) {
  const user = await createTestUser(label, planId);
  const [name, value] = (await signIn(baseUrl, user.email, user.password)).split(/=(.*)/s);
  const context = await pool.newContext(options);
  await context.addCookies([{ name, value, url: baseUrl, httpOnly: true, sameSite: "Lax" }]);
  const page = await context.newPage();
  return { user, context, page };
}

export const createButton = (page: Page) => page.getByRole("button", { name: "Create API Auth Key" });
export const createDialog = (page: Page) => page.getByRole("dialog", { name: "Create API Auth Key" });
export const showOnceDialog = (page: Page) => page.getByRole("dialog", { name: "Save your API auth key" });
/** The table's own scrolling region, "API auth keys table" (inside the <section> landmark "API auth keys"). */
export const keysRegion = (page: Page) => page.getByRole("region", { name: "API auth keys table", exact: true });
export const keySwitch = (page: Page, name: string) => page.getByRole("switch", { name: `${name} active`, exact: true });

/** The table row whose row header is this key name. */
export function keyRow(page: Page, name: string): Locator {
  return page.getByRole("row").filter({ has: page.getByRole("rowheader").getByText(name, { exact: true }) });
}

export function keyCell(row: Locator, column: (typeof KEY_COLUMNS)[number]): Locator {
  return row.locator(":scope > th, :scope > td").nth(KEY_COLUMNS.indexOf(column));
}

/** Opens the create dialog, fills it, presses Create Now: the show-once dialog or an error follows. */
export async function fillCreateForm(page: Page, name: string, description?: string): Promise<void> {
  await createButton(page).click();
  const dialog = createDialog(page);
  await dialog.waitFor();
  await dialog.getByLabel("Key Name").fill(name);
  if (description !== undefined) await dialog.getByLabel("Key Description").fill(description);
  await dialog.getByRole("button", { name: "Create Now" }).click();
}

/** Creates a key through the dialog and returns the plaintext shown once; the dialog is left open. */
export async function createKeyInDialog(page: Page, name: string, description?: string): Promise<string> {
  await fillCreateForm(page, name, description);
  const field = showOnceDialog(page).locator("#new-api-key");
  await field.waitFor();
  const key = await field.inputValue();
  expect(key).toMatch(KEY_PATTERN);
  return key;
}

/** Creates a key, closes the show-once dialog and waits for its row. */
export async function createKey(page: Page, name: string, description?: string): Promise<string> {
  const key = await createKeyInDialog(page, name, description);
  await showOnceDialog(page).getByRole("button", { name: "I have saved my key" }).click();
  await showOnceDialog(page).waitFor({ state: "detached" });
  await keyRow(page, name).waitFor();
  return key;
}

/** The confirmation that switching a key off shows when the key had calls in the last 24 hours. */
export const impactDialog = (page: Page, name: string) => page.getByRole("alertdialog", { name: `Switch off “${name}”?` });

/**
 * Flips a key's switch and waits until the server has answered (the switch stops being busy).
 * Switching off a key in use asks first (the impact preview): this confirms it.
 */
export async function setSwitch(page: Page, name: string, on: boolean): Promise<void> {
  const control = keySwitch(page, name);
  expect(await control.getAttribute("aria-checked")).toBe(String(!on));
  await control.click();
  const dialog = impactDialog(page, name);
  await eventually(async () => {
    if (!on && (await dialog.isVisible())) await dialog.getByRole("button", { name: "Switch off" }).click();
    return control.getAttribute("aria-checked");
  }).toBe(String(on));
  await eventually(() => control.getAttribute("aria-busy")).toBe("false");
  expect(await control.getAttribute("aria-checked")).toBe(String(on));
  expect(await keyRow(page, name).getByRole("alert").innerText()).toBe(""); // no "could not change" message
}

/** GET /api/gateway/whoami with the key, as any HTTP client would. */
export async function whoami(
  baseUrl: string,
  key: string,
): Promise<{ status: number; body: { key?: { id: string; name: string }; error?: { code: string } } }> {
  const response = await fetch(`${baseUrl}/api/gateway/whoami`, { headers: { "x-api-key": key } });
  return { status: response.status, body: await response.json() };
}

/** Visible texts of the elements, trimmed. */
export async function texts(locator: Locator): Promise<string[]> {
  return (await locator.allInnerTexts()).map((t) => t.trim());
}
