// What a failed upstream call tells the caller: the undici error, as a code from refusals.ts.
import type { RefusalCode } from "@/lib/gateway/refusals";
import { logThrottled } from "@/lib/throttled-log";

const TIMEOUTS = new Set(["UND_ERR_HEADERS_TIMEOUT", "UND_ERR_CONNECT_TIMEOUT"]);
const UNREADABLE = new Set(["UND_ERR_HEADERS_OVERFLOW", "UND_ERR_INFO", "UND_ERR_RES_CONTENT_LENGTH_MISMATCH"]);

export function upstreamFailure(error: unknown): RefusalCode {
  const code = String((error as { code?: unknown })?.code ?? "");
  // Only the code and the message: an error object could carry request headers, the key's among them.
  logThrottled(`upstream ${code}`, `upstream request failed: ${code || "error"} ${(error as Error)?.message ?? ""}`.trim());
  if (TIMEOUTS.has(code)) return "upstream_timeout";
  if (UNREADABLE.has(code) || code.startsWith("HPE_")) return "upstream_invalid";
  return "upstream_unreachable";
}
