import type { Metadata } from "next";
import Link from "next/link";
import { NotYet, PageHeader } from "@/components/console/page-header";
import { RequestFilters } from "@/components/transactions/request-filters";
import { RequestTable } from "@/components/transactions/request-table";
import { buttonClass } from "@/components/ui/button";
import { RefreshWhileVisible } from "@/components/ui/refresh-while-visible";
import { listKeyNames } from "@/db/queries/keys";
import { listRequests } from "@/db/queries/requests";
import { requireUser } from "@/lib/auth";
import { env } from "@/lib/env";
import { type RequestFilter, requestFilterSchema } from "@/lib/validation";

export const metadata: Metadata = { title: "Transaction Monitoring" };

function pageHref(filter: RequestFilter, page: number): string {
  const params = new URLSearchParams();
  if (filter.key) params.set("key", filter.key);
  if (filter.status) params.set("status", filter.status);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `/transactions?${query}` : "/transactions";
}

export default async function TransactionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const filter = requestFilterSchema.parse(await searchParams);
  const [keys, { rows, hasMore }] = await Promise.all([
    listKeyNames(user.id),
    listRequests(user.id, { keyId: filter.key, status: filter.status, page: filter.page }),
  ]);
  const filtered = Boolean(filter.key || filter.status);
  return (
    <>
      <PageHeader
        title="Transaction Monitoring"
        intro={`Every request made to the gateway with one of your keys, newest first. New requests appear within a few seconds; entries are kept for ${env().REQUEST_LOG_RETENTION_DAYS} days.`}
      />
      <RefreshWhileVisible />
      <h2 id="requests-heading" className="sr-only">
        Gateway requests
      </h2>
      <RequestFilters keys={keys} filter={filter} />
      {rows.length ? (
        <RequestTable rows={rows} />
      ) : (
        <NotYet>
          {filtered || filter.page > 1
            ? "No requests match these filters."
            : "No gateway requests yet. Call the gateway with one of your keys and they will appear here."}
        </NotYet>
      )}
      <nav aria-label="Pages" className="mt-4 flex items-center justify-between">
        {filter.page > 1 ? (
          <Link className={buttonClass("secondary", "sm")} href={pageHref(filter, filter.page - 1)}>
            ← Newer
          </Link>
        ) : (
          <span />
        )}
        <span className="text-sm text-zinc-600">Page {filter.page}</span>
        {hasMore ? (
          <Link className={buttonClass("secondary", "sm")} href={pageHref(filter, filter.page + 1)}>
            Older →
          </Link>
        ) : (
          <span />
        )}
      </nav>
    </>
  );
}
