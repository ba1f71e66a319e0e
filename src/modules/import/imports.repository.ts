import { type Insertable, sql } from 'kysely';
import { insertJsonRows } from '../../db/bulk.ts';
import type { ImportCounts, ImportRowStatus, PersonImportsTable } from '../../db/schema-imports.ts';
import type { Tx } from '../../db/tenant.ts';

/** All SQL of person imports. Row-level security (tenant) is already in force on `tx`. */

const batchColumns = (tx: Tx) =>
  tx
    .selectFrom('person_imports as i')
    .leftJoin('users as u', 'u.id', 'i.created_by')
    .selectAll('i')
    .select('u.display_name as created_by_name');

export const findImport = (tx: Tx, id: string) => batchColumns(tx).where('i.id', '=', id).executeTakeFirst();
export type ImportRow = NonNullable<Awaited<ReturnType<typeof findImport>>>;

/** The batch locked for a change (one check or commit at a time). */
export const lockImport = (tx: Tx, id: string) =>
  tx
    .selectFrom('person_imports')
    .select(['id', 'status'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();

export const listImports = async (tx: Tx, q: { status?: string; page: number; pageSize: number }) => {
  let base = tx.selectFrom('person_imports as i');
  if (q.status) base = base.where('i.status', '=', q.status as never);
  const [{ total }] = [
    await base.select((e) => e.fn.countAll<string>().as('total')).executeTakeFirstOrThrow(),
  ];
  let rows = batchColumns(tx);
  if (q.status) rows = rows.where('i.status', '=', q.status as never);
  const items = await rows
    .orderBy('i.created_at', 'desc')
    .orderBy('i.id')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { items, total: Number(total) };
};

export const insertImport = (tx: Tx, values: Insertable<PersonImportsTable>) =>
  tx.insertInto('person_imports').values(values).returning('id').executeTakeFirstOrThrow();

export const updateImport = (tx: Tx, id: string, values: Record<string, unknown>) =>
  tx
    .updateTable('person_imports')
    .set({ ...values, version: sql`version + 1`, updated_at: sql`now()` } as never)
    .where('id', '=', id)
    .execute();

/** Staged rows, sealed, in chunks of one multi-row insert each. */
export const insertRows = async (
  tx: Tx,
  rows: { tenant_id: string; import_id: string; row_number: number; data: string }[],
) => {
  for (let i = 0; i < rows.length; i += 2000)
    await insertJsonRows(tx, 'person_import_rows', rows.slice(i, i + 2000));
};

export const stagedRows = (tx: Tx, importId: string, limit?: number) => {
  let q = tx
    .selectFrom('person_import_rows')
    .select(['row_number', 'data'])
    .where('import_id', '=', importId)
    .where('data', 'is not', null)
    .orderBy('row_number');
  if (limit !== undefined) q = q.limit(limit);
  return q.execute();
};

export type RowOutcomeValues = {
  row_number: number;
  status: ImportRowStatus;
  reasons: string[];
  duplicate_of: string | null;
  duplicate_row: number | null;
  score: number | null;
  sensitive: boolean;
  person_id?: string | null;
};

/** Writes the outcome of every row (one statement per chunk of rows, joined on a VALUES list). */
export const setRowOutcomes = async (
  tx: Tx,
  importId: string,
  outcomes: RowOutcomeValues[],
  options: { destroyData?: boolean } = {},
) => {
  // the commit destroys the staged values in the same statement (one rewrite of each row, not two)
  const data = options.destroyData ? sql`null` : sql`r.data`;
  for (let i = 0; i < outcomes.length; i += 5000) {
    const chunk = outcomes.slice(i, i + 5000);
    const numbers = chunk.map((o) => o.row_number);
    // the range keeps each chunk's join to its own rows (without it the plan may scan the whole batch per chunk)
    const [from, to] = [Math.min(...numbers), Math.max(...numbers)];
    await sql`
      update person_import_rows r set
        status = v.status, reasons = v.reasons, duplicate_of = v.duplicate_of,
        duplicate_row = v.duplicate_row, score = v.score, sensitive = v.sensitive,
        person_id = v.person_id, data = ${data}
      from (select * from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as x(
        row_number integer, status text, reasons text[], duplicate_of uuid, duplicate_row integer,
        score real, sensitive boolean, person_id uuid)) v
      where r.import_id = ${importId} and r.row_number between ${from} and ${to}
        and r.row_number = v.row_number`.execute(tx);
  }
};

/** The staged values and the batch key are destroyed; the outcomes stay (no values). */
export const destroyStagedData = async (tx: Tx, importId: string) => {
  await tx
    .updateTable('person_import_rows')
    .set({ data: null })
    .where('import_id', '=', importId)
    .where('data', 'is not', null)
    .execute();
  await tx
    .updateTable('person_imports')
    .set({ wrapped_key: null, master_key_id: null })
    .where('id', '=', importId)
    .execute();
};

export const listRowOutcomes = async (
  tx: Tx,
  importId: string,
  q: { status?: string; notIn?: string[]; page: number; pageSize: number },
) => {
  let base = tx
    .selectFrom('person_import_rows')
    .where('import_id', '=', importId)
    .where('status', 'is not', null);
  if (q.status) base = base.where('status', '=', q.status as never);
  if (q.notIn?.length) base = base.where('status', 'not in', q.notIn as never);
  const { total } = await base.select((e) => e.fn.countAll<string>().as('total')).executeTakeFirstOrThrow();
  const items = await base
    .select([
      'row_number',
      'status',
      'reasons',
      'duplicate_of',
      'duplicate_row',
      'score',
      'sensitive',
      'person_id',
    ])
    .orderBy('row_number')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { items, total: Number(total) };
};

export const allRowOutcomes = (tx: Tx, importId: string) =>
  tx
    .selectFrom('person_import_rows')
    .select([
      'row_number',
      'status',
      'reasons',
      'duplicate_of',
      'duplicate_row',
      'score',
      'sensitive',
      'person_id',
    ])
    .where('import_id', '=', importId)
    .orderBy('row_number')
    .execute();

export const setCounts = (tx: Tx, importId: string, counts: ImportCounts, at: Date, state: string) =>
  updateImport(tx, importId, { counts: JSON.stringify(counts), checked_at: at, checked_state: state });

/**
 * A cheap fingerprint of what the duplicate, suppression and lock checks read outside the file: any
 * person written or removed, any suppression or field lock added or lifted changes it.
 */
export const outsideState = async (tx: Tx) => {
  const { rows } = await sql<{ state: string }>`select concat_ws('|',
      (select count(*) || ':' || coalesce(max(updated_at)::text, '') from persons),
      (select count(*) || ':' || coalesce(max(created_at)::text, '') from suppressions),
      (select count(*) || ':' || coalesce(max(locked_at)::text, '') from field_locks)) as state`.execute(tx);
  return rows[0]?.state ?? '';
};

/** Staged batches created before `before`, across the tenant (the housekeeping purge). */
export const staleStagedImports = (tx: Tx, before: Date) =>
  tx
    .selectFrom('person_imports')
    .select('id')
    .where('status', '=', 'staged')
    .where('created_at', '<', before)
    .execute();

// ---- saved mappings ----------------------------------------------------------------------------

export const listMappings = (tx: Tx) =>
  tx.selectFrom('import_mappings').selectAll().orderBy('name').execute();

export const upsertMapping = (
  tx: Tx,
  values: {
    tenant_id: string;
    name: string;
    columns: string[];
    mapping: Record<string, string>;
    created_by: string;
  },
) =>
  tx
    .insertInto('import_mappings')
    .values({ ...values, columns: JSON.stringify(values.columns), mapping: JSON.stringify(values.mapping) })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'name']).doUpdateSet({
        columns: JSON.stringify(values.columns),
        mapping: JSON.stringify(values.mapping),
        created_by: values.created_by,
        // the name is reused: the newest version of the mapping
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();

export const deleteMapping = (tx: Tx, id: string) =>
  tx.deleteFrom('import_mappings').where('id', '=', id).returning('id').executeTakeFirst();
