// axe-core on the page as it is now; only "serious" and "critical" findings count.
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";

const BLOCKING = new Set(["serious", "critical"]);

/** One readable paragraph per blocking violation, each node with its selector and axe's summary. */
export async function axeProblems(page: Page, state: string): Promise<string[]> {
  // Buttons that need script are disabled (greyed) until the page runs it, and fade to their
  // colours: judge contrast once the page is ready and the fade is over.
  await page.locator("html[data-scripted]").waitFor({ state: "attached" });
  await page.waitForTimeout(200);
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => BLOCKING.has(v.impact ?? ""))
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map((n) => `    - ${n.target.join(" ")}\n      ${n.failureSummary?.replace(/\n\s*/g, " ") ?? ""}`)
        .join("\n");
      const more = v.nodes.length > 5 ? `\n    … and ${v.nodes.length - 5} more` : "";
      return `[${state}] ${v.impact} ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}${more}`;
    });
}
