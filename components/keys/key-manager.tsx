import { CreateKeyDialog } from "@/components/keys/create-key-dialog";
import { KeyFilters } from "@/components/keys/key-filters";
import { KeyTable } from "@/components/keys/key-table";
import { Pager } from "@/components/ui/pager";
import { RefreshWhileVisible } from "@/components/ui/refresh-while-visible";
import { listKeysPage } from "@/db/queries/key-list";
import { countLiveKeys } from "@/db/queries/keys";
import { planOf } from "@/db/queries/plans";
import type { KeyListFilter } from "@/lib/validation";

function pageHref(path: string, filter: KeyListFilter, cursor: { after?: string; before?: string }): string {
  const params = new URLSearchParams();
  if (filter.q) params.set("q", filter.q);
  if (filter.status) params.set("status", filter.status);
  if (filter.sort !== "created") params.set("sort", filter.sort);
  if (cursor.after) params.set("after", cursor.after);
  if (cursor.before) params.set("before", cursor.before);
  return `${path}?${params}`;
}

/** The key list with its create button: the same on API Gateway and API Key Generation. */
export async function KeyManager({ ownerId, filter, path }: { ownerId: string; filter: KeyListFilter; path: string }) {
  const [page, total, plan] = await Promise.all([listKeysPage(ownerId, filter), countLiveKeys(ownerId), planOf(ownerId)]);
  const policy = { planName: plan.name, defaultRate: plan.defaultRatePerMinute, maxRate: plan.maxRatePerMinute };
  const filtered = Boolean(filter.q || filter.status);
  return (
    <section aria-labelledby="keys-heading" className="space-y-4">
      <RefreshWhileVisible />
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="keys-heading" className="text-lg font-semibold">
            API auth keys
          </h2>
          <p className="text-sm text-zinc-600">Requests to the gateway must present an active key.</p>
        </div>
        {/* Always at this spot in the tree: moving it when the first key appears would unmount the dialog showing that key. */}
        <CreateKeyDialog policy={policy} />
      </div>
      {total > 0 ? <KeyFilters filter={filter} path={path} /> : null}
      {page.keys.length ? (
        <KeyTable keys={page.keys} policy={policy} />
      ) : (
        <div className="flex min-h-56 flex-col items-center justify-center gap-3 rounded-lg border border-dashed border-zinc-300 bg-white p-6 text-center">
          <p className="text-sm text-zinc-500">
            {total === 0 ? "No API auth keys yet. Create one with the button above." : filtered ? "No keys match these filters." : "No more keys."}
          </p>
        </div>
      )}
      <Pager label="Key pages" previous={page.previous} next={page.next} href={(cursor) => pageHref(path, filter, cursor)} />
    </section>
  );
}
