import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import {
  applyCaseStatusChange,
  CASE_STATUSES,
  CASE_TRANSITIONS,
  type CaseStatus,
  canChangeCaseStatus,
} from './case-status.ts';
import { CASE_PRIORITIES, caseSla, SLA_POLICIES, slaDueTimes, slaState, worstSlaState } from './sla.ts';

const at = (iso: string) => new Date(iso);
const iso = (d: Date) => d.toISOString();

describe('slaDueTimes', () => {
  it.each([
    // urgent runs 24/7: a Saturday case is due the same Saturday
    ['urgent', '2026-01-17T12:00:00Z', '2026-01-17T13:00:00.000Z', '2026-01-17T20:00:00.000Z'],
    ['urgent', '2026-12-25T23:30:00Z', '2026-12-26T00:30:00.000Z', '2026-12-26T07:30:00.000Z'],
    // high: 4 / 16 business hours
    ['high', '2026-01-12T08:00:00Z', '2026-01-12T12:00:00.000Z', '2026-01-13T14:00:00.000Z'],
    // normal: one business day / one business week; Friday 17:00 CET
    ['normal', '2026-01-16T16:00:00Z', '2026-01-19T16:00:00.000Z', '2026-01-23T16:00:00.000Z'],
    // low: two business days / two business weeks
    ['low', '2026-01-12T07:00:00Z', '2026-01-13T17:00:00.000Z', '2026-01-23T17:00:00.000Z'],
    // normal, received on Karfreitag: counted from Tuesday after Easter
    ['normal', '2026-04-03T10:00:00Z', '2026-04-07T16:00:00.000Z', '2026-04-13T16:00:00.000Z'],
  ] as const)('%s received %s: first response %s, resolution %s', (priority, received, first, resolution) => {
    const due = slaDueTimes({ priority, receivedAt: at(received) });
    expect(iso(due.firstResponseDueAt)).toBe(first);
    expect(iso(due.resolutionDueAt)).toBe(resolution);
  });

  it('has a policy for every priority, first response before resolution, urgent on the 24/7 clock', () => {
    for (const priority of CASE_PRIORITIES) {
      const p = SLA_POLICIES[priority];
      expect(p.firstResponseHours).toBeGreaterThan(0);
      expect(p.resolutionHours).toBeGreaterThan(p.firstResponseHours);
    }
    expect(SLA_POLICIES.urgent.clock).toBe('calendar');
  });

  it('takes the policies as data', () => {
    const due = slaDueTimes({
      priority: 'low',
      receivedAt: at('2026-01-12T07:00:00Z'),
      policies: { ...SLA_POLICIES, low: { firstResponseHours: 2, resolutionHours: 3, clock: 'calendar' } },
    });
    expect(iso(due.firstResponseDueAt)).toBe('2026-01-12T09:00:00.000Z');
    expect(iso(due.resolutionDueAt)).toBe('2026-01-12T10:00:00.000Z');
  });
});

