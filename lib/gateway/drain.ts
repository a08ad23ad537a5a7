// Shutdown's first step for the lane: new gateway requests get 503 while those in flight finish.
import { processSingleton } from "@/lib/process-singleton";

type Drain = { draining: boolean; inFlight: number; onIdle?: () => void };

const drain = () => processSingleton<Drain>("gatewayDrain", () => ({ draining: false, inFlight: 0 }));

export function isDraining(): boolean {
  return drain().draining;
}

/** Around a gateway request, from its first await to its answer's end (a counter: no listener per request). */
export function enterGateway(): void {
  drain().inFlight++;
}

export function leaveGateway(): void {
  const d = drain();
  if (--d.inFlight === 0) d.onIdle?.();
}

/** Stops taking gateway requests; resolves when none is in flight or after graceMs, with how many are left. */
export async function drainGateway(graceMs: number): Promise<number> {
  const d = drain();
  d.draining = true;
  if (d.inFlight > 0) {
    await new Promise<void>((resolve) => {
      d.onIdle = resolve;
      setTimeout(resolve, graceMs).unref();
    });
  }
  return d.inFlight;
}
