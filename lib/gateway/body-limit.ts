// GATEWAY_MAX_BODY_BYTES: a larger body is refused without being read whole. A declared length
// is checked before a byte is read; a chunked body is counted as it streams upstream.
import type { IncomingMessage } from "node:http";
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

/** A body is on its way that nobody has read: answering without it should close the connection. */
export function bodyUnread(req: IncomingMessage): boolean {
  if (req.complete) return false;
  const declared = req.headers["content-length"];
  return req.headers["transfer-encoding"] !== undefined || (declared !== undefined && declared !== "0");
}
