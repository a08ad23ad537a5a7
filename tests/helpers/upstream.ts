// A small HTTP service for the gateway to forward to: it echoes what it received.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";

export type Received = { method: string; url: string; headers: http.IncomingHttpHeaders; body: string };
export type Upstream = { url: string; received: Received[]; close(): Promise<void> };

export async function startUpstream(): Promise<Upstream> {
  const received: Received[] = [];
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const entry = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
    received.push(entry);
    const route = entry.url.replace(/^\/base/, ""); // the gateway tests mount the upstream under /base
    if (route.startsWith("/slow")) await new Promise((r) => setTimeout(r, 3_000));
    if (route.startsWith("/gzip")) {
      res.writeHead(200, { "content-type": "text/plain", "content-encoding": "gzip" });
      return res.end(gzipSync("hello, compressed"));
    }
    const status = /^\/status\/(\d{3})/.exec(route)?.[1];
    res.writeHead(status ? Number(status) : 200, {
      "content-type": "application/json",
      "x-upstream": "yes",
      connection: "keep-alive, x-hop",
      "x-hop": "must not reach the client",
    });
    res.end(JSON.stringify({ method: entry.method, url: entry.url, body: entry.body }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
