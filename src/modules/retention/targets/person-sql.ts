import { type RawBuilder, sql } from 'kysely';
import type { DueRecord, TargetScope } from './target.ts';

/*
 * The SQL of the person and consent targets of the retention sweep. Each spec names the rows it is
 * about (`eligible`: kind, state, nothing open), the instant its period starts (`start`) and the
 * record type a legal hold may name. `due`, `count` and the re-check in `remove` are all built from
 * the same candidate query, so the preview lists exactly what the sweep removes.
 *
 * Held (counted, never due): the person is restricted (Art. 18) or an active legal hold (not
 * released, `until` not passed) names the record, the person or the person's organisation.
 */

export type CandidateSpec = {
  /** 'person': rows of persons (alias p); 'consent': rows of consents (alias c) with their person p */
  objectType: 'person' | 'consent';
  /** the instant the period starts (timestamptz), over p (and c) */
  start: string;
  /** which rows the rule is about at all, over p (and c) */
  eligible: string;
};

const raw = (text: string) => sql.raw(text);

/** A timestamptz as the instant of Berlin midnight of a date column (for greatest() with instants). */
export const berlinMidnight = (dateSql: string) => `((${dateSql})::timestamp at time zone 'Europe/Berlin')`;

/** The person has no open data subject request (Art. 15–22): never erase while one is being answered. */
export const NO_OPEN_REQUEST =
  "not exists (select 1 from dsr_requests r where r.person_id = p.id and r.status = 'open')";

const heldCondition = (spec: CandidateSpec, scope: TargetScope): RawBuilder<unknown> => {
  const own =
    spec.objectType === 'consent' ? sql`(h.object_type = 'consent' and h.object_id = c.id) or ` : sql``;
  return sql`(p.restricted_at is not null or exists (
    select 1 from legal_holds h
    where h.tenant_id = p.tenant_id and h.released_at is null
      and (h.until is null or h.until >= ${scope.today}::date)
      and (${own}(h.object_type = 'person' and h.object_id = p.id)
        or (h.object_type = 'organization' and h.object_id = p.organization_id))))`;
};

/** Every eligible row with the start of its period and whether it is held (any start date). */
const candidates = (spec: CandidateSpec, scope: TargetScope, ids: string[] | null): RawBuilder<unknown> => {
  const from =
    spec.objectType === 'person'
      ? sql`from persons p where p.tenant_id = ${scope.tenantId}::uuid`
      : sql`from consents c join persons p on p.id = c.person_id and p.tenant_id = c.tenant_id
            where c.tenant_id = ${scope.tenantId}::uuid`;
  const id = raw(spec.objectType === 'person' ? 'p.id' : 'c.id');
  const only = ids ? sql`and ${id} = any(${ids}::uuid[])` : sql``;
  return sql`select ${id} as id, (${raw(spec.start)}) as start_at, ${heldCondition(spec, scope)} as held
    ${from} and (${raw(spec.eligible)}) ${only}`;
};

/** Due rows in id order after `afterId`: started before the cutoff, not held. */
export const dueRows = async (
  spec: CandidateSpec,
  scope: TargetScope & { afterId: string | null; limit: number },
): Promise<DueRecord[]> => {
  const after = scope.afterId ? sql`and x.id > ${scope.afterId}::uuid` : sql``;
  const { rows } = await sql<DueRecord>`
    select x.id, (x.start_at at time zone 'Europe/Berlin')::date::text as start
    from (${candidates(spec, scope, null)}) x
    where x.start_at < ${scope.cutoffInstant}::timestamptz and not x.held ${after}
    order by x.id limit ${scope.limit}`.execute(scope.tx);
  return rows;
};

/** How many rows are due, and how many would be but are held. */
export const countRows = async (
  spec: CandidateSpec,
  scope: TargetScope,
): Promise<{ due: number; held: number }> => {
  const { rows } = await sql<{ due: number; held: number }>`
    select count(*) filter (where not x.held)::int as due, count(*) filter (where x.held)::int as held
    from (${candidates(spec, scope, null)}) x
    where x.start_at < ${scope.cutoffInstant}::timestamptz`.execute(scope.tx);
  return rows[0] ?? { due: 0, held: 0 };
};

/**
 * Of the given ids, those still due now. The rows are locked first (FOR UPDATE), so nothing can add
 * an interaction, a consent or a deal for the person (foreign keys take a share lock) between this
 * check and the removal; the check itself sees everything committed before the lock was granted.
 */
export const stillDue = async (
  spec: CandidateSpec,
  scope: TargetScope & { ids: string[] },
): Promise<string[]> => {
  if (scope.ids.length === 0) return [];
  const table = raw(spec.objectType === 'person' ? 'persons' : 'consents');
  await sql`select id from ${table} where id = any(${scope.ids}::uuid[]) order by id for update`.execute(
    scope.tx,
  );
  const { rows } = await sql<{ id: string }>`
    select x.id from (${candidates(spec, scope, scope.ids)}) x
    where x.start_at < ${scope.cutoffInstant}::timestamptz and not x.held
    order by x.id`.execute(scope.tx);
  return rows.map((r) => r.id);
};
