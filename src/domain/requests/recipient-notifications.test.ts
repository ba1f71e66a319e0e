import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import {
  applyNotificationChange,
  type NotificationResolution,
  type NotificationStatus,
  notificationAgeDays,
} from './recipient-notifications.ts';

const NOW = new Date('2026-03-10T09:00:00Z');

const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return null;
  } catch (error) {
    return error instanceof AppError ? error.code : 'unexpected';
  }
};

describe('applyNotificationChange', () => {
  const cases: [NotificationStatus, NotificationResolution, string | undefined, string | null, boolean][] = [
    // from, to, note, expected error code, resolved
    ['open', 'sent', undefined, null, false],
    ['open', 'confirmed', undefined, null, true],
    ['open', 'impossible', 'Empfänger existiert nicht mehr', null, true],
    ['open', 'impossible', undefined, 'validation_failed', false],
    ['open', 'impossible', '   ', 'validation_failed', false],
    ['sent', 'sent', undefined, null, false],
    ['sent', 'confirmed', 'Bestätigung per E-Mail', null, true],
    ['sent', 'impossible', 'unverhältnismäßiger Aufwand', null, true],
    ['confirmed', 'sent', undefined, 'invalid_status_change', false],
    ['confirmed', 'impossible', 'x', 'invalid_status_change', false],
    ['impossible', 'confirmed', undefined, 'invalid_status_change', false],
    ['impossible', 'impossible', 'x', 'invalid_status_change', false],
  ];
  it.each(cases)('%s → %s (note %s): error %s, resolved %s', (from, to, note, code, resolved) => {
    expect(codeOf(() => applyNotificationChange({ status: from }, { status: to, note }, NOW))).toBe(code);
    if (code) return;
    const next = applyNotificationChange({ status: from }, { status: to, note }, NOW);
    expect(next.status).toBe(to);
    expect(next.resolvedAt).toEqual(resolved ? NOW : null);
  });
});

describe('notificationAgeDays', () => {
  it.each([
    ['2026-03-10T08:00:00Z', 0],
    ['2026-03-09T09:00:00Z', 1],
    ['2026-03-09T09:00:01Z', 0],
    ['2026-02-08T09:00:00Z', 30],
    ['2026-03-11T09:00:00Z', 0],
  ])('created %s → %i days', (created, days) => {
    expect(notificationAgeDays(new Date(created), NOW)).toBe(days);
  });
});
