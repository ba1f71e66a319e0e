import { describe, expect, it } from 'vitest';
import { ROLES } from '../permissions/roles.ts';
import {
  ACCOUNT_SECTIONS,
  businessDate,
  daysOverdue,
  hiddenSections,
  isOverdue,
  nextSlaDue,
  slaBreached,
  visibleSections,
} from './account-view.ts';

describe('account sections by role', () => {
  it('hides from marketing everything but tasks and consents', () => {
    expect(hiddenSections('marketing')).toEqual(['timeline', 'invoices', 'deals', 'orders', 'cases']);
  });

  it('shows accounting the invoices, deals, orders and cases but not the timeline', () => {
    expect(hiddenSections('accounting')).toEqual(['timeline']);
  });

  it('shows support every section', () => {
    expect(hiddenSections('support')).toEqual([]);
  });

  it('hides invoices and the timeline from readonly', () => {
    expect(hiddenSections('readonly')).toEqual(['timeline', 'invoices']);
  });

  it.each(ROLES)('splits all sections into visible and hidden for %s', (role) => {
    expect([...visibleSections(role), ...hiddenSections(role)].sort()).toEqual([...ACCOUNT_SECTIONS].sort());
  });
});

describe('businessDate', () => {
  it('is the calendar day in Berlin', () => {
    // 23:30 UTC on 1 December is already 2 December in Berlin (UTC+1)
    expect(businessDate(new Date('2026-12-01T23:30:00Z'))).toBe('2026-12-02');
    expect(businessDate(new Date('2026-12-01T22:59:59Z'))).toBe('2026-12-01');
    // summer time: UTC+2
    expect(businessDate(new Date('2026-06-30T22:00:00Z'))).toBe('2026-07-01');
  });

  it('can use another zone', () => {
    expect(businessDate(new Date('2026-12-01T23:30:00Z'), 'UTC')).toBe('2026-12-01');
  });
});

describe('overdue invoices', () => {
  const today = '2026-12-02';
  it('an open invoice is overdue from the day after its due date', () => {
    expect(isOverdue({ status: 'open', dueAt: '2026-12-02' }, today)).toBe(false);
    expect(isOverdue({ status: 'open', dueAt: '2026-12-01' }, today)).toBe(true);
    expect(daysOverdue({ status: 'open', dueAt: '2026-12-01' }, today)).toBe(1);
    expect(daysOverdue({ status: 'open', dueAt: '2026-10-03' }, today)).toBe(60);
  });

  it('paid and cancelled invoices are never overdue', () => {
    expect(isOverdue({ status: 'paid', dueAt: '2020-01-01' }, today)).toBe(false);
    expect(isOverdue({ status: 'cancelled', dueAt: '2020-01-01' }, today)).toBe(false);
    expect(daysOverdue({ status: 'paid', dueAt: '2020-01-01' }, today)).toBe(0);
  });

  it('counts days across the change to summer time', () => {
    expect(daysOverdue({ status: 'open', dueAt: '2026-03-28' }, '2026-03-30')).toBe(2);
  });
});

describe('SLA of a case', () => {
  const now = new Date('2026-12-02T10:00:00Z');
  const base = {
    status: 'open',
    firstResponseDueAt: new Date('2026-12-02T12:00:00Z'),
    resolutionDueAt: new Date('2026-12-05T12:00:00Z'),
    firstRespondedAt: null,
  };

  it('waits for the first response first', () => {
    expect(nextSlaDue(base)).toEqual(base.firstResponseDueAt);
    expect(slaBreached(base, now)).toBe(false);
    expect(slaBreached(base, new Date('2026-12-02T12:00:01Z'))).toBe(true);
  });

  it('then for the resolution', () => {
    const answered = { ...base, firstRespondedAt: new Date('2026-12-02T09:00:00Z') };
    expect(nextSlaDue(answered)).toEqual(base.resolutionDueAt);
    expect(slaBreached(answered, new Date('2026-12-03T12:00:00Z'))).toBe(false);
    expect(slaBreached(answered, new Date('2026-12-05T12:00:01Z'))).toBe(true);
  });

  it('takes the resolution when it is due before the first response', () => {
    const odd = { ...base, resolutionDueAt: new Date('2026-12-02T11:00:00Z') };
    expect(nextSlaDue(odd)).toEqual(odd.resolutionDueAt);
  });

  it.each(['resolved', 'closed'])('has no deadline once %s', (status) => {
    const done = { ...base, status };
    expect(nextSlaDue(done)).toBeNull();
    expect(slaBreached(done, new Date('2030-01-01T00:00:00Z'))).toBe(false);
  });

  it.each(['new', 'open', 'waiting'])('counts %s as open', (status) => {
    expect(nextSlaDue({ ...base, status })).not.toBeNull();
  });
});