describe('slaState', () => {
  const startAt = at('2026-01-12T10:00:00Z');
  const dueAt = at('2026-01-12T14:00:00Z'); // 4 h: 25 % is 1 h
  it.each([
    ['done before due', null, '2026-01-12T13:59:00Z', 'met'],
    ['done exactly at due', null, '2026-01-12T14:00:00Z', 'met'],
    ['done late', null, '2026-01-12T14:00:01Z', 'breached'],
    ['plenty of time', '2026-01-12T11:00:00Z', null, 'ok'],
    ['exactly one hour left', '2026-01-12T13:00:00Z', null, 'ok'],
    ['less than one hour left', '2026-01-12T13:00:01Z', null, 'due_soon'],
    ['due this very moment', '2026-01-12T14:00:00Z', null, 'due_soon'],
    ['one second late', '2026-01-12T14:00:01Z', null, 'breached'],
    ['days late', '2026-01-20T09:00:00Z', null, 'breached'],
  ])('%s → %s', (_label, now, doneAt, expected) => {
    expect(
      slaState({
        startAt,
        dueAt,
        doneAt: doneAt ? at(doneAt) : null,
        now: at(now ?? '2026-01-12T12:00:00Z'),
      }),
    ).toBe(expected);
  });

  it('is due soon when less than a quarter of a long span is left', () => {
    const start = at('2026-01-12T00:00:00Z');
    const due = at('2026-01-13T16:00:00Z'); // 40 h: a quarter is 10 h
    expect(slaState({ startAt: start, dueAt: due, doneAt: null, now: at('2026-01-13T05:59:00Z') })).toBe(
      'ok',
    );
    expect(slaState({ startAt: start, dueAt: due, doneAt: null, now: at('2026-01-13T06:00:01Z') })).toBe(
      'due_soon',
    );
  });

  it('without a start uses the one-hour rule only', () => {
    const now = at('2026-01-12T12:00:00Z');
    expect(slaState({ dueAt: at('2026-01-12T14:00:00Z'), doneAt: null, now })).toBe('ok');
    expect(slaState({ dueAt: at('2026-01-12T12:30:00Z'), doneAt: null, now })).toBe('due_soon');
  });

  it('orders states by severity', () => {
    expect(worstSlaState('met', 'ok')).toBe('ok');
    expect(worstSlaState('ok', 'due_soon', 'met')).toBe('due_soon');
    expect(worstSlaState('breached', 'due_soon')).toBe('breached');
    expect(worstSlaState()).toBe('met');
  });

  it('combines both targets of a case; a resolution without an answer also answers', () => {
    const base = {
      receivedAt: at('2026-01-12T08:00:00Z'),
      firstResponseDueAt: at('2026-01-12T12:00:00Z'),
      resolutionDueAt: at('2026-01-13T14:00:00Z'),
    };
    expect(
      caseSla({ ...base, firstRespondedAt: null, resolvedAt: null, now: at('2026-01-12T13:00:00Z') }),
    ).toEqual({ firstResponse: 'breached', resolution: 'ok', state: 'breached' });
    expect(
      caseSla({
        ...base,
        firstRespondedAt: at('2026-01-12T09:00:00Z'),
        resolvedAt: null,
        now: at('2026-01-13T13:30:00Z'),
      }),
    ).toEqual({ firstResponse: 'met', resolution: 'due_soon', state: 'due_soon' });
    expect(
      caseSla({
        ...base,
        firstRespondedAt: null,
        resolvedAt: at('2026-01-12T10:00:00Z'),
        now: at('2026-02-01T00:00:00Z'),
      }),
    ).toEqual({ firstResponse: 'met', resolution: 'met', state: 'met' });
  });
});

describe('case status changes', () => {
  const allowed: Record<CaseStatus, CaseStatus[]> = {
    new: ['open', 'waiting', 'resolved'],
    open: ['waiting', 'resolved'],
    waiting: ['open', 'resolved'],
    resolved: ['closed', 'open'],
    closed: [],
  };
  const pairs = CASE_STATUSES.flatMap((from) => CASE_STATUSES.map((to) => [from, to] as const));

  it.each(pairs)('%s → %s', (from, to) => {
    const expected = from === to || allowed[from].includes(to);
    expect(canChangeCaseStatus(from, to)).toBe(expected);
    expect(CASE_TRANSITIONS[from].includes(to)).toBe(allowed[from].includes(to));
    const now = at('2026-01-12T12:00:00Z');
    const current = { status: from, resolvedAt: null, closedAt: null };
    if (expected) {
      expect(applyCaseStatusChange(current, to, now).status).toBe(to);
    } else {
      try {
        applyCaseStatusChange(current, to, now);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).code).toBe('invalid_status_change');
        expect((error as AppError).params).toEqual({ from, to });
      }
    }
  });

  it('stamps resolution and closing, and a reopen clears both', () => {
    const t1 = at('2026-01-12T12:00:00Z');
    const t2 = at('2026-01-13T12:00:00Z');
    const resolved = applyCaseStatusChange(
      { status: 'open', resolvedAt: null, closedAt: null },
      'resolved',
      t1,
    );
    expect(resolved).toEqual({ status: 'resolved', resolvedAt: t1, closedAt: null });
    expect(applyCaseStatusChange(resolved, 'closed', t2)).toEqual({
      status: 'closed',
      resolvedAt: t1,
      closedAt: t2,
    });
    expect(applyCaseStatusChange(resolved, 'open', t2)).toEqual({
      status: 'open',
      resolvedAt: null,
      closedAt: null,
    });
    const same = { status: 'waiting' as const, resolvedAt: null, closedAt: null };
    expect(applyCaseStatusChange(same, 'waiting', t2)).toBe(same);
  });
});
