import { berlinDay, isoDay } from '../service/business-calendar.ts';

/*
 * The life of a campaign: its status transitions, the key of each run (a one-off campaign runs once, a
 * birthday campaign once per Berlin day, a yearly greeting once per year) and when a recurring campaign
 * is due. Pure rules; the clock is passed in.
 */

export const CAMPAIGN_STATUSES = ['draft', 'scheduled', 'sending', 'sent', 'cancelled'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
export const CAMPAIGN_KINDS = ['email', 'letter'] as const;
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];
export const CAMPAIGN_OCCASIONS = ['newsletter', 'offer', 'birthday', 'seasonal', 'survey', 'other'] as const;
export const CAMPAIGN_RECURRENCES = ['none', 'birthday', 'yearly'] as const;
export type CampaignRecurrence = (typeof CAMPAIGN_RECURRENCES)[number];

/**
 * draft → scheduled → sending → sent; draft → sending (send now); draft and scheduled → cancelled;
 * a recurring campaign goes back from sending to scheduled after each run (and waits for the next).
 */
const TRANSITIONS: Record<CampaignStatus, readonly CampaignStatus[]> = {
  draft: ['scheduled', 'sending', 'cancelled'],
  scheduled: ['sending', 'cancelled'],
  sending: ['sent', 'scheduled'],
  sent: [],
  cancelled: [],
};

export const canTransition = (
  from: CampaignStatus,
  to: CampaignStatus,
  recurrence: CampaignRecurrence = 'none',
): boolean => {
  if (!TRANSITIONS[from].includes(to)) return false;
  // a one-off run ends in 'sent'; a recurring one returns to 'scheduled'
  if (from === 'sending' && to === 'scheduled') return recurrence !== 'none';
  if (from === 'sending' && to === 'sent') return recurrence === 'none';
  return true;
};

/** The statuses from which a run may start (the concurrency guard of `update … where status in`). */
export const SENDABLE_STATUSES: readonly CampaignStatus[] = ['draft', 'scheduled'];

/** Only drafts are edited; what was scheduled or sent stays as it was (provable). */
export const isEditable = (status: CampaignStatus) => status === 'draft';

/** The status after a run: sent for a one-off campaign, scheduled again for a recurring one. */
export const statusAfterRun = (recurrence: CampaignRecurrence): CampaignStatus =>
  recurrence === 'none' ? 'sent' : 'scheduled';

/** The Berlin calendar date of an instant, YYYY-MM-DD. */
export const berlinDate = (at: Date): string => isoDay(berlinDay(at));

/**
 * The key of the run at this instant: 'once' for a one-off campaign, the Berlin date (YYYY-MM-DD) for
 * a birthday campaign, the Berlin year (YYYY) for a yearly one. One person gets at most one mail per
 * campaign and run key.
 */
export const runKeyOf = (recurrence: CampaignRecurrence, now: Date): string => {
  if (recurrence === 'none') return 'once';
  const day = berlinDay(now);
  return recurrence === 'birthday' ? isoDay(day) : String(day.year);
};

export const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** The day (YYYY-MM-DD) a yearly recurrence date (MM-DD) falls on in a year; 29 Feb → 28 Feb in other years. */
export const recurrenceDayIn = (recurrenceDate: string, year: number): string => {
  const [month, day] = recurrenceDate.split('-').map(Number) as [number, number];
  const d = month === 2 && day === 29 && !isLeapYear(year) ? 28 : day;
  return isoDay({ year, month, day: d });
};

/** Whether a MM-DD recurrence date names a real calendar day (29 Feb counts). */
export const isValidRecurrenceDate = (value: string): boolean => {
  const m = /^(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const month = Number(m[1]);
  const day = Number(m[2]);
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(2024, month, 0)).getUTCDate();
};

export type CampaignTiming = {
  status: CampaignStatus;
  kind: CampaignKind;
  recurrence: CampaignRecurrence;
  recurrenceDate: string | null;
  scheduledAt: Date | null;
  lastRunKey: string | null;
};

/**
 * Whether the scheduler runs this campaign now, and under which run key. Only scheduled e-mail
 * campaigns (letters are printed on demand); a one-off one once its time has come; a birthday one
 * every Berlin day (from its start time on); a yearly one on its date in Berlin (29 Feb → 28 Feb in
 * other years). Never twice under the same run key.
 */
export const dueRun = (c: CampaignTiming, now: Date): { due: true; runKey: string } | { due: false } => {
  if (c.status !== 'scheduled' || c.kind !== 'email') return { due: false };
  if (c.scheduledAt && c.scheduledAt.getTime() > now.getTime()) return { due: false };
  if (c.recurrence === 'none' && !c.scheduledAt) return { due: false };
  const runKey = runKeyOf(c.recurrence, now);
  if (c.lastRunKey === runKey) return { due: false };
  if (c.recurrence === 'yearly') {
    if (!c.recurrenceDate) return { due: false };
    const today = berlinDay(now);
    if (recurrenceDayIn(c.recurrenceDate, today.year) !== isoDay(today)) return { due: false };
  }
  return { due: true, runKey };
};

/** The Berlin date whose birthdays a birthday run greets (undefined for other campaigns). */
export const birthdayOfRun = (recurrence: CampaignRecurrence, now: Date): string | undefined =>
  recurrence === 'birthday' ? berlinDate(now) : undefined;
