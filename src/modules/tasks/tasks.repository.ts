import { type Insertable, type SqlBool, sql, type Updateable } from 'kysely';
import type { TasksTable } from '../../db/schema.ts';
import type { Tx } from '../../db/tenant.ts';
import { departmentScope, type Visibility } from '../../db/visibility.ts';

/** Who may see which tasks, and which linked records' labels they may read. */
export type TaskViewer = {
  userId: string;
  allTasks: boolean;
  visibility: Visibility;
  reads: { contract: boolean; service: boolean; billing: boolean };
};

const no = sql<SqlBool>`false`;

const baseQuery = (tx: Tx, viewer: TaskViewer) => {
  const v = viewer.visibility;
  let q = tx
    .selectFrom('tasks as t')
    .innerJoin('users as a', 'a.id', 't.assignee_id')
    .leftJoin('users as cb', 'cb.id', 't.created_by')
    .leftJoin('persons as p', (j) => j.onRef('p.id', '=', 't.person_id').on(departmentScope(v, 'p')))
    .leftJoin('organizations as o', (j) =>
      j.onRef('o.id', '=', 't.organization_id').on(departmentScope(v, 'o')),
    )
    .leftJoin('deals as d', (j) =>
      j.onRef('d.id', '=', 't.deal_id').on(viewer.reads.contract ? departmentScope(v, 'd') : no),
    )
    .leftJoin('cases as c', (j) =>
      j.onRef('c.id', '=', 't.case_id').on(viewer.reads.service ? departmentScope(v, 'c') : no),
    )
    .leftJoin('invoices as i', (j) =>
      j.onRef('i.id', '=', 't.invoice_id').on(viewer.reads.billing ? departmentScope(v, 'i') : no),
    )
    .selectAll('t')
    .select([
      'a.display_name as assignee_name',
      'cb.display_name as created_by_name',
      sql<string | null>`case when p.id is null then null else p.first_name || ' ' || p.last_name end`.as(
        'person_label',
      ),
      'o.name as organization_label',
      'd.title as deal_label',
      'c.number as case_label',
      'i.number as invoice_label',
    ]);
  if (!viewer.allTasks)
    q = q.where((eb) =>
      eb.or([eb('t.assignee_id', '=', viewer.userId), eb('t.created_by', '=', viewer.userId)]),
    );
  return q;
};

export const findTask = (tx: Tx, id: string, viewer: TaskViewer) =>
  baseQuery(tx, viewer).where('t.id', '=', id).executeTakeFirst();
export type TaskRow = NonNullable<Awaited<ReturnType<typeof findTask>>>;

export type TaskFilter = {
  assignee: 'me' | 'all';
  status?: 'open' | 'done';
  dueBefore?: Date;
  personId?: string;
  organizationId?: string;
  dealId?: string;
  caseId?: string;
  invoiceId?: string;
};

export const listTasks = async (
  tx: Tx,
  viewer: TaskViewer,
  filter: TaskFilter,
  paging: { page: number; pageSize: number },
) => {
  let q = baseQuery(tx, viewer);
  if (filter.assignee === 'me') q = q.where('t.assignee_id', '=', viewer.userId);
  if (filter.status) q = q.where('t.status', '=', filter.status);
  if (filter.dueBefore) q = q.where('t.due_at', '<', filter.dueBefore);
  if (filter.personId) q = q.where('t.person_id', '=', filter.personId);
  if (filter.organizationId) q = q.where('t.organization_id', '=', filter.organizationId);
  if (filter.dealId) q = q.where('t.deal_id', '=', filter.dealId);
  if (filter.caseId) q = q.where('t.case_id', '=', filter.caseId);
  if (filter.invoiceId) q = q.where('t.invoice_id', '=', filter.invoiceId);
  const total = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await q
    .orderBy(sql`case when t.status = 'open' then 0 else 1 end`)
    .orderBy('t.due_at')
    .orderBy('t.id')
    .limit(paging.pageSize)
    .offset((paging.page - 1) * paging.pageSize)
    .execute();
  return { rows, total: Number(total.n) };
};

/** My open tasks due before `until` or whose reminder time has come (my day). */
export const myOpenTasks = (tx: Tx, viewer: TaskViewer, until: Date, now: Date) =>
  baseQuery(tx, viewer)
    .where('t.assignee_id', '=', viewer.userId)
    .where('t.status', '=', 'open')
    .where((eb) => eb.or([eb('t.due_at', '<', until), eb('t.remind_at', '<=', now)]))
    .orderBy('t.due_at')
    .orderBy('t.id')
    .limit(500)
    .execute();

export const insertTask = (tx: Tx, values: Insertable<TasksTable> & { id: string }) =>
  tx.insertInto('tasks').values(values).execute();

export const updateTask = async (
  tx: Tx,
  id: string,
  version: number,
  values: Updateable<TasksTable>,
  now: Date,
) => {
  const res = await tx
    .updateTable('tasks')
    .set({ ...values, version: sql`version + 1`, updated_at: now })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
};

/** Open deals the user owns, expected to close between the two days (inclusive). */
export const dealsClosingSoon = (tx: Tx, ownerId: string, v: Visibility, from: string, to: string) =>
  tx
    .selectFrom('deals as d')
    .innerJoin('pipeline_stages as s', 's.id', 'd.stage_id')
    .leftJoin('organizations as o', 'o.id', 'd.organization_id')
    .leftJoin('persons as p', 'p.id', 'd.person_id')
    .select([
      'd.id',
      'd.title',
      sql<string>`d.value::text`.as('value'),
      'd.currency',
      'd.probability',
      sql<string>`to_char(d.expected_close, 'YYYY-MM-DD')`.as('expected_close'),
      's.id as stage_id',
      's.name_de',
      's.name_en',
      sql<
        string | null
      >`coalesce(o.name, case when p.id is null then null else p.first_name || ' ' || p.last_name end)`.as(
        'customer',
      ),
    ])
    .where('d.owner_id', '=', ownerId)
    .where('s.outcome', '=', 'open')
    .where('d.closed_at', 'is', null)
    .where(sql<SqlBool>`d.expected_close between ${from}::date and ${to}::date`)
    .where(departmentScope(v, 'd'))
    .orderBy('d.expected_close')
    .orderBy('d.id')
    .limit(100)
    .execute();
