import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Tx } from '../../db/tenant.ts';
import { departmentScope, type Visibility } from '../../db/visibility.ts';
import type { AccountSection } from '../../domain/accounts/account-view.ts';

/**
 * All SQL of the account view. It reads the tables of deals, orders, invoices, cases and tasks
 * (migration 0007) directly, so it depends on no other module's service. Every record list is
 * department-scoped on its own, limited, and served by the link indexes (interactions_person,
 * invoices_person / invoices_organization, deals_*, orders_*, cases_*, tasks_person). All sections
 * of an account are read in ONE statement (scalar sub-selects returning JSON), so opening an account
 * costs one round trip after the person or organisation itself.
 */

/** Whose records: one person's, or an organisation's and those of its (visible) contact persons. */
export type AccountLink =
  | { kind: 'person'; personId: string }
  | { kind: 'organization'; organizationId: string; visibility: Visibility };

export const LIMITS = {
  timeline: 20,
  openInvoices: 50,
  openDeals: 50,
  closedDeals: 5,
  orders: 10,
  openCases: 50,
  closedCases: 5,
  tasks: 50,
  contactPersons: 100,
} as const;

/** The timeline counts at most this many contacts; `totalCapped` says when there are more. */
export const TIMELINE_COUNT_CAP = 100;

/** The organisation's contact persons the viewer may see, as a sub-select of their ids. */
const personsOfOrganization = (organizationId: string, v: Visibility) =>
  sql`(select p.id from persons p where p.organization_id = ${organizationId}::uuid and ${departmentScope(v, 'p')})`;

/** Records (alias with person_id and organization_id) linked to the account. */
const linkedTo = (link: AccountLink, alias: string): RawBuilder<SqlBool> => {
  const personId = sql.ref(`${alias}.person_id`);
  if (link.kind === 'person') return sql<SqlBool>`${personId} = ${link.personId}::uuid`;
  return sql<SqlBool>`(${sql.ref(`${alias}.organization_id`)} = ${link.organizationId}::uuid or ${personId} in ${personsOfOrganization(link.organizationId, link.visibility)})`;
};

/** Interactions always belong to a person: the person's, or those of the organisation's contact persons. */
const interactionsOf = (link: AccountLink): RawBuilder<SqlBool> =>
  link.kind === 'person'
    ? sql<SqlBool>`i.person_id = ${link.personId}::uuid`
    : sql<SqlBool>`i.person_id in ${personsOfOrganization(link.organizationId, link.visibility)}`;

const jsonList = (query: RawBuilder<unknown>) =>
  sql`(select coalesce(json_agg(t), '[]'::json) from (${query}) t)`;

export type TimelineJson = {
  id: string;
  personId: string;
  personFirstName: string;
  personLastName: string;
  kind: string;
  direction: string | null;
  occurredAt: string;
  subject: string;
  body: string | null;
  employeeId: string | null;
  employeeName: string | null;
  createdAt: string;
};

const timeline = (link: AccountLink) => ({
  timeline: jsonList(sql`
    select i.id, i.person_id as "personId", p.first_name as "personFirstName", p.last_name as "personLastName",
      i.kind, i.direction, i.occurred_at as "occurredAt", i.subject,
      ${link.kind === 'person' ? sql`i.body` : sql`null`} as body,
      i.employee_id as "employeeId", u.display_name as "employeeName", i.created_at as "createdAt"
    from interactions i
    join persons p on p.id = i.person_id
    left join users u on u.id = i.employee_id
    where ${interactionsOf(link)}
    order by i.occurred_at desc, i.id
    limit ${LIMITS.timeline}`),
  // counted up to TIMELINE_COUNT_CAP + 1 only: a long-standing customer's thousands of contacts would
  // cost more to count (each row passes the row-level security filter) than the rest of the account
  timelineTotal: sql`(select count(*)::int from (select 1 from interactions i where ${interactionsOf(link)} limit ${TIMELINE_COUNT_CAP + 1}) c)`,
});

