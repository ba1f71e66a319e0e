/**
 * Rules of the breach register (Art. 33/34 GDPR), free of I/O: the 72-hour notification deadline,
 * the content a notification to the supervisory authority must contain (Art. 33(3)), whether a
 * notification is late (Art. 33(1): then it needs the reasons for the delay) and what closing a
 * breach needs.
 */

export const BREACH_NATURES = ['confidentiality', 'integrity', 'availability'] as const;
export type BreachNature = (typeof BREACH_NATURES)[number];
export const BREACH_RISKS = ['none', 'risk', 'high_risk'] as const;
export type BreachRisk = (typeof BREACH_RISKS)[number];
export const SUBJECTS_DECISIONS = ['not_required', 'inform', 'public_communication'] as const;
export type SubjectsDecision = (typeof SUBJECTS_DECISIONS)[number];
export const DEADLINE_STATES = ['open', 'due_soon', 'overdue', 'notified', 'not_required'] as const;
export type DeadlineState = (typeof DEADLINE_STATES)[number];

const HOUR = 3_600_000;
/** Art. 33(1): without undue delay and, where feasible, not later than 72 hours after awareness. */
export const NOTIFY_WITHIN_HOURS = 72;
/** The last day before the deadline counts as "due soon". */
export const DUE_SOON_HOURS = 24;

/** The Art. 33(3) content of a notification, in the order the article lists it. */
export const ART33_CONTENT = [
  'nature',
  'dataCategories',
  'subjectsApprox',
  'recordsApprox',
  'contact',
  'consequences',
  'measures',
] as const;
export type Art33Field = (typeof ART33_CONTENT)[number];

/** What the rules need of a breach (a subset of the API's breach). */
export type BreachFacts = {
  awareAt: Date;
  nature: readonly string[];
  dataCategories: readonly string[];
  subjectsApprox: number | null;
  recordsApprox: number | null;
  contact: string | null;
  consequences: string | null;
  measures: string | null;
  risk: BreachRisk | null;
  authorityNotifiedAt: Date | null;
  subjectsDecision: SubjectsDecision | null;
};

export const notifyBy = (awareAt: Date): Date => new Date(awareAt.getTime() + NOTIFY_WITHIN_HOURS * HOUR);

export type Deadline = { notifyBy: Date; state: DeadlineState; hoursLeft: number | null };

/**
 * The notification deadline of a breach at `now`: notified once the authority notification is
 * recorded; not_required when the DPO assessed no risk (Art. 33(1)); otherwise open, due_soon in the
 * last 24 hours and overdue after 72 hours. hoursLeft are whole hours until the deadline, rounded
 * down (negative when overdue), null when no notification is pending.
 */
export const deadlineOf = (
  breach: Pick<BreachFacts, 'awareAt' | 'risk' | 'authorityNotifiedAt'>,
  now: Date,
): Deadline => {
  const by = notifyBy(breach.awareAt);
  if (breach.authorityNotifiedAt) return { notifyBy: by, state: 'notified', hoursLeft: null };
  if (breach.risk === 'none') return { notifyBy: by, state: 'not_required', hoursLeft: null };
  const left = by.getTime() - now.getTime();
  const hoursLeft = Math.floor(left / HOUR);
  const state: DeadlineState = left < 0 ? 'overdue' : left <= DUE_SOON_HOURS * HOUR ? 'due_soon' : 'open';
  return { notifyBy: by, state, hoursLeft };
};

const blank = (v: string | null) => v === null || v.trim() === '';

const IS_MISSING: Record<Art33Field, (b: BreachFacts) => boolean> = {
  nature: (b) => b.nature.length === 0,
  dataCategories: (b) => b.dataCategories.length === 0,
  subjectsApprox: (b) => b.subjectsApprox === null,
  recordsApprox: (b) => b.recordsApprox === null,
  contact: (b) => blank(b.contact),
  consequences: (b) => blank(b.consequences),
  measures: (b) => blank(b.measures),
};

/** The Art. 33(3) content still missing, in the article's order. */
export const missingContent = (breach: BreachFacts): Art33Field[] =>
  ART33_CONTENT.filter((field) => IS_MISSING[field](breach));

/** A notification after awareAt + 72 h is late and must give the reasons for the delay (Art. 33(1)). */
export const isLateNotification = (awareAt: Date, notifiedAt: Date): boolean =>
  notifiedAt.getTime() > notifyBy(awareAt).getTime();

export const CLOSE_REQUIREMENTS = ['risk', 'authorityNotification', 'subjectsDecision'] as const;
export type CloseRequirement = (typeof CLOSE_REQUIREMENTS)[number];

/**
 * What is still missing before a breach may be closed: a risk assessment; with a risk, the authority
 * notification (Art. 33(1)); with a high risk, the decision on informing the data subjects (Art. 34).
 */
export const closeMissing = (breach: BreachFacts): CloseRequirement[] => {
  const missing: CloseRequirement[] = [];
  if (breach.risk === null) return ['risk'];
  if (breach.risk !== 'none' && !breach.authorityNotifiedAt) missing.push('authorityNotification');
  if (breach.risk === 'high_risk' && !breach.subjectsDecision) missing.push('subjectsDecision');
  return missing;
};
