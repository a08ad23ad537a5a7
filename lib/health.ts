// Database reachability, refreshed at most once a second in the background, so the
// health route costs no query per request (it is the gateway benchmark's baseline).
import { sqlClient } from "@/db/client";
import { processSingleton } from "@/lib/process-singleton";

type Health = { ok: boolean; checkedAt: number; checking?: Promise<void> };
const REFRESH_MS = 1_000;

async function refresh(state: Health): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([sqlClient()`select 1`, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error("timeout")), REFRESH_MS)))]);
    state.ok = true;
  } catch {
    state.ok = false;
  } finally {
    clearTimeout(timer);
    state.checkedAt = Date.now();
    state.checking = undefined;
  }
}

export async function databaseIsUp(): Promise<boolean> {
  const state = processSingleton<Health>("health", () => ({ ok: false, checkedAt: 0 }));
  if (Date.now() - state.checkedAt >= REFRESH_MS) state.checking ??= refresh(state);
  if (state.checkedAt === 0) await state.checking;
  return state.ok;
}
