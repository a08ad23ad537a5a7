// A TCP relay between the app's connection pool and PostgreSQL that can hold PostgreSQL's
// answers in transit: a real query on a real database, answered late. Used to slow a key
// lookup down without replacing any code.
import net from "node:net";

// pass: bytes flow. armed: messages flow until the first row of a result (a DataRow, "D"),
// which is held with everything after it. holding: everything is held until release().
type Link = { client: net.Socket; server: net.Socket; state: "pass" | "armed" | "holding"; pending: Buffer; held: Buffer[] };

export type PgRelay = {
  /** The database URL with the relay in place of the server's host and port. */
  url: string;
  /** On the connections open now, holds the next result rows PostgreSQL sends, and all after them. */
  holdNextRows(): void;
  /** True once rows are held: the query has run, its answer has not arrived. */
  holding(): boolean;
  release(): void;
  close(): Promise<void>;
};

/** Backend messages are a type byte and a 4-byte length that counts itself. */
function onServerData(link: Link, chunk: Buffer): void {
  if (link.state === "pass") return void link.client.write(chunk);
  if (link.state === "holding") return void link.held.push(chunk);
  let data = Buffer.concat([link.pending, chunk]);
  let offset = 0;
  while (data.length - offset >= 5) {
    const size = 1 + data.readInt32BE(offset + 1);
    if (data.length - offset < size) break;
    if (data[offset] === 0x44 /* D */) {
      link.client.write(data.subarray(0, offset));
      link.state = "holding";
      link.held.push(data.subarray(offset));
      link.pending = Buffer.alloc(0);
      return;
    }
    offset += size;
  }
  link.client.write(data.subarray(0, offset));
  data = data.subarray(offset);
  link.pending = data;
}

export async function startPgRelay(databaseUrl: string): Promise<PgRelay> {
  const target = new URL(databaseUrl);
  const links = new Set<Link>();
  const relay = net.createServer((client) => {
    const server = net.connect(Number(target.port || 5432), target.hostname);
    const link: Link = { client, server, state: "pass", pending: Buffer.alloc(0), held: [] };
    links.add(link);
    client.pipe(server);
    server.on("data", (chunk: Buffer) => onServerData(link, chunk));
    const end = () => {
      links.delete(link);
      client.destroy();
      server.destroy();
    };
    client.on("close", end).on("error", end);
    server.on("close", end).on("error", end);
  });
  return {
    url: await listenAsDatabase(relay, databaseUrl),
    holdNextRows: () => {
      for (const link of links) link.state = "armed";
    },
    holding: () => [...links].some((l) => l.state === "holding"),
    release: () => {
      for (const link of links) {
        link.client.write(Buffer.concat([link.pending, ...link.held]));
        Object.assign(link, { state: "pass", pending: Buffer.alloc(0), held: [] });
      }
    },
    close: () =>
      new Promise((resolve) => {
        for (const link of links) link.client.destroy();
        relay.close(() => resolve());
      }),
  };
}

/** Starts a relay on a free local port; the database URL that goes through it. */
export async function listenAsDatabase(relay: net.Server, databaseUrl: string): Promise<string> {
  await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
  const url = new URL(databaseUrl);
  url.hostname = "127.0.0.1";
  url.port = String((relay.address() as net.AddressInfo).port);
  return url.toString();
}
