import { buttonClass } from "@/components/ui/button";
import type { RequestFilter } from "@/lib/validation";

type KeyOption = { id: string; name: string; deletedAt: Date | null };

const control = "mt-1 block rounded-md border border-zinc-300 bg-white px-3 py-2 text-[15px]";

/** Where the filtered rows download as CSV: the same query string, without the page cursor. */
export function exportHref(filter: RequestFilter): string {
  const params = new URLSearchParams();
  for (const name of ["key", "status", "from", "to", "path"] as const) {
    const value = filter[name];
    if (value) params.set(name, value);
  }
  const query = params.toString();
  return query ? `/transactions/export?${query}` : "/transactions/export";
}

/** A plain GET form: filters live in the URL, so they survive reloads and work without JavaScript. */
export function RequestFilters({ keys, filter }: { keys: KeyOption[]; filter: RequestFilter }) {
  return (
    <form method="get" action="/transactions" className="mb-4 flex flex-wrap items-end gap-3" aria-label="Filter requests">
      <div>
        <label htmlFor="key" className="text-sm font-semibold">
          Key
        </label>
        <select id="key" name="key" defaultValue={filter.key ?? ""} className={control}>
          <option value="">All keys</option>
          {keys.map((k) => (
            <option key={k.id} value={k.id}>
              {k.name}
              {k.deletedAt ? " (deleted)" : ""}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="status" className="text-sm font-semibold">
          Status
        </label>
        <select id="status" name="status" defaultValue={filter.status ?? ""} className={control}>
          <option value="">Any status</option>
          <option value="2xx">2xx success</option>
          <option value="3xx">3xx redirect</option>
          <option value="4xx">4xx refused or client error</option>
          <option value="5xx">5xx gateway or upstream error</option>
          <option value="refused">Refused by the gateway</option>
        </select>
      </div>
      <div>
        <label htmlFor="from" className="text-sm font-semibold">
          From (UTC)
        </label>
        <input id="from" name="from" type="date" defaultValue={filter.from ?? ""} className={control} />
      </div>
      <div>
        <label htmlFor="to" className="text-sm font-semibold">
          To (UTC)
        </label>
        <input id="to" name="to" type="date" defaultValue={filter.to ?? ""} className={control} />
      </div>
      <div className="min-w-48 flex-1">
        <label htmlFor="path" className="text-sm font-semibold">
          Path starts with
        </label>
        <input id="path" name="path" type="search" defaultValue={filter.path ?? ""} placeholder="/api/gateway/orders" className={`${control} w-full`} />
      </div>
      <button type="submit" className={buttonClass("secondary")}>
        Apply
      </button>
      <a href={exportHref(filter)} className={buttonClass("secondary")} download>
        Export CSV
      </a>
    </form>
  );
}
