// A TCP relay in front of PostgreSQL that counts the statements the app runs, by their text:
// it reads the frontend protocol (Parse names a statement and carries its SQL; each Bind runs
// one; a simple Query carries its SQL itself). Counting on the wire needs no extension
// (pg_stat_statements) and no change to the app.
import net from "node:net";
import { listenAsDatabase } from "@/tests/helpers/pg-relay";

export type StatementCounter = { url: string; count(pattern: RegExp): number; reset(): void; close(): Promise<void> };

const cstring = (data: Buffer, at: number) => {
  const end = data.indexOf(0, at);
  return { text: data.toString("utf8", at, end), next: end + 1 };
};

export async function startStatementCounter(databaseUrl: string): Promise<StatementCounter> {
  const target = new URL(databaseUrl);
  let executed: string[] = [];
  const sockets = new Set<net.Socket>();
  const relay = net.createServer((client) => {
    const server = net.connect(Number(target.port || 5432), target.hostname);
    sockets.add(client).add(server);
    const statements = new Map<string, string>(); // prepared statement name → SQL, per connection
    let pending = Buffer.alloc(0);
    let started = false; // the startup message has no type byte
    client.on("data", (chunk: Buffer) => {
      server.write(chunk);
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        if (!started) {
          if (pending.length < 4 || pending.length < pending.readInt32BE(0)) break;
          pending = pending.subarray(pending.readInt32BE(0));
          started = true;
          continue;
        }
        if (pending.length < 5 || pending.length < 1 + pending.readInt32BE(1)) break;
        const type = String.fromCharCode(pending[0]);
        const body = pending.subarray(5, 1 + pending.readInt32BE(1));
        if (type === "P") {
          const name = cstring(body, 0);
          statements.set(name.text, cstring(body, name.next).text);
        } else if (type === "B") {
          const portal = cstring(body, 0);
          executed.push(statements.get(cstring(body, portal.next).text) ?? "");
        } else if (type === "Q") executed.push(cstring(body, 0).text);
        pending = pending.subarray(1 + pending.readInt32BE(1));
      }
    });
    server.pipe(client);
    const end = () => {
      client.destroy();
      server.destroy();
    };
    client.on("close", end).on("error", end);
    server.on("close", end).on("error", end);
  });
  return {
    url: await listenAsDatabase(relay, databaseUrl),
    count: (pattern) => executed.filter((sql) => pattern.test(sql)).length,
    reset: () => {
      executed = [];
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        relay.close(() => resolve());
      }),
  };
}
