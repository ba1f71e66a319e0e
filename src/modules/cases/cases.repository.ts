import { type Insertable, type SqlBool, sql, type Updateable } from 'kysely';
import type { CasesTable } from '../../db/schema.ts';
import type { Tx } from '../../db/tenant.ts';
import { departmentScope, type Visibility } from '../../db/visibility.ts';
import type { CaseListQueryInput } from './cases.schemas.ts';

/** All SQL of cases and their messages. Row-level security (tenant) is in force on `tx`. */

const baseQuery = (tx: Tx, v: Visibility) =>
  tx
    .selectFrom('cases as c')
    .leftJoin('persons as p', 'p.id', 'c.person_id')
    .leftJoin('organizations as o', 'o.id', 'c.organization_id')
    .leftJoin('users as a', 'a.id', 'c.assignee_id')
    .selectAll('c')
    .select([
      sql<string | null>`case when p.id is null then null else p.first_name || ' ' || p.last_name end`.as(
        'person_name',
      ),
      'o.name as organization_name',
      'a.display_name as assignee_name',
    ])
    .where(departmentScope(v, 'c'));

export const findCase = (tx: Tx, id: string, v: Visibility) =>
  baseQuery(tx, v).where('c.id', '=', id).executeTakeFirst();
export type CaseRow = NonNullable<Awaited<ReturnType<typeof findCase>>>;

const escapeLike = (q: string) => q.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The due time that matters next: the first response until answered, then the resolution. */
const nextDue = sql`case when c.first_responded_at is null and c.resolved_at is null
  then least(c.first_response_due_at, c.resolution_due_at) else c.resolution_due_at end`;

/** A target missed: answered or resolved late, or not done and past due at `now`. */
export const breachedCondition = (now: Date) => sql<SqlBool>`(
  coalesce(c.first_responded_at, c.resolved_at, ${now}::timestamptz) > c.first_response_due_at
  or coalesce(c.resolved_at, ${now}::timestamptz) > c.resolution_due_at)`;

export const listCases = async (
  tx: Tx,
  query: CaseListQueryInput & { userId: string; now: Date },
  v: Visibility,
) => {
  let q = baseQuery(tx, v);
  if (query.status) q = q.where('c.status', '=', query.status);
  if (query.open === true) q = q.where('c.status', 'in', ['new', 'open', 'waiting']);
  if (query.open === false) q = q.where('c.status', 'in', ['resolved', 'closed']);
  if (query.priority) q = q.where('c.priority', '=', query.priority);
  if (query.assignee === 'me') q = q.where('c.assignee_id', '=', query.userId);
  else if (query.assignee === 'none') q = q.where('c.assignee_id', 'is', null);
  else if (query.assignee) q = q.where('c.assignee_id', '=', query.assignee);
  if (query.personId) q = q.where('c.person_id', '=', query.personId);
  if (query.organizationId) q = q.where('c.organization_id', '=', query.organizationId);
  if (query.q) {
    const term = `%${escapeLike(query.q.toLowerCase())}%`;
    q = q.where(sql<SqlBool>`(lower(c.subject) like ${term} or lower(c.number) like ${term})`);
  }
  if (query.slaBreached === true) q = q.where(breachedCondition(query.now));
  if (query.slaBreached === false) q = q.where(sql<SqlBool>`not ${breachedCondition(query.now)}`);
  const total = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await q
    // cases still being worked on first, by the due time that matters next; finished ones after
    .orderBy(sql`case when c.status in ('resolved', 'closed') then 1 else 0 end`)
    .orderBy(nextDue)
    .orderBy('c.number')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { rows, total: Number(total.n) };
};

/** Open cases assigned to a user (my day), in the order of their next due time. */
export const openCasesOf = (tx: Tx, userId: string, v: Visibility) =>
  baseQuery(tx, v)
    .where('c.assignee_id', '=', userId)
    .where('c.status', 'in', ['new', 'open', 'waiting'])
    .orderBy(nextDue)
    .limit(200)
    .execute();

/** The next running number of this kind and year, race-safe (one upsert, row-locked). */
export const nextCounter = async (tx: Tx, tenantId: string, kind: 'case', year: number) => {
  const row = await tx
    .insertInto('document_counters')
    .values({ tenant_id: tenantId, kind, year, last_value: 1 })
    .onConflict((oc) =>
      oc
        .columns(['tenant_id', 'kind', 'year'])
        .doUpdateSet({ last_value: sql`document_counters.last_value + 1` }),
    )
    .returning('last_value')
    .executeTakeFirstOrThrow();
  return row.last_value;
};

export const insertCase = (tx: Tx, values: Insertable<CasesTable> & { id: string }) =>
  tx.insertInto('cases').values(values).execute();

export const updateCase = async (
  tx: Tx,
  id: string,
  version: number,
  values: Updateable<CasesTable>,
  now: Date,
) => {
  const res = await tx
    .updateTable('cases')
    .set({ ...values, version: sql`version + 1`, updated_at: now })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
};

/** Sets first_responded_at (once) and moves a new case to open, after the first outbound answer. */
export const markResponded = (tx: Tx, id: string, now: Date) =>
  tx
    .updateTable('cases')
    .set({
      first_responded_at: sql`coalesce(first_responded_at, ${now}::timestamptz)`,
      status: sql`case when status = 'new' then 'open' else status end`,
      version: sql`version + 1`,
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();

export const touchCase = (tx: Tx, id: string, now: Date) =>
  tx.updateTable('cases').set({ version: sql`version + 1`, updated_at: now }).where('id', '=', id).execute();

export const listMessages = (tx: Tx, caseId: string) =>
  tx
    .selectFrom('case_messages as m')
    .leftJoin('users as u', 'u.id', 'm.author_id')
    .selectAll('m')
    .select('u.display_name as author_name')
    .where('m.case_id', '=', caseId)
    .orderBy('m.created_at')
    .orderBy('m.id')
    .execute();
export type MessageRow = Awaited<ReturnType<typeof listMessages>>[number];

export const insertMessage = (
  tx: Tx,
  values: {
    id: string;
    tenant_id: string;
    case_id: string;
    direction: string;
    body: string;
    author_id: string;
    created_at: Date;
  },
) => tx.insertInto('case_messages').values(values).execute();

/** The default departments of a case for admin/DPO: those of its person, else of its organisation. */
export const customerDepartments = async (
  tx: Tx,
  ref: { personId?: string | null; organizationId?: string | null },
) => {
  if (ref.personId) {
    const p = await tx
      .selectFrom('persons')
      .select('department_ids')
      .where('id', '=', ref.personId)
      .executeTakeFirst();
    if (p) return p.department_ids;
  }
  if (ref.organizationId) {
    const o = await tx
      .selectFrom('organizations')
      .select('department_ids')
      .where('id', '=', ref.organizationId)
      .executeTakeFirst();
    if (o) return o.department_ids;
  }
  return [];
};
