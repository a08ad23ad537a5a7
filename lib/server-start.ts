// What a Next.js server process does once before its first request (instrumentation.ts).
import { closeDb, describeUrl } from "@/db/client";
import { prepareDatabase } from "@/db/prepare";
import { DEMO_EMAIL, DEMO_PASSWORD, ensureDemoAccount } from "@/lib/demo";
import { ensureDevSecret } from "@/lib/dev-secret";
import { env, setEnv } from "@/lib/env";
import { startRevocationListener, stopRevocationListener } from "@/lib/gateway/revocation";
import { startUsageWriter, stopUsageWriter } from "@/lib/gateway/usage";
import { startRequestLogMaintenance, stopRequestLogMaintenance } from "@/lib/request-log/maintenance";
import { onShutdown } from "@/lib/shutdown";

export async function startServer(): Promise<void> {
  ensureDevSecret();
  let prepared: Awaited<ReturnType<typeof prepareDatabase>>;
  try {
    env(); // fail at start, not at the first request, on a bad environment
    prepared = await prepareDatabase();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  const { url, embedded } = prepared;
  // In this order at shutdown: write what is buffered, then close connections, then stop PostgreSQL.
  onShutdown("flush usage", stopUsageWriter);
  onShutdown("stop request log maintenance", stopRequestLogMaintenance);
  onShutdown("stop revocation listener", stopRevocationListener);
  onShutdown("close database pool", closeDb);
  if (embedded?.owned) onShutdown("stop embedded PostgreSQL", embedded.stop);

  startRevocationListener(url);
  startUsageWriter();
  startRequestLogMaintenance();
  console.log(`Gatehouse: database ${describeUrl(url)}${embedded ? ` (embedded, data in ${env().EMBEDDED_PG_DIR})` : ""}`);

  const demoWanted = env().SEED_DEMO || (embedded !== null && env().NODE_ENV !== "production");
  if (demoWanted) {
    const created = await ensureDemoAccount();
    setEnv("GATEHOUSE_DEMO", "1"); // the sign-in page shows the credentials too
    console.log(`Gatehouse: demo account ${created ? "created" : "ready"}: ${DEMO_EMAIL} / ${DEMO_PASSWORD}`);
  }
}
