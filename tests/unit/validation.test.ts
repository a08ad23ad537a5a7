import { describe, expect, it } from "vitest";
import { createKeySchema, requestFilterSchema, setKeyActiveSchema } from "@/lib/validation";

describe("createKeySchema", () => {
  it("trims the name and turns an empty description into null", () => {
    expect(createKeySchema.parse({ name: "  Swaggy M.  ", description: "   " })).toEqual({ name: "Swaggy M.", description: null, expires: "never" });
  });
  it("accepts 64 characters of name and 500 of description, and no more", () => {
    expect(createKeySchema.safeParse({ name: "n".repeat(64), description: "d".repeat(500) }).success).toBe(true);
    const tooLong = createKeySchema.safeParse({ name: "n".repeat(65), description: "d".repeat(501) });
    expect(tooLong.success).toBe(false);
    const messages = tooLong.error?.issues.map((i) => i.message);
    expect(messages).toContain("Key Name must be at most 64 characters.");
    expect(messages).toContain("Key Description must be at most 500 characters.");
  });
  it("refuses a missing, blank or non-text name with a clear message", () => {
    for (const name of [undefined, "", "   ", 42, null]) {
      const result = createKeySchema.safeParse({ name });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0].message).toBe("Key Name is required.");
    }
  });
});

describe("setKeyActiveSchema", () => {
  it("wants a uuid and a boolean target state", () => {
    const id = "3b241101-e2bb-4255-8caf-4136c566a962";
    expect(setKeyActiveSchema.safeParse({ id, active: false }).success).toBe(true);
    expect(setKeyActiveSchema.safeParse({ id, active: "false" }).success).toBe(false);
    expect(setKeyActiveSchema.safeParse({ id: "1", active: true }).success).toBe(false);
    expect(setKeyActiveSchema.safeParse({ active: true }).success).toBe(false);
  });
});

describe("requestFilterSchema", () => {
  it("ignores what it does not understand instead of failing the page", () => {
    expect(requestFilterSchema.parse({ key: "x", status: "9xx", from: "2026-02-30", to: "yesterday", path: "" })).toEqual({
      key: undefined,
      status: undefined,
      from: undefined,
      to: undefined,
      path: undefined,
      after: undefined,
      before: undefined,
    });
    expect(requestFilterSchema.parse({ status: "refused", from: "2026-02-28", path: " orders " })).toMatchObject({
      status: "refused",
      from: "2026-02-28",
      path: "orders",
    });
  });
});
