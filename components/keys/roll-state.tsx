import { LocalTime } from "@/components/ui/local-time";
import type { KeyDetailsView } from "@/db/queries/keys";
import { maskKey } from "@/lib/keys/format";

/**
 * Where a rolled key's grace stands: "old secret last used 3 min ago — grace ends when it
 * goes quiet, or at 14:05". The quiet rule needs the new secret in use first.
 */
export function RollState({ rollKey: key }: { rollKey: KeyDetailsView }) {
  if (!key.rolledAt) return <>Never rolled</>;
  const rolled = (
    <>
      Rolled <LocalTime iso={key.rolledAt.toISOString()} mode="relative" />.
    </>
  );
  if (!key.graceUntil || !key.previousStart) return <>{rolled} Only the current secret works.</>;
  const old = <code className="font-mono text-sm">{maskKey(key.previousStart)}</code>;
  const deadline = <LocalTime iso={key.graceUntil.toISOString()} mode="exact" />;
  const lastOld = key.previousUsedAt ? (
    <>
      last used <LocalTime iso={key.previousUsedAt.toISOString()} mode="relative" />
    </>
  ) : (
    <>not used since the roll</>
  );
  return (
    <p>
      {rolled} Old secret {old} {lastOld} —{" "}
      {key.currentUsedAt ? (
        <>grace ends when it goes quiet for 15 minutes, or at {deadline}.</>
      ) : (
        <>works until {deadline}, or 15 quiet minutes after the new secret is first used.</>
      )}
    </p>
  );
}
