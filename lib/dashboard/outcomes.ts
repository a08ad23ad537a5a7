// How each outcome of a gateway request is named and coloured in charts and tables: the
// upstream's status classes, then the gateway's refusals by code (#5–#7).
export type OutcomeStyle = { id: string; label: string; color: string };

const KNOWN: OutcomeStyle[] = [
  { id: "2xx", label: "2xx success", color: "#059669" },
  { id: "3xx", label: "3xx redirect", color: "#0e7490" },
  { id: "4xx", label: "4xx client error", color: "#d97706" },
  { id: "5xx", label: "5xx upstream error", color: "#dc2626" },
  { id: "key_disabled", label: "Refused: key off", color: "#52525b" },
  { id: "key_expired", label: "Refused: expired", color: "#7c3aed" },
  { id: "rate_limited", label: "Refused: rate limited", color: "#ea580c" },
  { id: "quota_exceeded", label: "Refused: quota", color: "#db2777" },
  { id: "unknown_key", label: "Refused: unknown key", color: "#2563eb" },
];
const ORDER = new Map(KNOWN.map((o, i) => [o.id, i]));

export function outcomeStyle(id: string): OutcomeStyle {
  return KNOWN.find((o) => o.id === id) ?? { id, label: `Refused: ${id.replaceAll("_", " ")}`, color: "#71717a" };
}

/** Known outcomes in their fixed order, then any other code alphabetically. */
export function sortOutcomes(ids: Iterable<string>): string[] {
  return [...new Set(ids)].sort((a, b) => (ORDER.get(a) ?? 99) - (ORDER.get(b) ?? 99) || a.localeCompare(b));
}

export const isSuccess = (outcome: string) => outcome === "2xx" || outcome === "3xx";
