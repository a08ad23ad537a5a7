// GATEWAY_MAX_BODY_BYTES: a larger body is refused without being read whole. A declared length
// is checked before a byte is read; a chunked body is counted as it streams upstream.
import type { IncomingMessage, ServerResponse } from "node:http";
import { type Readable, Transform, type TransformCallback } from "node:stream";

export class BodyTooLarge extends Error {
  constructor(max: number) {
    super(`request body over ${max} bytes`);
  }
}

class ByteLimit extends Transform {
  private seen = 0;
  constructor(private readonly max: number) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.max) done(new BodyTooLarge(this.max));
    else done(null, chunk);
  }
}

export function declaredTooLarge(req: IncomingMessage, max: number): boolean {
  const declared = req.headers["content-length"];
  return declared !== undefined && Number(declared) > max;
}

/** The body to send upstream, or null when there is none. Node's parser holds a declared length to its word. */
export function limitedBody(req: IncomingMessage, max: number): Readable | null {
  if (req.headers["transfer-encoding"] !== undefined) return req.pipe(new ByteLimit(max));
  const declared = req.headers["content-length"];
  return declared !== undefined && declared !== "0" ? req : null;
}

// How long a refused upload may go on arriving (and be thrown away) after our answer.
const LINGER_MS = 2_000;
// Responses that told their caller "100 Continue": that caller is sending its body.
const continued = new WeakSet<ServerResponse>();

/** Expect: 100-continue is answered only once the body will be forwarded. */
export function continueIfExpected(req: IncomingMessage, res: ServerResponse): void {
  if (req.headers.expect?.toLowerCase() !== "100-continue") return;
  res.writeContinue();
  continued.add(res);
}

/**
 * Answering before reading a body: what still arrives is read and thrown away (no memory
 * kept), so the caller's upload does not run into a reset before it has read our answer;
 * past LINGER_MS the connection is cut. A caller waiting for 100 Continue sends nothing,
 * and Node.js closes that connection itself.
 */
export function discardUnreadBody(req: IncomingMessage, res: ServerResponse): void {
  const declared = req.headers["content-length"];
  const hasBody = req.headers["transfer-encoding"] !== undefined || (declared !== undefined && declared !== "0");
  if (req.complete || !hasBody || (req.headers.expect !== undefined && !continued.has(res))) return;
  req.unpipe();
  req.resume();
  res.once("finish", () => {
    if (req.complete) return;
    const timer = setTimeout(() => req.socket.destroy(), LINGER_MS);
    timer.unref();
    req.once("end", () => clearTimeout(timer));
  });
}
