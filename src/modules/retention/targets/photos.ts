import { type RawBuilder, sql } from 'kysely';
import type { DueRecord, SweepTarget, TargetScope } from './target.ts';

/*
 * Person photos (ADR 0034): one photo per person, identified by the person's id. A photo is due when
 * the data type's period has passed since its upload, or earlier when the end set at upload
 * (`retention_until`, the last day it is kept) has passed. It is held while the person is restricted
 * (Art. 18) or under an active legal hold. `due`, `count` and `remove` share one condition, so the
 * preview lists exactly what the sweep deletes.
 */

const startDay = sql.raw(`(r.uploaded_at at time zone 'Europe/Berlin')::date::text`);

const baseCondition = (scope: TargetScope): RawBuilder<unknown> =>
  sql`r.tenant_id = ${scope.tenantId}::uuid
    and (r.uploaded_at < ${scope.cutoffInstant}::timestamptz
      or (r.retention_until is not null and r.retention_until < ${scope.today}::date))`;

const heldCondition = (scope: TargetScope): RawBuilder<unknown> => sql`(exists (
    select 1 from persons p
    where p.tenant_id = r.tenant_id and p.id = r.person_id and p.restricted_at is not null)
  or exists (
    select 1 from legal_holds h
    where h.tenant_id = r.tenant_id and h.released_at is null
      and (h.until is null or h.until >= ${scope.today}::date)
      and h.object_type = 'person' and h.object_id = r.person_id))`;

const dueCondition = (scope: TargetScope) => sql`${baseCondition(scope)} and not ${heldCondition(scope)}`;

export const PHOTO_TARGET: SweepTarget = {
  id: 'person_photos',
  due: async (scope) => {
    const after = scope.afterId ? sql`and r.person_id > ${scope.afterId}::uuid` : sql``;
    const { rows } = await sql<DueRecord>`
      select r.person_id as id, ${startDay} as start from person_photos r
      where ${dueCondition(scope)} ${after}
      order by r.person_id limit ${scope.limit}`.execute(scope.tx);
    return rows;
  },
  count: async (scope) => {
    const { rows } = await sql<{ due: number; held: number }>`
      select count(*) filter (where not held)::int as due, count(*) filter (where held)::int as held
      from (select ${heldCondition(scope)} as held from person_photos r where ${baseCondition(scope)}) x`.execute(
      scope.tx,
    );
    return rows[0] ?? { due: 0, held: 0 };
  },
  remove: async (scope) => {
    if (scope.ids.length === 0) return 0;
    // re-checked in the same statement: a photo replaced since the page was read stays
    const deleted = await sql`
      delete from person_photos r
      where r.person_id = any(${scope.ids}::uuid[]) and ${dueCondition(scope)}`.execute(scope.tx);
    return Number(deleted.numAffectedRows ?? 0n);
  },
};
