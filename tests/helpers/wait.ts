/** Polls `check` every `everyMs` until it returns true; returns the milliseconds waited, or throws. */
export async function waitUntil(check: () => Promise<boolean> | boolean, withinMs: number, everyMs = 20): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > withinMs) throw new Error(`condition not met within ${withinMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return Date.now() - started;
}
