import type { Tx } from '../../db/tenant.ts';
import { visibilityOf } from '../../db/visibility.ts';
import {
  type AccountSection,
  businessDate,
  daysOverdue,
  hiddenSections,
  isOverdue,
  nextSlaDue,
  slaBreached,
  visibleSections,
} from '../../domain/accounts/account-view.ts';
import { AppError } from '../../domain/errors.ts';
import { canRead, seesAllDepartments } from '../../domain/permissions/roles.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { readAudited } from '../audit/audit.reads.ts';
import { openValue, unwrapSubjectKey } from '../keys/keys.service.ts';
import { hiddenFieldsFor, toPersonSummary } from '../persons/persons.mapper.ts';
import { personWithTagsQuery } from '../persons/persons.repository.ts';
import * as repo from './accounts.repository.ts';

const iso = (value: string | null) => (value === null ? null : new Date(value).toISOString());
const userRef = (id: string | null, name: string | null) => (id ? { id, displayName: name ?? '' } : null);

/** A task is visible to its assignee and its creator; admin and DPO see every task (as in tasks). */
const taskViewerOf = (actor: Actor) => ({ userId: actor.userId, allTasks: seesAllDepartments(actor.role) });

/** The person fields the account header shows (the summary), for the audit entry. */
const SUMMARY_FIELDS = ['firstName', 'lastName', 'email', 'phone', 'address', 'tags'] as const;

const toTimeline = (
  rows: repo.TimelineJson[],
  total: number,
  open: (row: repo.TimelineJson) => string | null,
) => ({
  items: rows.map((row) => ({
    id: row.id,
    person: { id: row.personId, firstName: row.personFirstName, lastName: row.personLastName },
    kind: row.kind as never,
    direction: row.direction as never,
    occurredAt: new Date(row.occurredAt).toISOString(),
    subject: row.subject,
    body: open(row),
    employee: userRef(row.employeeId, row.employeeName),
    createdAt: new Date(row.createdAt).toISOString(),
  })),
  total: Math.min(total, repo.TIMELINE_COUNT_CAP),
  totalCapped: total > repo.TIMELINE_COUNT_CAP,
});

const toInvoices = (s: repo.SectionsRow, today: string) => {
  const totals = s.invoiceTotals ?? [];
  return {
    open: (s.openInvoices ?? []).map((inv) => ({
      id: inv.id,
      number: inv.number,
      status: inv.status as 'open',
      issuedAt: inv.issuedAt,
      dueAt: inv.dueAt,
      currency: inv.currency,
      grossTotal: inv.grossTotal,
      overdue: isOverdue(inv, today),
      daysOverdue: daysOverdue(inv, today),
    })),
    openCount: totals.reduce((n, t) => n + t.openCount, 0),
    overdueCount: totals.reduce((n, t) => n + t.overdueCount, 0),
    openTotal: totals.filter((t) => t.openCount > 0).map((t) => ({ currency: t.currency, amount: t.open })),
    overdueTotal: totals
      .filter((t) => t.overdueCount > 0)
      .map((t) => ({ currency: t.currency, amount: t.overdue })),
    paidCount: totals.reduce((n, t) => n + t.paidCount, 0),
  };
};

const toDeal = (d: repo.DealJson) => ({
  id: d.id,
  title: d.title,
  value: d.value,
  currency: d.currency,
  probability: d.probability,
  expectedClose: d.expectedClose,
  closedAt: iso(d.closedAt),
  stage: { id: d.stageId, nameDe: d.stageNameDe, nameEn: d.stageNameEn, outcome: d.outcome },
  owner: userRef(d.ownerId, d.ownerName),
});

const toCase = (c: repo.CaseJson, now: Date) => {
  const deadlines = {
    status: c.status,
    firstResponseDueAt: new Date(c.firstResponseDueAt),
    resolutionDueAt: new Date(c.resolutionDueAt),
    firstRespondedAt: c.firstRespondedAt ? new Date(c.firstRespondedAt) : null,
  };
  return {
    id: c.id,
    number: c.number,
    subject: c.subject,
    status: c.status as never,
    priority: c.priority as never,
    category: c.category as never,
    channel: c.channel as never,
    receivedAt: new Date(c.receivedAt).toISOString(),
    firstResponseDueAt: deadlines.firstResponseDueAt.toISOString(),
    resolutionDueAt: deadlines.resolutionDueAt.toISOString(),
    slaDueAt: nextSlaDue(deadlines)?.toISOString() ?? null,
    slaBreached: slaBreached(deadlines, now),
    closedAt: iso(c.closedAt ?? c.resolvedAt),
    assignee: userRef(c.assigneeId, c.assigneeName),
  };
};

const toTask = (t: repo.TaskJson, now: Date) => {
  const dueAt = new Date(t.dueAt);
  const link = t.caseId
    ? { kind: 'case' as const, id: t.caseId }
    : t.dealId
      ? { kind: 'deal' as const, id: t.dealId }
      : t.invoiceId
        ? { kind: 'invoice' as const, id: t.invoiceId }
        : null;
  return {
    id: t.id,
    title: t.title,
    dueAt: dueAt.toISOString(),
    overdue: dueAt.getTime() < now.getTime(),
    assignee: userRef(t.assigneeId, t.assigneeName),
    link,
  };
};

