// Next.js's own SIGTERM/SIGINT handler closes the server and calls process.exit at once,
// which would lose unflushed usage and orphan the embedded PostgreSQL. So the handlers
// present at start-up are set aside and run only after our tasks have finished.
import { env } from "@/lib/env";
import { processSingleton } from "@/lib/process-singleton";

type Task = { name: string; run: () => Promise<unknown> };

const SIGNALS = ["SIGTERM", "SIGINT"] as const;
const EXIT_CODES = { SIGTERM: 143, SIGINT: 130 } as const;
// After the gateway's grace period, what the remaining steps (flush, close, stop) may take.
const STEPS_MS = 10_000;

async function runAll(tasks: Task[]): Promise<void> {
  // In order: drain the gateway, flush usage, close the pool, stop PostgreSQL.
  for (const task of tasks) {
    await task.run().catch((error) => console.error(`Gatehouse: shutdown step "${task.name}" failed:`, error));
  }
}

function install(): Task[] {
  const tasks: Task[] = [];
  for (const signal of SIGNALS) {
    const earlier = process.listeners(signal);
    process.removeAllListeners(signal);
    process.once(signal, async () => {
      const deadline = setTimeout(() => process.exit(EXIT_CODES[signal]), env().SHUTDOWN_GRACE_MS + STEPS_MS);
      deadline.unref();
      await runAll(tasks);
      for (const listener of earlier) (listener as (s: string) => void)(signal);
      if (earlier.length === 0) process.exit(EXIT_CODES[signal]);
    });
  }
  return tasks;
}

/** Runs `run` once when the process is told to stop, before the server exits; `first` puts it ahead of the others. */
export function onShutdown(name: string, run: () => Promise<unknown>, { first = false } = {}): void {
  const tasks = processSingleton("shutdown", install);
  if (first) tasks.unshift({ name, run });
  else tasks.push({ name, run });
}
