// npm run plans -- list
// npm run plans -- set <plan> [--name N] [--price-cents N] [--quota N|unlimited] [--rate N|unlimited]
//                             [--max-rate N|unlimited] [--keys N|unlimited] [--self-serve yes|no]
// npm run plans -- assign <email> <plan>
// The operator's tool, on the app's database (DATABASE_URL or the embedded one). Running
// instances pick a change up within a second (a trigger NOTIFYs them).
import { parseArgs } from "node:util";
import { closeDb } from "@/db/client";
import { prepareDatabase } from "@/db/prepare";
import { findPlan, listPlans, type PlanEdit, switchPlan, updatePlan } from "@/db/queries/plans";
import { findUserByEmail } from "@/db/queries/users";
import { formatCount, formatPrice, formatRate } from "@/lib/plans/format";
import { PlanInputError, parsePlanEdit } from "@/lib/plans/operator-input";

// parseArgs throws on an unknown flag or a value that looks like one (--quota -5): said in one
// line with the usage, like every other refusal, rather than as a stack trace.
function parseCommandLine() {
  try {
    return parseCommandLineOrThrow();
  } catch (error) {
    console.error(`plans: ${(error as Error).message.replaceAll("\n", " ")} (usage: npm run plans -- list | set <plan> … | assign <email> <plan>)`);
    process.exit(2);
  }
}

const parseCommandLineOrThrow = () =>
  parseArgs({
    allowPositionals: true,
    options: {
      name: { type: "string" },
      "price-cents": { type: "string" },
      quota: { type: "string" },
      rate: { type: "string" },
      "max-rate": { type: "string" },
      keys: { type: "string" },
      "self-serve": { type: "string" },
    },
  });
const { positionals, values } = parseCommandLine();
const [command, ...rest] = positionals;

class UsageError extends Error {}
const isUsageError = (error: unknown) => error instanceof UsageError || error instanceof PlanInputError;

async function run(): Promise<string> {
  if (command === "list") {
    const rows = (await listPlans()).map((p) =>
      [
        p.id,
        p.name,
        formatPrice(p),
        formatCount(p.monthlyQuota),
        formatRate(p.defaultRatePerMinute),
        formatRate(p.maxRatePerMinute),
        formatCount(p.maxKeys),
        p.selfServe ? "yes" : "no",
      ].join("\t"),
    );
    return ["id\tname\tprice\tquota/month\tdefault rate\tmax rate\tkeys\tself-serve", ...rows].join("\n");
  }
  if (command === "set") {
    const [id] = rest;
    if (!id || rest.length !== 1) throw new UsageError("set takes one plan id, e.g. npm run plans -- set free --quota 20000");
    const current = await findPlan(id);
    if (!current) throw new UsageError(`there is no plan "${id}" (see npm run plans -- list)`);
    const edit: PlanEdit = parsePlanEdit(values, current);
    if (Object.keys(edit).length === 0)
      throw new UsageError("nothing to change: give at least one of --name --price-cents --quota --rate --max-rate --keys --self-serve");
    const plan = await updatePlan(id, edit);
    return `Updated ${plan?.name}: ${Object.keys(edit).join(", ")}.`;
  }
  if (command === "assign") {
    const [email, planId] = rest;
    if (!email || !planId || rest.length !== 2)
      throw new UsageError("assign takes an email and a plan id, e.g. npm run plans -- assign ada@example.com developer");
    const user = await findUserByEmail(email.trim().toLowerCase());
    if (!user) throw new UsageError(`there is no account with the email ${email}`);
    if (!(await findPlan(planId))) throw new UsageError(`there is no plan "${planId}" (see npm run plans -- list)`);
    const result = await switchPlan(planId, { ownerId: user.id, actor: "operator", ip: null, userAgent: "npm run plans" });
    if (!result) return `${user.email} is already on ${planId}.`;
    return `${user.email}: ${result.from.name} → ${result.to.name}${result.loweredKeys ? `; ${result.loweredKeys} key rate limit(s) lowered to ${formatRate(result.to.maxRatePerMinute)}` : ""}.`;
  }
  throw new UsageError("usage: npm run plans -- list | set <plan> --quota … --rate … --max-rate … --keys … | assign <email> <plan>");
}

const { embedded } = await prepareDatabase();
try {
  console.log(await run());
} catch (error) {
  console.error(`plans: ${(error as Error).message}`);
  process.exitCode = isUsageError(error) ? 2 : 1;
} finally {
  await closeDb();
  await embedded?.stop();
}