/** The record sections of an account as the API shows them; hidden sections are absent. */
const toSections = (
  ctx: AppContext,
  s: repo.SectionsRow,
  shown: readonly AccountSection[],
  hidden: AccountSection[],
  open: (row: repo.TimelineJson) => string | null,
) => {
  const now = ctx.now();
  const today = businessDate(now);
  const has = (section: AccountSection) => shown.includes(section);
  return {
    ...(has('timeline') ? { timeline: toTimeline(s.timeline ?? [], s.timelineTotal ?? 0, open) } : {}),
    ...(has('invoices') ? { invoices: toInvoices(s, today) } : {}),
    ...(has('deals')
      ? { deals: { open: (s.openDeals ?? []).map(toDeal), closed: (s.closedDeals ?? []).map(toDeal) } }
      : {}),
    ...(has('orders')
      ? {
          orders: {
            items: (s.orders ?? []).map((o) => ({ ...o, status: o.status as never })),
            total: s.ordersTotal ?? 0,
          },
        }
      : {}),
    ...(has('cases')
      ? {
          cases: {
            open: (s.openCases ?? []).map((c) => toCase(c, now)),
            closed: (s.closedCases ?? []).map((c) => toCase(c, now)),
          },
        }
      : {}),
    tasks: (s.tasks ?? []).map((t) => toTask(t, now)),
    consents: [] as unknown[],
    hiddenSections: hidden,
  };
};

const loadPersonAccount = async (tx: Tx, ctx: AppContext, actor: Actor, id: string) => {
  const visibility = visibilityOf(actor);
  const shown = visibleSections(actor.role);
  // the person and every section in one statement; the sections are only read when the person is
  // found and visible (no row: 404)
  const row = await personWithTagsQuery(tx, id, visibility)
    .select(
      repo
        .sectionsColumn(
          { kind: 'person', personId: id },
          { visibility, sections: shown, today: businessDate(ctx.now()), taskViewer: taskViewerOf(actor) },
        )
        .as('account_sections'),
    )
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', { params: { entity: 'person' } });
  const sections: repo.SectionsRow = row.account_sections ?? {};
  // interaction contents are sealed under the person's data key (null once the key is shredded)
  const dataKey = shown.includes('timeline')
    ? unwrapSubjectKey(ctx, {
        tenantId: actor.tenantId,
        subjectId: id,
        wrapped: row.wrapped_key,
        masterKeyId: row.master_key_id,
      })
    : null;
  const open = (item: repo.TimelineJson) =>
    openValue(dataKey, { table: 'interactions', recordId: item.id, column: 'body' }, item.body);
  return {
    person: { ...toPersonSummary(row, row.tags, actor.role), hiddenFields: hiddenFieldsFor(actor.role) },
    privacy: {
      legalBasis: row.legal_basis as never,
      purposes: row.purposes,
      source: { kind: row.source_kind, detail: row.source_detail },
      collectedAt: row.collected_at.toISOString(),
      expiresAt: row.expires_at ? row.expires_at.toISOString() : null,
      billingRetainedUntil: sections.billingRetainedUntil ?? null,
      restricted: false,
    },
    ...toSections(ctx, sections, shown, hiddenSections(actor.role), open),
  };
};

/**
 * The account of a person: what a service agent needs during a call, in one transaction. The read
 * is recorded in the audit trail with the person fields and the sections shown.
 */
export const getPersonAccount = (ctx: AppContext, actor: Actor, id: string) =>
  readAudited(
    ctx,
    actor.tenantId,
    (tx) => loadPersonAccount(tx, ctx, actor, id),
    (account) => ({
      actor,
      action: 'read',
      subject: { type: 'person', id },
      fields: [
        ...SUMMARY_FIELDS.filter((f) => !account.person.hiddenFields.includes(f)),
        'privacy',
        ...visibleSections(actor.role),
      ],
    }),
  );

const loadOrganizationAccount = async (tx: Tx, ctx: AppContext, actor: Actor, id: string) => {
  const visibility = visibilityOf(actor);
  const org = await repo.findOrganization(tx, id, visibility);
  if (!org) throw new AppError('not_found', { params: { entity: 'organization' } });
  const shown = visibleSections(actor.role);
  const persons = await repo.contactPersons(tx, id, visibility);
  const sections = await repo.readSections(
    tx,
    { kind: 'organization', organizationId: id, visibility },
    { visibility, sections: shown, today: businessDate(ctx.now()), taskViewer: taskViewerOf(actor) },
  );
  const showContact = canRead({ role: actor.role, category: 'contact' });
  const hasAddress = org.street || org.postal_code || org.city || org.country;
  return {
    organization: {
      id: org.id,
      name: org.name,
      kind: org.kind as never,
      email: org.email,
      phone: org.phone,
      website: org.website,
      address: hasAddress
        ? { street: org.street, postalCode: org.postal_code, city: org.city, country: org.country }
        : null,
      customerNumber: org.customer_number,
      customerGroup: org.customer_group_id
        ? { id: org.customer_group_id, name: org.customer_group_name ?? '' }
        : null,
    },
    contactPersons: {
      items: persons.map((p) => ({
        id: p.id,
        kind: p.kind as never,
        firstName: p.first_name,
        lastName: p.last_name,
        jobTitle: p.job_title,
        ...(showContact ? { email: p.email, phone: p.phone } : {}),
      })),
      total: org.person_count,
    },
    // an organisation account lists its contact persons' contacts without their contents
    ...toSections(ctx, sections, shown, hiddenSections(actor.role), () => null),
  };
};

/**
 * The account of an organisation: its records and those of its contact persons the viewer may see.
 * The read is recorded on the organisation with the sections shown.
 */
export const getOrganizationAccount = (ctx: AppContext, actor: Actor, id: string) =>
  readAudited(
    ctx,
    actor.tenantId,
    (tx) => loadOrganizationAccount(tx, ctx, actor, id),
    () => ({
      actor,
      action: 'read',
      subject: { type: 'organization', id },
      fields: ['organization', 'contactPersons', ...visibleSections(actor.role)],
    }),
  );