export type InvoiceJson = {
  id: string;
  number: string;
  status: string;
  issuedAt: string;
  dueAt: string;
  currency: string;
  grossTotal: string;
  personId: string | null;
  organizationId: string | null;
};
export type InvoiceTotalsJson = {
  currency: string;
  open: string;
  overdue: string;
  openCount: number;
  overdueCount: number;
  paidCount: number;
};

const invoices = (link: AccountLink, v: Visibility, today: string) => {
  const where = sql`${linkedTo(link, 'inv')} and ${departmentScope(v, 'inv')}`;
  const overdue = sql`inv.status = 'open' and inv.due_at < ${today}::date`;
  return {
    // served by the partial indexes invoices_person_open / invoices_organization_open (0008)
    openInvoices: jsonList(sql`
      select inv.id, inv.number, inv.status, inv.issued_at as "issuedAt", inv.due_at as "dueAt", inv.currency,
        inv.gross_total::text as "grossTotal", inv.person_id as "personId", inv.organization_id as "organizationId"
      from invoices inv
      where ${where} and inv.status = 'open'
      order by inv.due_at, inv.number
      limit ${LIMITS.openInvoices}`),
    // totals and counts in one pass over the customer's open and paid invoices
    invoiceTotals: jsonList(sql`
      select inv.currency,
        coalesce(sum(inv.gross_total) filter (where inv.status = 'open'), 0)::numeric(16, 2)::text as open,
        coalesce(sum(inv.gross_total) filter (where ${overdue}), 0)::numeric(16, 2)::text as overdue,
        (count(*) filter (where inv.status = 'open'))::int as "openCount",
        (count(*) filter (where ${overdue}))::int as "overdueCount",
        (count(*) filter (where inv.status = 'paid'))::int as "paidCount"
      from invoices inv
      where ${where} and inv.status in ('open', 'paid')
      group by inv.currency
      order by inv.currency`),
  };
};

export type DealJson = {
  id: string;
  title: string;
  value: string;
  currency: string;
  probability: number;
  expectedClose: string | null;
  closedAt: string | null;
  stageId: string;
  stageNameDe: string;
  stageNameEn: string;
  outcome: 'open' | 'won' | 'lost';
  ownerId: string | null;
  ownerName: string | null;
};

const deals = (link: AccountLink, v: Visibility) => {
  const select = sql`
    select d.id, d.title, d.value::text as value, d.currency, d.probability, d.expected_close as "expectedClose",
      d.closed_at as "closedAt", s.id as "stageId", s.name_de as "stageNameDe", s.name_en as "stageNameEn",
      s.outcome, d.owner_id as "ownerId", u.display_name as "ownerName"
    from deals d
    join pipeline_stages s on s.id = d.stage_id
    left join users u on u.id = d.owner_id
    where ${linkedTo(link, 'd')} and ${departmentScope(v, 'd')}`;
  return {
    openDeals: jsonList(sql`${select} and s.outcome = 'open'
      order by s.position, d.expected_close nulls last, d.id
      limit ${LIMITS.openDeals}`),
    closedDeals: jsonList(sql`${select} and s.outcome <> 'open'
      order by coalesce(d.closed_at, d.updated_at) desc, d.id
      limit ${LIMITS.closedDeals}`),
  };
};

export type OrderJson = {
  id: string;
  number: string;
  status: string;
  orderedAt: string;
  currency: string;
  grossTotal: string;
};

const orders = (link: AccountLink, v: Visibility) => ({
  orders: jsonList(sql`
    select o.id, o.number, o.status, o.ordered_at as "orderedAt", o.currency, o.gross_total::text as "grossTotal"
    from orders o
    where ${linkedTo(link, 'o')} and ${departmentScope(v, 'o')}
    order by o.ordered_at desc, o.number desc
    limit ${LIMITS.orders}`),
  ordersTotal: sql`(select count(*)::int from orders o where ${linkedTo(link, 'o')} and ${departmentScope(v, 'o')})`,
});

