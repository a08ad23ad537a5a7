import { describe, expect, it } from "vitest";
import { gatewayTarget, hasDotSegment, isWhoami } from "@/lib/gateway/paths";

describe("which requests are gateway traffic", () => {
  it("takes /api/gateway and everything under it, as sent", () => {
    expect(gatewayTarget("/api/gateway")).toEqual({ path: "/api/gateway", rest: "", search: "" });
    expect(gatewayTarget("/api/gateway?x=1")).toEqual({ path: "/api/gateway", rest: "", search: "?x=1" });
    expect(gatewayTarget("/api/gateway/orders/42%2F7?expand=items")).toEqual({
      path: "/api/gateway/orders/42%2F7",
      rest: "/orders/42%2F7",
      search: "?expand=items",
    });
  });

  it("leaves look-alikes and everything else to Next.js", () => {
    for (const url of ["/api/gatewayz", "/api/gateway-admin/x", "/api/health", "/keys", "//api/gateway/whoami", "/API/gateway/whoami", undefined]) {
      expect(gatewayTarget(url)).toBeNull();
    }
  });

  it("finds dot segments, encoded or not", () => {
    for (const path of [
      "/api/gateway/../keys",
      "/api/gateway/./x",
      "/api/gateway/%2e%2E/keys",
      "/api/gateway/a/..",
      "/api/gateway/.%2e",
      "/api/gateway/..\\keys",
    ]) {
      expect(hasDotSegment(path)).toBe(true);
    }
    for (const path of ["/api/gateway/v1.2/file.json", "/api/gateway/a..b", "/api/gateway/%2Ffoo", "/api/gateway/.well-known/x"]) {
      expect(hasDotSegment(path)).toBe(false);
    }
  });

  it("knows whoami", () => {
    const target = (url: string) => gatewayTarget(url) ?? { path: "", rest: "", search: "" };
    expect(isWhoami("GET", target("/api/gateway/whoami"))).toBe(true);
    expect(isWhoami("GET", target("/api/gateway/whoami/?x=1"))).toBe(true);
    expect(isWhoami("POST", target("/api/gateway/whoami"))).toBe(false);
    expect(isWhoami("GET", target("/api/gateway/whoami/x"))).toBe(false);
  });
});
