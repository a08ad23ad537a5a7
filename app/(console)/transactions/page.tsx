import type { Metadata } from "next";
import { NotYet, PageHeader } from "@/components/console/page-header";
import { RequestFilters } from "@/components/transactions/request-filters";
import { RequestTable } from "@/components/transactions/request-table";
import { Pager } from "@/components/ui/pager";
import { RefreshWhileVisible } from "@/components/ui/refresh-while-visible";
import { listKeyNames } from "@/db/queries/keys";
import { listRequestsPage } from "@/db/queries/requests";
import { requireUser } from "@/lib/auth";
import { env } from "@/lib/env";
import { type RequestFilter, requestFilterSchema } from "@/lib/validation";

export const metadata: Metadata = { title: "Transaction Monitoring" };

function pageHref(filter: RequestFilter, cursor: { after?: string; before?: string }): string {
  const params = new URLSearchParams();
  for (const name of ["key", "status", "from", "to", "path"] as const) {
    const value = filter[name];
    if (value) params.set(name, value);
  }
  if (cursor.after) params.set("after", cursor.after);
  if (cursor.before) params.set("before", cursor.before);
  const query = params.toString();
  return query ? `/transactions?${query}` : "/transactions";
}

export default async function TransactionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const filter = requestFilterSchema.parse(await searchParams);
  const [keys, page] = await Promise.all([listKeyNames(user.id), listRequestsPage(user.id, filter)]);
  const filtered = Boolean(filter.key || filter.status || filter.from || filter.to || filter.path);
  const paged = Boolean(filter.after || filter.before);
  return (
    <>
      <PageHeader
        title="Transaction Monitoring"
        intro={`Every request made to the gateway with one of your keys, newest first. New requests appear within a few seconds; entries are kept for ${env().REQUEST_LOG_RETENTION_DAYS} days.`}
      />
      {/* Only the first page follows new traffic: a later one would shift under the reader. */}
      {paged ? null : <RefreshWhileVisible />}
      <h2 id="requests-heading" className="sr-only">
        Gateway requests
      </h2>
      <RequestFilters keys={keys} filter={filter} />
      {page.rows.length ? (
        <RequestTable rows={page.rows} />
      ) : (
        <NotYet>
          {filtered || paged
            ? "No requests match these filters."
            : "No gateway requests yet. Call the gateway with one of your keys and they will appear here."}
        </NotYet>
      )}
      <Pager
        label="Request pages"
        previous={page.previous}
        next={page.next}
        first={paged && !page.previous ? pageHref(filter, {}) : undefined}
        href={(cursor) => pageHref(filter, cursor)}
      />
    </>
  );
}
