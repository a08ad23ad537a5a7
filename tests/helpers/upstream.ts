// A small HTTP service for the gateway to forward to: it echoes what it received, and on
// some paths misbehaves the ways real upstreams do (never answers, cuts a body, stalls,
// sends headers meant to steer whoever reads them).
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { gzipSync } from "node:zlib";

/** `complete`: false when the body was cut off (the gateway refused the rest of an upload). */
export type Received = { method: string; url: string; headers: http.IncomingHttpHeaders; body: string; bytes: number; complete: boolean };
export type Upstream = { url: string; received: Received[]; close(): Promise<void> };

/** What /hostile/<kind> answers with: each of these must be dropped or passed on harmlessly. */
export function hostileHeaders(kind: string, internalUrl: string): http.OutgoingHttpHeaders {
  switch (kind) {
    case "rewrite":
      return { "x-middleware-rewrite": internalUrl };
    case "next":
      return { "x-middleware-next": "1" };
    case "middleware-set-cookie":
      return { "x-middleware-set-cookie": "authjs.session-token=evil; Path=/" };
    case "set-cookie":
      return { "set-cookie": ["authjs.session-token=evil; Path=/", "other=1"] };
    case "location":
      return { location: internalUrl };
    case "64k-headers":
      // 64 headers of 1 KiB: four times what an HTTP parser accepts by default.
      return Object.fromEntries(Array.from({ length: 64 }, (_, i) => [`x-filler-${i}`, "f".repeat(1024)]));
    default:
      return {};
  }
}

const ECHO_HEADERS = { "content-type": "application/json", "x-upstream": "yes", connection: "keep-alive, x-hop", "x-hop": "must not reach the client" };

async function answer(req: http.IncomingMessage, res: http.ServerResponse, entry: Received, internalUrl: string): Promise<void> {
  const route = entry.url.replace(/^\/base/, ""); // the gateway tests mount the upstream under /base
  if (route.startsWith("/hang")) return; // never answers; the socket stays open
  if (route.startsWith("/slow")) await new Promise((r) => setTimeout(r, 3_000));
  const delay = /^\/delay\/(\d+)/.exec(route)?.[1];
  if (delay) await new Promise((r) => setTimeout(r, Number(delay)));
  if (route.startsWith("/gzip")) {
    res.writeHead(200, { "content-type": "text/plain", "content-encoding": "gzip" });
    return void res.end(gzipSync("hello, compressed"));
  }
  if (route.startsWith("/cut") || route.startsWith("/stall")) {
    // Promises 100,000 bytes, sends 10, then hangs up (/cut) or goes quiet (/stall).
    res.writeHead(200, { "content-type": "text/plain", "content-length": "100000" });
    res.write("0123456789");
    if (route.startsWith("/cut")) setTimeout(() => req.socket.destroy(), 50);
    return;
  }
  const hostile = /^\/hostile\/([\w-]+)/.exec(route)?.[1];
  if (hostile) {
    res.writeHead(hostile === "location" ? 302 : 200, { "content-type": "text/plain", ...hostileHeaders(hostile, internalUrl) });
    return void res.end(`upstream body for ${hostile}`);
  }
  const status = /^\/status\/(\d{3})/.exec(route)?.[1];
  res.writeHead(status ? Number(status) : 200, ECHO_HEADERS);
  res.end(JSON.stringify({ method: entry.method, url: entry.url, body: entry.body.length > 1024 ? `${entry.body.length} bytes` : entry.body }));
}

/** `internalUrl`: what the hostile answers point at (a server the gateway must never fetch). */
export async function startUpstream(options: { internalUrl?: string } = {}): Promise<Upstream> {
  const received: Received[] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    let complete = true;
    try {
      for await (const chunk of req) {
        bytes += (chunk as Buffer).length;
        if (bytes <= 20 * 1024 * 1024) chunks.push(chunk as Buffer);
      }
    } catch {
      complete = false;
    }
    const entry = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), bytes, complete };
    received.push(entry);
    if (complete) await answer(req, res, entry, options.internalUrl ?? "http://127.0.0.1:9/internal");
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
