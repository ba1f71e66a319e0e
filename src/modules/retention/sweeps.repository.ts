import { type Selectable, sql } from 'kysely';
import type { RetentionSweepsTable } from '../../db/schema-retention.ts';
import type { Tx } from '../../db/tenant.ts';

/** SQL of the retention sweeps (migration 0012): the sweep rows and the data types they report on. */

export type SweepRow = Selectable<RetentionSweepsTable>;

export const tenantSettings = async (tx: Tx) =>
  (await tx.selectFrom('tenants').select('settings').executeTakeFirst())?.settings as
    | Record<string, unknown>
    | undefined;

export const findRunning = (tx: Tx) =>
  tx.selectFrom('retention_sweeps').selectAll().where('status', '=', 'running').executeTakeFirst();

/** The latest sweep that started at or after this instant (completed, failed or running). */
export const sweepStartedSince = (tx: Tx, since: Date) =>
  tx.selectFrom('retention_sweeps').select('id').where('started_at', '>=', since).limit(1).executeTakeFirst();

export const findSweep = (tx: Tx, id: string) =>
  tx.selectFrom('retention_sweeps').selectAll().where('id', '=', id).executeTakeFirst();

export const listSweeps = (tx: Tx, limit: number) =>
  tx.selectFrom('retention_sweeps').selectAll().orderBy('started_at', 'desc').limit(limit).execute();

export const insertSweep = (
  tx: Tx,
  values: {
    tenant_id: string;
    trigger: SweepRow['trigger'];
    as_of: Date;
    jurisdiction: string;
    started_by: string | null;
  },
) =>
  tx
    .insertInto('retention_sweeps')
    .values({ ...values, status: 'running', started_at: values.as_of, heartbeat_at: values.as_of })
    .returningAll()
    .executeTakeFirstOrThrow();

/** Adds a batch's deletions to the data type's count and beats the heart, in the batch's transaction. */
export const addDeleted = (tx: Tx, input: { id: string; dataTypeId: string; deleted: number; now: Date }) =>
  sql`update retention_sweeps
      set counts = jsonb_set(counts, array[${input.dataTypeId}::text],
            coalesce(counts -> ${input.dataTypeId}::text, '{}'::jsonb)
            || jsonb_build_object('deleted',
                 coalesce((counts -> ${input.dataTypeId}::text ->> 'deleted')::int, 0) + ${input.deleted}::int)),
          heartbeat_at = ${input.now}::timestamptz
      where id = ${input.id}::uuid and status = 'running'`.execute(tx);

/** Records what stayed held when the data type was done (replaces an earlier figure of a resumed run). */
export const setHeld = (tx: Tx, input: { id: string; dataTypeId: string; held: number; now: Date }) =>
  sql`update retention_sweeps
      set counts = jsonb_set(counts, array[${input.dataTypeId}::text],
            jsonb_build_object('deleted', coalesce((counts -> ${input.dataTypeId}::text ->> 'deleted')::int, 0))
            || jsonb_build_object('held', ${input.held}::int)),
          heartbeat_at = ${input.now}::timestamptz
      where id = ${input.id}::uuid and status = 'running'`.execute(tx);

export const finishSweep = (
  tx: Tx,
  input: { id: string; status: 'completed' | 'failed'; errorCode: string | null; now: Date },
) =>
  tx
    .updateTable('retention_sweeps')
    .set({
      status: input.status,
      error_code: input.errorCode,
      finished_at: input.now,
      heartbeat_at: input.now,
    })
    .where('id', '=', input.id)
    .where('status', '=', 'running')
    .returningAll()
    .executeTakeFirst();

/** Names, targets and rules of data types (also inactive ones: an old report names what it ran). */
export const dataTypesById = (tx: Tx, ids: string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : tx
        .selectFrom('data_types as d')
        .innerJoin('deletion_classes as c', 'c.id', 'd.deletion_class_id')
        .innerJoin('retention_periods as p', 'p.id', 'c.period_id')
        .select([
          'd.id',
          'd.name_de',
          'd.name_en',
          'd.target',
          'd.jurisdiction',
          'c.start_type',
          'p.years',
          'p.months',
          'p.days',
          'p.round_to_year_end',
        ])
        .where('d.id', 'in', ids)
        .execute();

/** Per tenant (owner role, before any tenant is chosen): the last sweep start and whether one runs. */
export const sweepStateOfTenants = async (tx: Tx, staleBefore: Date) => {
  const { rows } = await sql<{
    id: string;
    last_started: Date | null;
    running: boolean;
    stale_running: boolean;
  }>`
    select t.id,
      (select max(s.started_at) from retention_sweeps s where s.tenant_id = t.id) as last_started,
      exists (select 1 from retention_sweeps s where s.tenant_id = t.id and s.status = 'running') as running,
      exists (select 1 from retention_sweeps s where s.tenant_id = t.id and s.status = 'running'
        and s.heartbeat_at < ${staleBefore}::timestamptz) as stale_running
    from tenants t order by t.created_at`.execute(tx);
  return rows;
};
