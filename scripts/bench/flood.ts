// The flood measurement: a second Gatehouse instance whose database connection runs through
// a statement counter, one trusted proxy (so X-Forwarded-For names the clients), a valid key
// measured from one address alone and then while another address sends forged keys (valid
// checksums, unknown) at full speed. Prints the lookups that reached PostgreSQL and the valid
// key's p99 both ways.
import autocannon from "autocannon";
import { generateKey } from "@/lib/keys/format";
import { startProcess } from "@/scripts/bench/server";
import { startStatementCounter } from "@/tests/helpers/pg-statement-counter";

export async function measureFlood(databaseUrl: string, port: number, key: string, seconds: number, connections: number): Promise<string[]> {
  const counter = await startStatementCounter(databaseUrl);
  const server = await startProcess(["dist/server.js"], port, "/api/health", {
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_URL: counter.url,
    AUTH_SECRET: "bench-flood-secret-bench-flood-secret-0123",
    GATEWAY_TRUSTED_PROXIES: "1",
  });
  try {
    const whoami = `${server.url}/api/gateway/whoami`;
    const honest = { "x-api-key": key, "x-forwarded-for": "203.0.113.9" };
    await autocannon({ url: whoami, connections: 4, duration: 2, headers: honest });
    const alone = await autocannon({ url: whoami, connections: 4, duration: seconds, headers: honest });
    counter.reset();
    const flood = autocannon({
      url: whoami,
      connections,
      duration: seconds,
      requests: [
        {
          setupRequest: (request) => ({ ...request, headers: { ...request.headers, "x-api-key": generateKey().key, "x-forwarded-for": "198.51.100.7" } }),
        },
      ],
    });
    const during = await autocannon({ url: whoami, connections: 4, duration: seconds, headers: honest });
    const flooded = await flood;
    const lookups = counter.count(/"previous_hash" = \$/);
    const verdict = (ok: boolean) => (ok ? "meets the goal" : "MISSES the goal");
    return [
      `flood: ${flooded.requests.total} forged keys in ${seconds} s from one address (${flooded.requests.average.toFixed(0)} req/s); ${lookups} key lookups reached PostgreSQL (goal ≤ 50: ${verdict(lookups <= 50)})`,
      `a valid key from another address: p99 ${alone.latency.p99} ms alone, ${during.latency.p99} ms during the flood (goal ≤ 2×: ${verdict(during.latency.p99 <= 2 * Math.max(1, alone.latency.p99))}); ${during.non2xx} of its ${during.requests.total} answers were not 200`,
    ];
  } finally {
    await server.stop();
    await counter.close();
  }
}
