// The Gatehouse server: one process, one port. Gateway traffic (/api/gateway/*) is answered by
// the lane on node:http's own req/res; everything else (console, sign-in, health) goes to
// Next.js through its documented custom-server handler. Next.js's router costs ~10× what
// the lane does per request (README, "Performance"), so gateway requests never enter it.
// `npm run dev` runs this file with tsx (Next.js in dev mode, Turbopack and HMR); `npm run
// build` compiles it to dist/server.js, which `npm start` runs with plain node.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import nextEnv from "@next/env";
import next from "next";
import { env, isProduction } from "@/lib/env";
import { drainGateway } from "@/lib/gateway/drain";
import { closeUpstreamPool } from "@/lib/gateway/forward";
import { handleGatewayRequest } from "@/lib/gateway/lane";
import { gatewayTarget } from "@/lib/gateway/paths";
import { resolveHops, trustedProxies } from "@/lib/gateway/trusted-proxies";
import { startServer } from "@/lib/server-start";
import { onShutdown } from "@/lib/shutdown";

// .env files, loaded as `next start` and `next dev` load them, before anything reads the environment.
nextEnv.loadEnvConfig(process.cwd(), !isProduction(), { info: () => {}, error: console.error });
await startServer(); // environment, database, migrations, revocation listener, usage writer
const { PORT, HOST, SHUTDOWN_GRACE_MS } = env();
const dev = !isProduction();

const server = createServer();
const app = next({ dev, turbopack: dev, hostname: HOST ?? "localhost", port: PORT, httpServer: server });
const handleWithNext = app.getRequestHandler();
await app.prepare();

/**
 * Console requests reach Next.js with X-Forwarded-For rewritten by the same rule as the
 * gateway's (GATEWAY_TRUSTED_PROXIES): the client, as far as trusted hops say, and nothing a
 * caller wrote itself. Sign-in throttling by address (lib/auth-throttle.ts) reads it.
 */
function withTrustedClient(req: IncomingMessage): IncomingMessage {
  req.headers["x-forwarded-for"] = resolveHops(req.socket.remoteAddress, req.headers["x-forwarded-for"], trustedProxies()).client;
  return req;
}

function route(req: IncomingMessage, res: ServerResponse): void {
  const target = gatewayTarget(req.url);
  if (target) handleGatewayRequest(req, res, target);
  else void handleWithNext(withTrustedClient(req), res);
}
server.on("request", route);
// Expect: 100-continue. The lane says "continue" only once it will forward the body, so a
// refused caller (no key, too large) never sends it; Next.js gets the usual immediate one.
server.on("checkContinue", (req: IncomingMessage, res: ServerResponse) => {
  if (!gatewayTarget(req.url)) res.writeContinue();
  route(req, res);
});

onShutdown(
  "drain the gateway",
  async () => {
    const cut = await drainGateway(SHUTDOWN_GRACE_MS);
    if (cut > 0) console.error(`Gatehouse: ${cut} gateway requests still running after SHUTDOWN_GRACE_MS (${SHUTDOWN_GRACE_MS} ms) are cut`);
    server.close();
    server.closeAllConnections();
    await Promise.all([closeUpstreamPool(), app.close()]);
  },
  { first: true },
);

// Next.js keeps the process alive after an uncaught exception: a port we cannot have must stop it.
server.once("error", (error) => {
  console.error(`Gatehouse: cannot listen on ${HOST ?? ""}:${PORT}: ${error.message}`);
  process.exit(1);
});
server.listen(PORT, HOST, () => {
  console.log(`Gatehouse: listening on http://${HOST ?? "localhost"}:${PORT} (${dev ? "development" : "production"})`);
});
