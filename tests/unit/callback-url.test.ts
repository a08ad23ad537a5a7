import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "@/lib/callback-url";

const ORIGIN = "https://console.example.com";

describe("safeCallbackUrl", () => {
  it("keeps the path, query and hash of a same-site address", () => {
    expect(safeCallbackUrl("/keys?x=1#top", ORIGIN)).toBe("/keys?x=1#top");
    expect(safeCallbackUrl("/", ORIGIN)).toBe("/");
    expect(safeCallbackUrl("https://console.example.com/settings?a=b", ORIGIN)).toBe("/settings?a=b");
    expect(safeCallbackUrl("/%2F/evil.example", ORIGIN)).toBe("/%2F/evil.example"); // a path here, not a host
    // With the page's own scheme these are relative references, as browsers read them too.
    expect(safeCallbackUrl("https:evil.example", ORIGIN)).toBe("/evil.example");
    expect(safeCallbackUrl("https:/evil.example", ORIGIN)).toBe("/evil.example");
  });

  it("refuses every form that a browser would take to another site", () => {
    const bad = [
      "https://evil.example",
      "http://console.example.com/keys", // same host, other scheme: another origin
      "//evil.example",
      "/\\evil.example",
      "\\\\evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "\t//evil.example",
      " //evil.example",
      "/.//evil.example",
      "/%09/evil.example".replace("%09", "\t"),
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      "java\tscript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "http://console.example.com@evil.example/",
      "",
      undefined,
      7,
      { toString: () => "/keys" },
    ];
    for (const value of bad) expect([value, safeCallbackUrl(value, ORIGIN)]).toEqual([value, "/gateway"]);
  });
});
