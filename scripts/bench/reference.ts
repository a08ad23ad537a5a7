// The limit Gatehouse is measured against: a bare node:http server doing the same work with
// nothing else. GET /whoami: header → SHA-256 → Map → JSON. Anything else: forwarded to the
// upstream through a keep-alive http.Agent, piped both ways.
// Run as its own process: node --import tsx scripts/bench/reference.ts PORT UPSTREAM_PORT KEY
import { createHash } from "node:crypto";
import http from "node:http";

const [port, upstreamPort, key] = process.argv.slice(2);
const keys = new Map([[createHash("sha256").update(key).digest("hex"), { id: "bench", name: "bench", active: true }]]);
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

const server = http.createServer((req, res) => {
  const presented = req.headers["x-api-key"];
  const found = typeof presented === "string" ? keys.get(createHash("sha256").update(presented).digest("hex")) : undefined;
  if (!found) {
    res.writeHead(401, { "content-type": "application/json" });
    return res.end('{"error":"unknown_key"}');
  }
  if (req.url === "/whoami") {
    const body = JSON.stringify({ key: { ...found, last_used_at: new Date() } });
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    return res.end(body);
  }
  const upstream = http.request({ host: "127.0.0.1", port: Number(upstreamPort), path: req.url, method: req.method, headers: req.headers, agent }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on("error", () => res.destroy());
  req.pipe(upstream);
});
server.keepAliveTimeout = 60_000;
server.listen(Number(port), "127.0.0.1", () => console.log("ready"));
