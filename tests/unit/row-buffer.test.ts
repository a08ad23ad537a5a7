import { describe, expect, it } from "vitest";
import type { RequestRow } from "@/db/queries/usage";
import { RowBuffer, rowOf } from "@/lib/request-log/row-buffer";

const row = (i: number, over: Partial<RequestRow> = {}): RequestRow => ({
  ownerId: "00000000-0000-4000-8000-00000000000a",
  keyId: `00000000-0000-4000-8000-00000000000${i % 3}`,
  method: "GET",
  path: `/orders/${i}`,
  status: 200,
  latencyMs: i,
  clientIp: "203.0.113.9",
  refusal: null,
  userAgent: "curl/8",
  secretStart: "gtw_live_AbC1",
  createdAt: new Date(1_790_000_000_000 + i),
  ...over,
});

const rowsOf = (buffer: RowBuffer) => {
  const batch = buffer.take();
  return Array.from({ length: batch.size }, (_, i) => rowOf(batch, i));
};

describe("the request log's row buffer", () => {
  it("gives back every row as it was added, past its first capacity", () => {
    const buffer = new RowBuffer(4);
    const added = Array.from({ length: 37 }, (_, i) => row(i, i % 5 === 0 ? { refusal: "rate_limited", status: 429, userAgent: null, clientIp: null } : {}));
    for (const r of added) buffer.add(r);
    expect(buffer.size).toBe(37);
    expect(rowsOf(buffer)).toEqual(
      added.map((r) => ({ ...r, secretStart: r.secretStart ?? null, refusal: r.refusal ?? null, userAgent: r.userAgent ?? null })),
    );
    expect(buffer.size).toBe(0);
  });

  it("keeps each distinct text once, null at index 0", () => {
    const buffer = new RowBuffer();
    for (let i = 0; i < 100; i++) buffer.add(row(i % 10, { secretStart: undefined }));
    const batch = buffer.take();
    expect(batch.texts.key).toEqual([null, expect.any(String), expect.any(String), expect.any(String)]);
    expect(batch.texts.path).toHaveLength(11);
    expect(batch.texts.secret).toEqual([null]);
    expect(new Set(batch.numbers.secret)).toEqual(new Set([0]));
  });

  it("puts a batch back in front of the rows that came since", () => {
    const buffer = new RowBuffer(2);
    buffer.add(row(1));
    buffer.add(row(2));
    const failed = buffer.take();
    buffer.add(row(3));
    buffer.restore(failed);
    expect(rowsOf(buffer).map((r) => r.latencyMs)).toEqual([1, 2, 3]);
  });

  it("drops the oldest rows past a bound", () => {
    const buffer = new RowBuffer(8);
    for (let i = 0; i < 10; i++) buffer.add(row(i));
    expect(buffer.keepNewest(4)).toBe(6);
    expect(buffer.keepNewest(4)).toBe(0);
    expect(rowsOf(buffer).map((r) => r.path)).toEqual(["/orders/6", "/orders/7", "/orders/8", "/orders/9"]);
  });

  it("cuts a user agent at 256 characters", () => {
    const buffer = new RowBuffer();
    buffer.add(row(1, { userAgent: "x".repeat(300) }));
    expect(rowsOf(buffer)[0].userAgent).toHaveLength(256);
  });
});
