import { z } from 'zod';
import { ACCOUNT_SECTIONS } from '../../domain/accounts/account-view.ts';
import { LEGAL_BASES } from '../../domain/privacy/legal-bases.ts';
import { AddressOut, UserRef } from '../../server/http-schemas.ts';
import { ORGANIZATION_KINDS } from '../organizations/organizations.schemas.ts';
import { PERSON_KINDS, PersonSummary } from '../persons/persons.schemas.ts';

const Amount = z.string().describe('Decimal amount with a dot and two decimals, e.g. "1234.50"');
const Currency = z.string().describe('ISO 4217 currency code');
const CalendarDate = z.string().describe('Calendar date YYYY-MM-DD');

const MoneyTotal = z.object({ currency: Currency, amount: Amount }).meta({ id: 'AccountMoneyTotal' });
const PersonRef = z.object({ id: z.string(), firstName: z.string(), lastName: z.string() });

const TimelineItem = z
  .object({
    id: z.string(),
    person: PersonRef.describe(
      'Whose contact it was (on an organisation account: one of its contact persons)',
    ),
    kind: z.enum(['call', 'email', 'meeting', 'chat', 'letter', 'note', 'social']),
    direction: z.enum(['inbound', 'outbound', 'internal']).nullable(),
    occurredAt: z.string(),
    subject: z.string(),
    body: z
      .string()
      .nullable()
      .describe("Content; on an organisation account always null (open the person's account for it)"),
    employee: UserRef.nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'AccountTimelineItem' });

const Timeline = z
  .object({
    items: z.array(TimelineItem).describe('The 20 newest contacts, newest first'),
    total: z.number().describe('Number of contacts, counted up to 100 (see totalCapped)'),
    totalCapped: z.boolean().describe('True when there are more than 100 contacts; total is then 100'),
  })
  .meta({ id: 'AccountTimeline' });

const AccountInvoice = z
  .object({
    id: z.string(),
    number: z.string(),
    status: z.enum(['open', 'paid', 'cancelled']),
    issuedAt: CalendarDate,
    dueAt: CalendarDate,
    currency: Currency,
    grossTotal: Amount,
    overdue: z.boolean().describe('Open and past its due date (business day in Europe/Berlin)'),
    daysOverdue: z.number(),
  })
  .meta({ id: 'AccountInvoice' });

const Invoices = z
  .object({
    open: z.array(AccountInvoice).describe('Open invoices, oldest due date first (at most 50)'),
    openCount: z.number(),
    overdueCount: z.number(),
    openTotal: z.array(MoneyTotal).describe('Sum of all open invoices per currency'),
    overdueTotal: z.array(MoneyTotal).describe('Sum of the overdue ones per currency (currencies with any)'),
    paidCount: z.number(),
  })
  .meta({ id: 'AccountInvoices' });

const AccountDeal = z
  .object({
    id: z.string(),
    title: z.string(),
    value: Amount,
    currency: Currency,
    probability: z.number(),
    expectedClose: CalendarDate.nullable(),
    closedAt: z.string().nullable(),
    stage: z.object({
      id: z.string(),
      nameDe: z.string(),
      nameEn: z.string(),
      outcome: z.enum(['open', 'won', 'lost']),
    }),
    owner: UserRef.nullable(),
  })
  .meta({ id: 'AccountDeal' });

const Deals = z
  .object({
    open: z.array(AccountDeal).describe('Open deals by pipeline stage (at most 50)'),
    closed: z.array(AccountDeal).describe('The 5 last won or lost deals'),
  })
  .meta({ id: 'AccountDeals' });

const AccountOrder = z
  .object({
    id: z.string(),
    number: z.string(),
    status: z.enum(['open', 'fulfilled', 'cancelled']),
    orderedAt: CalendarDate,
    currency: Currency,
    grossTotal: Amount,
  })
  .meta({ id: 'AccountOrder' });

const Orders = z
  .object({ items: z.array(AccountOrder).describe('The 10 newest orders'), total: z.number() })
  .meta({ id: 'AccountOrders' });

