// The operator's tool as the operator runs it: `npm run plans` in a child process, on the
// test database. Bad input is refused with a message and exit code 2, and changes nothing.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { findPlan, planOf } from "@/db/queries/plans";
import { createTestUser } from "@/tests/helpers/db";

const run = promisify(execFile);

async function plans(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await run("npx", ["tsx", "scripts/plans.ts", ...args], { env: process.env, timeout: 60_000 });
    return { code: 0, out: stdout, err: stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout, err: e.stderr };
  }
}

describe("npm run plans", () => {
  it("lists the plans with their limits", async () => {
    const { code, out } = await plans("list");
    expect(code).toBe(0);
    expect(out).toMatch(/^free\tFree\t\$0\t10,000\t60\/min\t600\/min\t10\tyes$/m);
    expect(out).toMatch(/^internal\tInternal\t\$0\tUnlimited\tNo rate limit\tNo rate limit\tUnlimited\tno$/m);
  });

  it("refuses bad input with a clear message, changing nothing", async () => {
    const before = await findPlan("developer");
    const cases: [string[], RegExp][] = [
      [["set", "developer", "--quota=-5"], /--quota wants a whole number of 1 or more, or unlimited; got "-5"/],
      [["set", "developer", "--quota", "-5"], /Option '--quota' argument is ambiguous/],
      [["set", "developer", "--colour", "blue"], /Unknown option '--colour'/],
      [["set", "developer", "--keys", "many"], /--keys wants a whole number/],
      [["set", "developer", "--rate", "7000"], /the default rate \(7000\) cannot exceed the maximum rate \(6000\)/],
      [["set", "developer", "--self-serve", "maybe"], /--self-serve wants yes or no/],
      [["set", "nosuchplan", "--quota", "5"], /there is no plan "nosuchplan"/],
      [["set", "developer"], /nothing to change/],
      [["assign", "nobody@example.invalid", "developer"], /there is no account with the email/],
      [["frobnicate"], /usage: npm run plans/],
    ];
    for (const [args, message] of cases) {
      const { code, err } = await plans(...args);
      expect(code, args.join(" ")).toBe(2);
      expect(err).toMatch(message);
    }
    expect(await findPlan("developer")).toEqual(before);
  });

  it("moves an account to another plan, as the operator", async () => {
    const user = await createTestUser("plans-script", "free");
    const { code, out } = await plans("assign", user.email.toUpperCase(), "developer");
    expect(code).toBe(0);
    expect(out).toContain(`${user.email}: Free → Developer.`);
    expect((await planOf(user.id)).id).toBe("developer");
    expect((await plans("assign", user.email, "developer")).out).toContain("is already on developer");
  });
});
