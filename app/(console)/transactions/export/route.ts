// GET /transactions/export?<Transaction Monitoring's filters>: the owner's matching requests
// as CSV, streamed as PostgreSQL hands them over (the response is never held whole). The
// proxy redirects signed-out visitors; this checks the session itself all the same.
import { describeDbError } from "@/db/queries/errors";
import { EXPORT_COLUMNS, exportRequests } from "@/db/queries/request-export";
import { currentUser } from "@/lib/auth";
import { csvRecord } from "@/lib/csv";
import { requestFilterSchema } from "@/lib/validation";

export async function GET(request: Request): Promise<Response> {
  const user = await currentUser();
  if (!user) return new Response("Sign in to export your requests.\n", { status: 401, headers: { "content-type": "text/plain; charset=utf-8" } });
  const { after: _, before: __, ...filter } = requestFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const batches = exportRequests(user.id, filter)[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  let started = false;
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(csvRecord(EXPORT_COLUMNS)));
          return;
        }
        try {
          const { value, done } = await batches.next();
          if (done) return controller.close();
          controller.enqueue(encoder.encode(value.map((row) => csvRecord(EXPORT_COLUMNS.map((c) => row[c]))).join("")));
        } catch (error) {
          console.error(`Gatehouse: request export failed: ${describeDbError(error)}`);
          controller.error(error);
        }
      },
      async cancel() {
        await batches.return?.();
      },
    },
    { highWaterMark: 1 },
  );
  const day = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8; header=present",
      "content-disposition": `attachment; filename="gatehouse-requests-${day}.csv"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