const AccountCase = z
  .object({
    id: z.string(),
    number: z.string(),
    subject: z.string(),
    status: z.enum(['new', 'open', 'waiting', 'resolved', 'closed']),
    priority: z.enum(['low', 'normal', 'high', 'urgent']),
    category: z.enum(['complaint', 'question', 'defect', 'return', 'billing', 'other']),
    channel: z.enum(['phone', 'email', 'letter', 'web', 'chat', 'in_person']),
    receivedAt: z.string(),
    firstResponseDueAt: z.string(),
    resolutionDueAt: z.string(),
    slaDueAt: z.string().nullable().describe('The next SLA deadline of an open case; null once resolved'),
    slaBreached: z.boolean(),
    closedAt: z.string().nullable().describe('When it was resolved or closed'),
    assignee: UserRef.nullable(),
  })
  .meta({ id: 'AccountCase' });

const Cases = z
  .object({
    open: z.array(AccountCase).describe('Open cases, next resolution deadline first (at most 50)'),
    closed: z.array(AccountCase).describe('The 5 resolved or closed cases received last'),
  })
  .meta({ id: 'AccountCases' });

const AccountTask = z
  .object({
    id: z.string(),
    title: z.string(),
    dueAt: z.string(),
    overdue: z.boolean(),
    assignee: UserRef.nullable(),
    link: z
      .object({ kind: z.enum(['deal', 'case', 'invoice']), id: z.string() })
      .nullable()
      .describe('The record the task is about, if any besides the customer'),
  })
  .meta({ id: 'AccountTask' });

const Sections = {
  timeline: Timeline.optional().describe('Absent when the role may not read communication content'),
  invoices: Invoices.optional().describe('Absent when the role may not read billing data'),
  deals: Deals.optional().describe('Absent when the role may not read contract data'),
  orders: Orders.optional().describe('Absent when the role may not read contract data'),
  cases: Cases.optional().describe('Absent when the role may not read service cases'),
  tasks: z.array(AccountTask).describe('Open tasks linked to the customer, due first (at most 50)'),
  consents: z.array(z.unknown()).describe('The consent ledger (a later release); always empty for now'),
  hiddenSections: z
    .array(z.enum(ACCOUNT_SECTIONS))
    .describe("Sections the viewer's role may not read; they are absent"),
};

export const PersonAccount = z
  .object({
    person: PersonSummary.extend({
      hiddenFields: z.array(z.string()).describe("Person fields the viewer's role may not read"),
    }),
    privacy: z.object({
      legalBasis: z.enum(LEGAL_BASES),
      purposes: z.array(z.string()),
      source: z.object({ kind: z.string(), detail: z.string().nullable() }),
      collectedAt: z.string(),
      expiresAt: z.string().nullable(),
      billingRetainedUntil: CalendarDate.nullable().describe(
        "Until when the person's billing data must be kept (latest retention date of their invoices)",
      ),
      restricted: z.boolean().describe('Processing restricted (Art. 18 GDPR); always false for now'),
    }),
    ...Sections,
  })
  .meta({ id: 'PersonAccount' });

export const OrganizationAccount = z
  .object({
    organization: z.object({
      id: z.string(),
      name: z.string(),
      kind: z.enum(ORGANIZATION_KINDS),
      email: z.string().nullable(),
      phone: z.string().nullable(),
      website: z.string().nullable(),
      address: AddressOut.nullable(),
      customerNumber: z.string().nullable(),
      customerGroup: z.object({ id: z.string(), name: z.string() }).nullable(),
    }),
    contactPersons: z.object({
      items: z.array(
        z.object({
          id: z.string(),
          kind: z.enum(PERSON_KINDS),
          firstName: z.string(),
          lastName: z.string(),
          jobTitle: z.string().nullable(),
          email: z.string().nullable().optional(),
          phone: z.string().nullable().optional(),
        }),
      ),
      total: z.number().describe('Contact persons the viewer may see (the list holds at most 100)'),
    }),
    ...Sections,
  })
  .meta({ id: 'OrganizationAccount' });
