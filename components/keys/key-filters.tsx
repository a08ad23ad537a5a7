import { buttonClass } from "@/components/ui/button";
import type { KeyListFilter } from "@/lib/validation";

const control = "mt-1 block rounded-md border border-zinc-300 bg-white px-3 py-2 text-[15px]";

/** A plain GET form: the filters live in the URL, survive reloads and work without JavaScript. */
export function KeyFilters({ filter, path }: { filter: KeyListFilter; path: string }) {
  return (
    <form method="get" action={path} className="flex flex-wrap items-end gap-3" aria-label="Find keys">
      <div className="min-w-48 flex-1">
        <label htmlFor="key-search" className="text-sm font-semibold">
          Search by name
        </label>
        <input id="key-search" name="q" type="search" defaultValue={filter.q ?? ""} placeholder="e.g. staging" className={`${control} w-full`} />
      </div>
      <div>
        <label htmlFor="key-status" className="text-sm font-semibold">
          Status
        </label>
        <select id="key-status" name="status" defaultValue={filter.status ?? ""} className={control}>
          <option value="">Any status</option>
          <option value="active">Active</option>
          <option value="off">Switched off</option>
          <option value="expired">Expired</option>
        </select>
      </div>
      <div>
        <label htmlFor="key-sort" className="text-sm font-semibold">
          Sort by
        </label>
        <select id="key-sort" name="sort" defaultValue={filter.sort} className={control}>
          <option value="created">Newest first</option>
          <option value="last_used">Last used</option>
        </select>
      </div>
      <button type="submit" className={buttonClass("secondary")}>
        Apply
      </button>
    </form>
  );
}
