import { CreateKeyDialog } from "@/components/keys/create-key-dialog";
import { KeyTable } from "@/components/keys/key-table";
import { RefreshWhileVisible } from "@/components/ui/refresh-while-visible";
import { listKeys } from "@/db/queries/keys";
import { planOf } from "@/db/queries/plans";

/** The key list with its create button: the same on API Gateway and API Key Generation. */
export async function KeyManager({ ownerId }: { ownerId: string }) {
  const [keys, plan] = await Promise.all([listKeys(ownerId), planOf(ownerId)]);
  const policy = { planName: plan.name, defaultRate: plan.defaultRatePerMinute, maxRate: plan.maxRatePerMinute };
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
      {keys.length ? (
        <KeyTable keys={keys} policy={policy} />
      ) : (
        <div className="flex min-h-56 flex-col items-center justify-center gap-3 rounded-lg border border-dashed border-zinc-300 bg-white p-6 text-center">
          <p className="text-sm text-zinc-500">No API auth keys yet. Create one with the button above.</p>
        </div>
      )}
    </section>
  );
}
