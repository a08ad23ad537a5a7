import { buttonClass } from "@/components/ui/button";
import type { RequestFilter } from "@/lib/validation";

type KeyOption = { id: string; name: string; deletedAt: Date | null };

const select = "mt-1 block rounded-md border border-zinc-300 bg-white px-3 py-2 text-[15px]";

/** A plain GET form: filters live in the URL, so they survive reloads and work without JavaScript. */
export function RequestFilters({ keys, filter }: { keys: KeyOption[]; filter: RequestFilter }) {
  return (
    <form method="get" className="mb-4 flex flex-wrap items-end gap-3" aria-label="Filter requests">
      <div>
        <label htmlFor="key" className="text-sm font-semibold">
          Key
        </label>
        <select id="key" name="key" defaultValue={filter.key ?? ""} className={select}>
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
        <select id="status" name="status" defaultValue={filter.status ?? ""} className={select}>
          <option value="">Any status</option>
          <option value="2xx">2xx success</option>
          <option value="3xx">3xx redirect</option>
          <option value="4xx">4xx refused or client error</option>
          <option value="5xx">5xx gateway or upstream error</option>
        </select>
      </div>
      <button type="submit" className={buttonClass("secondary")}>
        Apply
      </button>
    </form>
  );
}
