// The benchmark's upstream: a small JSON answer on a keep-alive node:http server.
// Run as its own process: node --import tsx scripts/bench/upstream.ts PORT
import http from "node:http";

const body = Buffer.from(JSON.stringify({ ok: true, service: "bench-upstream", items: [1, 2, 3] }));
const server = http.createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(200, { "content-type": "application/json", "content-length": body.length });
    res.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.argv[2]), "127.0.0.1", () => console.log("ready"));
