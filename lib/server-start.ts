// What a server process does once before its first request: server.ts calls it before it
// listens, and instrumentation.ts (for Next.js's own `next start`) calls it again, which then
// waits for the same start.
import { closeDb, describeUrl } from "@/db/client";
import { prepareDatabase } from "@/db/prepare";
import { DEMO_EMAIL, DEMO_PASSWORD, ensureDemoAccount } from "@/lib/demo";
import { ensureDevSecret } from "@/lib/dev-secret";
import { env, setEnv } from "@/lib/env";
import { stopDatabaseBreaker } from "@/lib/gateway/database-breaker";
import { startRevocationListener, stopRevocationListener } from "@/lib/gateway/revocation";
import { trustedProxies } from "@/lib/gateway/trusted-proxies";
import { startUsageWriter, stopUsageWriter } from "@/lib/gateway/usage";
import { startKeyLifecycle, stopKeyLifecycle } from "@/lib/keys/lifecycle";
import { startMaintenance, stopMaintenance } from "@/lib/maintenance";
import { processSingleton } from "@/lib/process-singleton";
import { startRequestLogMaintenance, stopRequestLogMaintenance } from "@/lib/request-log/maintenance";
import { onShutdown } from "@/lib/shutdown";

/** Once per process, whichever copy of this module (server.ts's or Next.js's bundle) asks first. */
export function startServer(): Promise<void> {
  return processSingleton("serverStart", start);
}

async function start(): Promise<void> {
  let prepared: Awaited<ReturnType<typeof prepareDatabase>>;
  try {
    env(); // fail at start, not at the first request, on a bad environment
    trustedProxies();
    ensureDevSecret();
    prepared = await prepareDatabase();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  const { url, embedded } = prepared;
  // In this order at shutdown: write what is buffered, then close connections, then stop PostgreSQL.
  onShutdown("stop key lifecycle sweep", stopKeyLifecycle);
  onShutdown("return leased quota", stopMaintenance);
  onShutdown("flush usage", stopUsageWriter);
  onShutdown("stop request log maintenance", stopRequestLogMaintenance);
  onShutdown("stop revocation listener", stopRevocationListener);
  onShutdown("stop database probe", stopDatabaseBreaker);
  onShutdown("close database pool", closeDb);
  if (embedded?.owned) onShutdown("stop embedded PostgreSQL", embedded.stop);

  startRevocationListener(url);
  startUsageWriter();
  startKeyLifecycle();
  startMaintenance();
  startRequestLogMaintenance();
  console.log(`Gatehouse: database ${describeUrl(url)}${embedded ? ` (embedded, data in ${env().EMBEDDED_PG_DIR})` : ""}`);

  const demoWanted = env().SEED_DEMO || (embedded !== null && env().NODE_ENV !== "production");
  if (demoWanted) {
    const created = await ensureDemoAccount();
    setEnv("GATEHOUSE_DEMO", "1"); // the sign-in page shows the credentials too
    console.log(`Gatehouse: demo account ${created ? "created" : "ready"}: ${DEMO_EMAIL} / ${DEMO_PASSWORD}`);
  }
}