export type CaseJson = {
  id: string;
  number: string;
  subject: string;
  status: string;
  priority: string;
  category: string;
  channel: string;
  receivedAt: string;
  firstResponseDueAt: string;
  resolutionDueAt: string;
  firstRespondedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
};

const cases = (link: AccountLink, v: Visibility) => {
  const select = sql`
    select c.id, c.number, c.subject, c.status, c.priority, c.category, c.channel, c.received_at as "receivedAt",
      c.first_response_due_at as "firstResponseDueAt", c.resolution_due_at as "resolutionDueAt",
      c.first_responded_at as "firstRespondedAt", c.resolved_at as "resolvedAt", c.closed_at as "closedAt",
      c.assignee_id as "assigneeId", u.display_name as "assigneeName"
    from cases c
    left join users u on u.id = c.assignee_id
    where ${linkedTo(link, 'c')} and ${departmentScope(v, 'c')}`;
  return {
    openCases: jsonList(sql`${select} and c.status not in ('resolved', 'closed')
      order by c.resolution_due_at, c.id
      limit ${LIMITS.openCases}`),
    // the latest received ones, read along cases_person / cases_organization (received_at desc)
    closedCases: jsonList(sql`${select} and c.status in ('resolved', 'closed')
      order by c.received_at desc, c.id
      limit ${LIMITS.closedCases}`),
  };
};

export type TaskJson = {
  id: string;
  title: string;
  dueAt: string;
  status: string;
  assigneeId: string;
  assigneeName: string | null;
  personId: string | null;
  dealId: string | null;
  caseId: string | null;
  invoiceId: string | null;
};

/** Whose tasks the viewer sees: their own (assigned or created), or every task (admin, DPO), as in tasks. */
export type TaskViewer = { userId: string; allTasks: boolean };

/**
 * Open tasks linked to the account that the viewer sees (the rule of the tasks module). The record a
 * task is about (deal, case, invoice) is named only when the viewer may read it (its data category
 * and its departments).
 */
const tasks = (
  link: AccountLink,
  v: Visibility,
  viewer: TaskViewer,
  readable: { deals: boolean; cases: boolean; invoices: boolean },
) => {
  const linkOf = (column: string, table: string, allowed: boolean) =>
    allowed
      ? sql`case when exists (select 1 from ${sql.table(table)} r where r.id = ${sql.ref(`t.${column}`)} and ${departmentScope(v, 'r')}) then ${sql.ref(`t.${column}`)} end`
      : sql`null::uuid`;
  const mine = viewer.allTasks
    ? sql`true`
    : sql`(t.assignee_id = ${viewer.userId}::uuid or t.created_by = ${viewer.userId}::uuid)`;
  return {
    tasks: jsonList(sql`
      select t.id, t.title, t.due_at as "dueAt", t.status, t.assignee_id as "assigneeId",
        u.display_name as "assigneeName", t.person_id as "personId",
        ${linkOf('deal_id', 'deals', readable.deals)} as "dealId",
        ${linkOf('case_id', 'cases', readable.cases)} as "caseId",
        ${linkOf('invoice_id', 'invoices', readable.invoices)} as "invoiceId"
      from tasks t
      left join users u on u.id = t.assignee_id
      where ${linkedTo(link, 't')} and t.status = 'open' and ${mine}
      order by t.due_at, t.id
      limit ${LIMITS.tasks}`),
  };
};

export type SectionsRow = {
  timeline?: TimelineJson[];
  timelineTotal?: number;
  openInvoices?: InvoiceJson[];
  invoiceTotals?: InvoiceTotalsJson[];
  openDeals?: DealJson[];
  closedDeals?: DealJson[];
  orders?: OrderJson[];
  ordersTotal?: number;
  openCases?: CaseJson[];
  closedCases?: CaseJson[];
  tasks?: TaskJson[];
  billingRetainedUntil?: string | null;
};

