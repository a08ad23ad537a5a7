// After a key is verified: its rate limit, then its account's monthly quota (lib/limits).
// Only an admitted request moves the key's last-used time. Synchronous for a key without
// limits, or while tokens are held in memory: no Promise on the hot path.
import type { KeyForGateway } from "@/db/queries/keys";
import { nowMs } from "@/lib/gateway/clock";
import { touchKey } from "@/lib/gateway/usage";
import { checkLimits, type LimitCheck, type Limited } from "@/lib/limits/registry";

const ADMITTED: LimitCheck = { outcome: "ok", headers: {} };
// One per cached key object: the limits do not change while it is cached (a change drops it).
const limitedOf = new WeakMap<KeyForGateway, Limited>();

function counted(key: KeyForGateway, check: LimitCheck): LimitCheck {
  if (check.outcome === "ok") touchKey(key.id, nowMs(), key.secret, key.ownerId);
  return check;
}

export function admit(key: KeyForGateway): LimitCheck | Promise<LimitCheck> {
  if (key.rateLimitPerMinute === null && key.monthlyQuota === null) return counted(key, ADMITTED);
  let limited = limitedOf.get(key);
  if (!limited) {
    limited = { keyId: key.id, ownerId: key.ownerId, ratePerMinute: key.rateLimitPerMinute, monthlyQuota: key.monthlyQuota };
    limitedOf.set(key, limited);
  }
  const check = checkLimits(limited);
  return check instanceof Promise ? check.then((c) => counted(key, c)) : counted(key, check);
}
