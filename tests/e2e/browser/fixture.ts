// What every browser suite gets from tests/e2e/console-browser.test.ts: one production server
// and one Chromium for the whole run, and a pool of contexts closed after each test.
import type { ContextPool } from "@/tests/helpers/browser";
import type { Server } from "@/tests/helpers/server";

export type BrowserFixture = {
  /** The server's origin, e.g. http://127.0.0.1:41234; read it inside tests, it is set in beforeAll. */
  baseUrl: string;
  server: Server;
  pool: ContextPool;
};
