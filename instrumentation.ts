import { isBuildPhase } from "@/lib/env";

export async function register(): Promise<void> {
  // The one process.env read outside lib/env.ts: Next.js replaces this expression at build
  // time, which is what keeps the Node-only import below out of the edge bundle.
  if (process.env.NEXT_RUNTIME !== "nodejs" || isBuildPhase()) return;
  const { startServer } = await import("@/lib/server-start");
  await startServer();
}
