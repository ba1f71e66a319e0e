import { describe, expect, it } from 'vitest';
import {
  birthdayOfRun,
  type CampaignTiming,
  canTransition,
  dueRun,
  isEditable,
  isValidRecurrenceDate,
  recurrenceDayIn,
  runKeyOf,
  statusAfterRun,
} from './campaign-rules.ts';

// 2026-06-14 23:30 UTC is already 15 June in Berlin (summer time, UTC+2)
const LATE_EVENING_UTC = new Date('2026-06-14T23:30:00Z');
const NOON = new Date('2026-06-15T10:00:00Z');

const timing = (over: Partial<CampaignTiming> = {}): CampaignTiming => ({
  status: 'scheduled',
  kind: 'email',
  recurrence: 'none',
  recurrenceDate: null,
  scheduledAt: new Date('2026-06-15T08:00:00Z'),
  lastRunKey: null,
  ...over,
});

describe('campaign status transitions', () => {
  it('goes draft → scheduled → sending → sent, or cancelled from draft and scheduled', () => {
    expect(canTransition('draft', 'scheduled')).toBe(true);
    expect(canTransition('draft', 'sending')).toBe(true);
    expect(canTransition('scheduled', 'sending')).toBe(true);
    expect(canTransition('sending', 'sent')).toBe(true);
    expect(canTransition('draft', 'cancelled')).toBe(true);
    expect(canTransition('scheduled', 'cancelled')).toBe(true);
  });
  it('never leaves sent or cancelled, never cancels while sending, never goes back to draft', () => {
    for (const to of ['draft', 'scheduled', 'sending', 'sent', 'cancelled'] as const) {
      expect(canTransition('sent', to)).toBe(false);
      expect(canTransition('cancelled', to)).toBe(false);
    }
    expect(canTransition('sending', 'cancelled')).toBe(false);
    expect(canTransition('scheduled', 'draft')).toBe(false);
    expect(canTransition('draft', 'sent')).toBe(false);
  });
  it('returns a recurring campaign to scheduled after a run; a one-off one ends in sent', () => {
    expect(canTransition('sending', 'scheduled', 'birthday')).toBe(true);
    expect(canTransition('sending', 'scheduled', 'none')).toBe(false);
    expect(canTransition('sending', 'sent', 'yearly')).toBe(false);
    expect(statusAfterRun('none')).toBe('sent');
    expect(statusAfterRun('birthday')).toBe('scheduled');
    expect(statusAfterRun('yearly')).toBe('scheduled');
  });
  it('edits drafts only', () => {
    expect(isEditable('draft')).toBe(true);
    for (const s of ['scheduled', 'sending', 'sent', 'cancelled'] as const) expect(isEditable(s)).toBe(false);
  });
});

describe('run keys', () => {
  it('is once for a one-off campaign, the Berlin date for birthdays, the Berlin year for yearly ones', () => {
    expect(runKeyOf('none', NOON)).toBe('once');
    expect(runKeyOf('birthday', NOON)).toBe('2026-06-15');
    expect(runKeyOf('birthday', LATE_EVENING_UTC)).toBe('2026-06-15');
    expect(runKeyOf('yearly', NOON)).toBe('2026');
    expect(runKeyOf('yearly', new Date('2026-12-31T23:30:00Z'))).toBe('2027');
    expect(birthdayOfRun('birthday', LATE_EVENING_UTC)).toBe('2026-06-15');
    expect(birthdayOfRun('yearly', NOON)).toBeUndefined();
  });
});

describe('recurrence dates', () => {
  it('moves 29 February to 28 February in years without it', () => {
    expect(recurrenceDayIn('02-29', 2027)).toBe('2027-02-28');
    expect(recurrenceDayIn('02-29', 2028)).toBe('2028-02-29');
    expect(recurrenceDayIn('02-29', 2100)).toBe('2100-02-28');
    expect(recurrenceDayIn('02-29', 2000)).toBe('2000-02-29');
    expect(recurrenceDayIn('12-24', 2026)).toBe('2026-12-24');
  });
  it('accepts real calendar days only', () => {
    for (const ok of ['01-01', '02-29', '12-31', '04-30']) expect(isValidRecurrenceDate(ok)).toBe(true);
    for (const bad of ['02-30', '04-31', '13-01', '00-10', '1-1', '12-00', 'xx-yy'])
      expect(isValidRecurrenceDate(bad)).toBe(false);
  });
});

describe('when a campaign is due', () => {
  it('runs a one-off scheduled campaign once its time has come, once', () => {
    expect(dueRun(timing(), new Date('2026-06-15T07:59:59Z'))).toEqual({ due: false });
    expect(dueRun(timing(), NOON)).toEqual({ due: true, runKey: 'once' });
    expect(dueRun(timing({ lastRunKey: 'once' }), NOON)).toEqual({ due: false });
    expect(dueRun(timing({ scheduledAt: null }), NOON)).toEqual({ due: false });
  });
  it('runs only scheduled e-mail campaigns', () => {
    for (const status of ['draft', 'sending', 'sent', 'cancelled'] as const)
      expect(dueRun(timing({ status }), NOON)).toEqual({ due: false });
    expect(dueRun(timing({ kind: 'letter' }), NOON)).toEqual({ due: false });
  });
  it('runs a birthday campaign every Berlin day, once per day, from its start on', () => {
    const birthday = timing({ recurrence: 'birthday', scheduledAt: new Date('2026-06-01T00:00:00Z') });
    expect(dueRun(birthday, NOON)).toEqual({ due: true, runKey: '2026-06-15' });
    expect(dueRun({ ...birthday, lastRunKey: '2026-06-15' }, NOON)).toEqual({ due: false });
    expect(dueRun({ ...birthday, lastRunKey: '2026-06-14' }, LATE_EVENING_UTC)).toEqual({
      due: true,
      runKey: '2026-06-15',
    });
    expect(dueRun({ ...birthday, scheduledAt: new Date('2026-07-01T00:00:00Z') }, NOON)).toEqual({
      due: false,
    });
    expect(dueRun({ ...birthday, scheduledAt: null }, NOON)).toEqual({ due: true, runKey: '2026-06-15' });
  });
  it('runs a yearly campaign on its Berlin date, once per year; 29 February on 28 February otherwise', () => {
    const xmas = timing({ recurrence: 'yearly', recurrenceDate: '12-24', scheduledAt: null });
    expect(dueRun(xmas, new Date('2026-12-23T22:59:00Z'))).toEqual({ due: false });
    expect(dueRun(xmas, new Date('2026-12-23T23:00:00Z'))).toEqual({ due: true, runKey: '2026' });
    expect(dueRun({ ...xmas, lastRunKey: '2026' }, new Date('2026-12-24T10:00:00Z'))).toEqual({ due: false });
    expect(dueRun({ ...xmas, lastRunKey: '2025' }, new Date('2026-12-24T10:00:00Z'))).toEqual({
      due: true,
      runKey: '2026',
    });
    expect(dueRun(xmas, new Date('2026-12-25T10:00:00Z'))).toEqual({ due: false });
    const leap = timing({ recurrence: 'yearly', recurrenceDate: '02-29', scheduledAt: null });
    expect(dueRun(leap, new Date('2027-02-28T10:00:00Z'))).toEqual({ due: true, runKey: '2027' });
    expect(dueRun(leap, new Date('2028-02-28T10:00:00Z'))).toEqual({ due: false });
    expect(dueRun(leap, new Date('2028-02-29T10:00:00Z'))).toEqual({ due: true, runKey: '2028' });
  });
});
