/**
 * Rules of the customer account view: which sections a role sees, the business calendar day that
 * decides whether an invoice is overdue, and the next SLA deadline of a support case. No I/O.
 */
import type { Role } from '../permissions/roles.ts';
import { canRead } from '../permissions/roles.ts';
import type { DataCategory } from '../privacy/data-categories.ts';

/** The record sections of an account, each governed by a data category (null: shown to every role). */
export const ACCOUNT_SECTIONS = [
  'timeline',
  'invoices',
  'deals',
  'orders',
  'cases',
  'tasks',
  'consents',
] as const;
export type AccountSection = (typeof ACCOUNT_SECTIONS)[number];

export const SECTION_CATEGORIES: Record<AccountSection, DataCategory | null> = {
  timeline: 'communication',
  invoices: 'billing',
  deals: 'contract',
  orders: 'contract',
  cases: 'service',
  // the viewer's own tasks (assigned or created; admin and DPO: all), naming only records they may read
  tasks: null,
  // the consent ledger belongs to the person's privacy facts, which every role with access to the person reads
  consents: null,
};

export const sectionVisible = (role: Role, section: AccountSection): boolean => {
  const category = SECTION_CATEGORIES[section];
  return category === null || canRead({ role, category });
};

export const visibleSections = (role: Role): AccountSection[] =>
  ACCOUNT_SECTIONS.filter((s) => sectionVisible(role, s));

export const hiddenSections = (role: Role): AccountSection[] =>
  ACCOUNT_SECTIONS.filter((s) => !sectionVisible(role, s));

/** Custos serves German-speaking companies: due dates are calendar days in this zone. */
export const BUSINESS_TIME_ZONE = 'Europe/Berlin';

// building an Intl.DateTimeFormat with a time zone costs far more than formatting with it: one per zone
const dayFormats = new Map<string, Intl.DateTimeFormat>();
const dayFormat = (timeZone: string) => {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormats.set(timeZone, format);
  }
  return format;
};

/** The calendar day (YYYY-MM-DD) of `now` in the business time zone. */
export const businessDate = (now: Date, timeZone = BUSINESS_TIME_ZONE): string => {
  const parts = dayFormat(timeZone).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
};

/** An open invoice is overdue from the day after its due date. */
export const isOverdue = (invoice: { status: string; dueAt: string }, today: string): boolean =>
  invoice.status === 'open' && invoice.dueAt < today;

/** Whole days an open invoice is past its due date (0 when not overdue). */
export const daysOverdue = (invoice: { status: string; dueAt: string }, today: string): number =>
  isOverdue(invoice, today)
    ? Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${invoice.dueAt}T00:00:00Z`)) / 86_400_000)
    : 0;

export type CaseDeadlines = {
  status: string;
  firstResponseDueAt: Date;
  resolutionDueAt: Date;
  firstRespondedAt: Date | null;
};

const CLOSED_CASE_STATUSES = ['resolved', 'closed'];

export const isCaseOpen = (status: string) => !CLOSED_CASE_STATUSES.includes(status);

/**
 * The next SLA deadline of an open case: the first response until someone answered, then the
 * resolution (whichever of the pending ones comes first); null for a resolved or closed case.
 */
export const nextSlaDue = (c: CaseDeadlines): Date | null => {
  if (!isCaseOpen(c.status)) return null;
  if (c.firstRespondedAt === null && c.firstResponseDueAt < c.resolutionDueAt) return c.firstResponseDueAt;
  return c.resolutionDueAt;
};

/** Whether an open case has missed a deadline by `now`. */
export const slaBreached = (c: CaseDeadlines, now: Date): boolean => {
  const due = nextSlaDue(c);
  return due !== null && due.getTime() < now.getTime();
};
