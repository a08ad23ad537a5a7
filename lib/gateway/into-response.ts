// An undici dispatch handler that writes the upstream's answer into the caller's node:http
// response as it arrives: the head through `onHead`, the body chunk by chunk, pausing the
// upstream while the caller reads slowly. undici's lower-level dispatch() rather than its
// stream(): no AsyncResource per request (each one costs async_hooks work once Next.js's
// AsyncLocalStorages exist) and no intermediate stream.
import type { IncomingHttpHeaders, ServerResponse } from "node:http";
import type { Dispatcher } from "undici";

export class IntoResponse implements Dispatcher.DispatchHandler {
  private controller?: Dispatcher.DispatchController;
  private callerGone = false;
  private settled = false;

  constructor(
    private readonly res: ServerResponse,
    private readonly onHead: (statusCode: number, headers: IncomingHttpHeaders) => void,
    /** Called once: without an error when the caller's response has finished, with one otherwise. */
    private readonly settle: (error?: Error) => void,
  ) {
    // "close" comes after the response has finished, or when the caller hung up (then the
    // upstream request stops rather than hold a pooled connection): either way, settled.
    res.once("close", () => {
      if (!res.writableFinished) {
        this.callerGone = true;
        this.controller?.abort(new Error("the caller closed the connection"));
      }
      this.done(this.callerGone ? new Error("the caller closed the connection") : undefined);
    });
  }

  private done(error?: Error): void {
    if (this.settled) return;
    this.settled = true;
    this.settle(error);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.callerGone) controller.abort(new Error("the caller closed the connection"));
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number, headers: IncomingHttpHeaders): void {
    if (statusCode >= 200) this.onHead(statusCode, headers); // 1xx are the upstream's and ours to drop
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.res.write(chunk)) return;
    controller.pause();
    this.res.once("drain", () => controller.resume());
  }

  onResponseEnd(): void {
    this.res.end();
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.done(error);
  }
}
