// The lifecycle sweep's two statements (lib/keys/lifecycle.ts runs them every second on every
// instance): each picks its rows with SKIP LOCKED and writes their audit entries in the same
// statement, so however many instances sweep, every event is recorded once.
import { sqlClient } from "@/db/client";

/**
 * Is anything due? An index-only look, so an idle sweep issues no UPDATE at all (an UPDATE
 * statement costs a transaction and fires statement triggers even when it changes no row).
 */
export async function lifecycleDue(quietMs: number): Promise<{ graces: boolean; expiries: boolean }> {
  const [row] = await sqlClient()`
    select
      exists (select 1 from api_keys where previous_hash is not null
              and (grace_until <= now() or (current_used_at is not null
                   and coalesce(previous_used_at, rolled_at) <= now() - make_interval(secs => ${quietMs / 1000})))) as graces,
      exists (select 1 from api_keys where expires_at <= now() and expiry_noted_at is null and deleted_at is null) as expiries`;
  return { graces: Boolean(row.graces), expiries: Boolean(row.expiries) };
}

/** Ends graces at their deadline, or early once the new secret is in use and the old one has been quiet for `quietMs`. */
export async function endGraces(quietMs: number): Promise<number> {
  const rows = await sqlClient()`
    with due as (
      select id, owner_id, previous_start,
             case when grace_until <= now() then 'deadline' else 'quiet' end as reason
      from api_keys
      where previous_hash is not null
        and (grace_until <= now()
             or (current_used_at is not null and coalesce(previous_used_at, rolled_at) <= now() - make_interval(secs => ${quietMs / 1000})))
      for update skip locked
    ), ended as (
      update api_keys k set previous_hash = null, previous_start = null, grace_until = null
      from due where k.id = due.id
      returning due.*
    )
    insert into audit_log (owner_id, key_id, action, actor, changes)
    select owner_id, id, 'key.grace_ended', 'gatehouse', jsonb_build_object('reason', reason, 'secret', previous_start)
    from ended
    returning key_id`;
  return rows.length;
}

/** Records, once, each key that has passed its expiry (the gateway refuses it by itself). */
export async function noteExpiries(): Promise<number> {
  const rows = await sqlClient()`
    with due as (
      select id, owner_id, expires_at from api_keys
      where expires_at <= now() and expiry_noted_at is null and deleted_at is null
      for update skip locked
    ), noted as (
      update api_keys k set expiry_noted_at = now() from due where k.id = due.id returning due.*
    )
    insert into audit_log (owner_id, key_id, action, actor, changes)
    select owner_id, id, 'key.expired', 'gatehouse', jsonb_build_object('expiresAt', expires_at)
    from noted
    returning key_id`;
  return rows.length;
}
