// npm run user:create -- --email ada@example.com [--password-stdin]
// For the operator, above all when SIGNUP=closed. Works on DATABASE_URL or the embedded
// database, like the app. Without --password-stdin it prints a one-time password, and the
// account is asked to choose its own at the first sign-in (Settings).
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { closeDb } from "@/db/client";
import { prepareDatabase } from "@/db/prepare";
import { createUser } from "@/db/queries/users";
import { hashPassword, passwordProblem } from "@/lib/passwords";
import { signUpSchema } from "@/lib/validation";

const { values: args } = parseArgs({ options: { email: { type: "string" }, "password-stdin": { type: "boolean", default: false } } });

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

function fail(message: string): never {
  console.error(`user:create: ${message}`);
  process.exit(2);
}

const oneTime = !args["password-stdin"];
// 20 base64url characters: 120 bits, far past the policy's length and any blocklist.
const password = oneTime ? randomBytes(15).toString("base64url") : await readStdin();
const parsed = signUpSchema.safeParse({ email: args.email, password });
if (!args.email) fail("give the account's email: npm run user:create -- --email ada@example.com");
if (!parsed.success) fail(parsed.error.issues.map((i) => i.message).join(" "));
const problem = passwordProblem(parsed.data.password, parsed.data.email);
if (problem) fail(problem);

const { embedded } = await prepareDatabase();
try {
  const user = await createUser(parsed.data.email, await hashPassword(parsed.data.password), { passwordNeedsChange: oneTime });
  if (!user) {
    console.error(`user:create: an account with the email ${parsed.data.email} already exists`);
    process.exitCode = 2;
  } else {
    console.log(`Created ${user.email}.`);
    if (oneTime) console.log(`One-time password (shown once; they choose their own at the first sign-in): ${password}`);
  }
} finally {
  // Stopped here, not by process.exit, so an embedded PostgreSQL this started is not left running.
  await closeDb();
  await embedded?.stop();
}
