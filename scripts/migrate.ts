// npm run db:migrate: applies db/migrations to DATABASE_URL, or to the embedded database.
import { describeUrl } from "@/db/client";
import { prepareDatabase } from "@/db/prepare";

const { url, embedded } = await prepareDatabase();
console.log(`Migrations applied to ${describeUrl(url)}${embedded ? " (embedded)" : ""}`);
await embedded?.stop();
