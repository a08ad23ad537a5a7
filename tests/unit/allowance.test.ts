import { describe, expect, it } from "vitest";
import { Allowance, blockFor } from "@/lib/limits/allowance";

/** A shared counter in memory with the lease statement's rule: never past the limit. */
function counter(limit: number) {
  const state = { leased: 0, calls: 0, down: false };
  const lease = async (want: number) => {
    state.calls++;
    if (state.down) throw new Error("database down");
    const granted = Math.min(want, Math.max(0, limit - state.leased));
    state.leased += granted;
    return { granted, leased: state.leased };
  };
  return { state, lease };
}

describe("Allowance", () => {
  it("admits exactly the limit across instances, leasing blocks rather than a token per request", async () => {
    const shared = counter(100);
    const instances = [new Allowance(100, blockFor(100), shared.lease), new Allowance(100, blockFor(100), shared.lease)];
    const results = await Promise.all(Array.from({ length: 400 }, (_, i) => instances[i % 2].take()));
    expect(results.filter((r) => r === "ok")).toHaveLength(100);
    expect(results.filter((r) => r === "limit")).toHaveLength(300);
    expect(shared.state.calls).toBeLessThan(50);
  });

  it("never admits past the limit, and under-admits at most what the instances hold unspent", async () => {
    const shared = counter(100);
    const a = new Allowance(100, 5, shared.lease);
    const b = new Allowance(100, 5, shared.lease);
    for (let i = 0; i < 60; i++) await a.take();
    let admitted = 60;
    for (let i = 0; i < 100; i++) if ((await b.take()) === "ok") admitted++;
    expect(admitted).toBeLessThanOrEqual(100);
    expect(admitted + a.held).toBe(100);
  });

  it("refuses with 'unavailable', quickly and without a lease per request, when the database is away", async () => {
    const shared = counter(1000);
    shared.state.down = true;
    const allowance = new Allowance(1000, 50, shared.lease);
    const results = await Promise.all(Array.from({ length: 100 }, () => allowance.take()));
    expect(new Set(results)).toEqual(new Set(["unavailable"]));
    expect(shared.state.calls).toBe(1);
    shared.state.down = false;
    await new Promise((r) => setTimeout(r, 300));
    expect(await allowance.take()).toBe("ok");
  });

  it("tells what is left and hands back what it holds", async () => {
    const shared = counter(50);
    const allowance = new Allowance(50, 10, shared.lease);
    await allowance.take();
    expect(allowance.remaining).toBe(49);
    const held = allowance.release();
    expect(held).toBeGreaterThanOrEqual(4);
    expect(allowance.held).toBe(0);
  });

  it("grows its blocks for a busy counter, and a new window can start at the size the last one reached", async () => {
    const busy = counter(10_000_000);
    const first = new Allowance(10_000_000, blockFor(10_000_000), busy.lease);
    for (let i = 0; i < 20_000; i++) await first.take();
    expect(first.blockSize).toBeGreaterThan(1_000);
    expect(busy.state.calls).toBeLessThan(20);
    const next = counter(10_000_000);
    const carried = new Allowance(10_000_000, blockFor(10_000_000), next.lease, first.blockSize);
    await carried.take();
    expect(next.state.leased).toBe(first.blockSize);
    expect(new Allowance(100, blockFor(100), next.lease, 1_000_000).blockSize).toBe(5); // never past a twentieth of the limit
  });
});