type SectionsOptions = {
  visibility: Visibility;
  sections: readonly AccountSection[];
  today: string;
  taskViewer: TaskViewer;
};

/** The one statement that reads an account's sections (null when the role reads none of them). */
export const sectionsStatement = (link: AccountLink, options: SectionsOptions) => {
  const { visibility: v, sections, today, taskViewer } = options;
  const shown = new Set(sections);
  const columns: Record<string, RawBuilder<unknown>> = {
    ...(shown.has('timeline') ? timeline(link) : {}),
    ...(shown.has('invoices') ? invoices(link, v, today) : {}),
    ...(shown.has('deals') ? deals(link, v) : {}),
    ...(shown.has('orders') ? orders(link, v) : {}),
    ...(shown.has('cases') ? cases(link, v) : {}),
    ...(shown.has('tasks')
      ? tasks(link, v, taskViewer, {
          deals: shown.has('deals'),
          cases: shown.has('cases'),
          invoices: shown.has('invoices'),
        })
      : {}),
    ...(link.kind === 'person'
      ? {
          // billing data of the person is kept until this day, whichever department issued it
          billingRetainedUntil: sql`(select max(inv.retain_until) from invoices inv where inv.person_id = ${link.personId}::uuid)`,
        }
      : {}),
  };
  const entries = Object.entries(columns);
  if (entries.length === 0) return null;
  const list = sql.join(entries.map(([name, expression]) => sql`${expression} as ${sql.ref(name)}`));
  return sql<SectionsRow>`select ${list}`;
};

/**
 * The sections as ONE json column (null when the role reads none of them), for a caller that reads
 * them in the same statement as the account's person: a person's account then costs one round trip.
 */
export const sectionsColumn = (link: AccountLink, options: SectionsOptions) => {
  const statement = sectionsStatement(link, options);
  return statement
    ? sql<SectionsRow>`(select row_to_json(s) from (${statement}) s)`
    : sql<SectionsRow | null>`null::json`;
};

/**
 * The account's sections the viewer may read, in one statement. `today` (YYYY-MM-DD) decides which
 * open invoices are overdue.
 */
export const readSections = async (
  tx: Tx,
  link: AccountLink,
  options: SectionsOptions,
): Promise<SectionsRow> => {
  const statement = sectionsStatement(link, options);
  if (!statement) return {};
  const { rows } = await statement.execute(tx);
  return rows[0] ?? {};
};

/** The organisation of an organisation account, with its customer group. */
export const findOrganization = (tx: Tx, id: string, v: Visibility) =>
  tx
    .selectFrom('organizations as o')
    .leftJoin('customer_groups as g', 'g.id', 'o.customer_group_id')
    .select([
      'o.id',
      'o.name',
      'o.kind',
      'o.email',
      'o.phone',
      'o.website',
      'o.street',
      'o.postal_code',
      'o.city',
      'o.country',
      'o.customer_number',
      'o.customer_group_id',
      'g.name as customer_group_name',
    ])
    .select(
      sql<number>`(select count(*)::int from persons p where p.organization_id = o.id and ${departmentScope(v, 'p')})`.as(
        'person_count',
      ),
    )
    .where('o.id', '=', id)
    .where(departmentScope(v, 'o'))
    .executeTakeFirst();

/** The organisation's contact persons the viewer may see, by name. */
export const contactPersons = (tx: Tx, organizationId: string, v: Visibility) =>
  tx
    .selectFrom('persons as p')
    .select(['p.id', 'p.kind', 'p.first_name', 'p.last_name', 'p.job_title', 'p.email', 'p.phone'])
    .where('p.organization_id', '=', organizationId)
    .where(departmentScope(v, 'p'))
    .orderBy(sql`lower(p.last_name)`)
    .orderBy(sql`lower(p.first_name)`)
    .orderBy('p.id')
    .limit(LIMITS.contactPersons)
    .execute();
