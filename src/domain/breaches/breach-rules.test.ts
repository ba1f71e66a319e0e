import { describe, expect, it } from 'vitest';
import {
  type BreachFacts,
  closeMissing,
  deadlineOf,
  isLateNotification,
  missingContent,
  notifyBy,
} from './breach-rules.ts';

const AWARE = new Date('2026-03-02T09:00:00Z');
const plusHours = (hours: number) => new Date(AWARE.getTime() + hours * 3_600_000);

const complete: BreachFacts = {
  awareAt: AWARE,
  nature: ['confidentiality'],
  dataCategories: ['contact'],
  subjectsApprox: 120,
  recordsApprox: 300,
  contact: 'Datenschutzbeauftragte, dsb@example.de',
  consequences: 'Phishing-Mails an Betroffene möglich',
  measures: 'Zugang gesperrt, Passwörter zurückgesetzt',
  risk: 'risk',
  authorityNotifiedAt: null,
  subjectsDecision: null,
};

describe('notifyBy', () => {
  it('is 72 hours after awareness', () => {
    expect(notifyBy(AWARE).toISOString()).toBe('2026-03-05T09:00:00.000Z');
  });
});

describe('deadlineOf', () => {
  it.each([
    { label: 'fresh', hours: 0, risk: null, notified: null, state: 'open', hoursLeft: 72 },
    { label: '10 h after awareness', hours: 10, risk: null, notified: null, state: 'open', hoursLeft: 62 },
    { label: 'just over 48 h', hours: 48.5, risk: 'risk', notified: null, state: 'due_soon', hoursLeft: 23 },
    { label: 'exactly 48 h', hours: 48, risk: 'risk', notified: null, state: 'due_soon', hoursLeft: 24 },
    { label: '47 h', hours: 47, risk: 'risk', notified: null, state: 'open', hoursLeft: 25 },
    { label: '60 h', hours: 60, risk: 'high_risk', notified: null, state: 'due_soon', hoursLeft: 12 },
    { label: 'exactly 72 h', hours: 72, risk: 'risk', notified: null, state: 'due_soon', hoursLeft: 0 },
    {
      label: 'a minute late',
      hours: 72 + 1 / 60,
      risk: 'risk',
      notified: null,
      state: 'overdue',
      hoursLeft: -1,
    },
    { label: '80 h', hours: 80, risk: null, notified: null, state: 'overdue', hoursLeft: -8 },
    {
      label: 'notified',
      hours: 80,
      risk: 'risk',
      notified: plusHours(30),
      state: 'notified',
      hoursLeft: null,
    },
    {
      label: 'notified late',
      hours: 100,
      risk: 'risk',
      notified: plusHours(90),
      state: 'notified',
      hoursLeft: null,
    },
    { label: 'no risk', hours: 80, risk: 'none', notified: null, state: 'not_required', hoursLeft: null },
    {
      label: 'no risk but notified',
      hours: 80,
      risk: 'none',
      notified: plusHours(5),
      state: 'notified',
      hoursLeft: null,
    },
  ] as const)('$label → $state', ({ hours, risk, notified, state, hoursLeft }) => {
    const d = deadlineOf({ awareAt: AWARE, risk, authorityNotifiedAt: notified }, plusHours(hours));
    expect(d).toEqual({ notifyBy: plusHours(72), state, hoursLeft });
  });
});

describe('missingContent', () => {
  it.each([
    { label: 'complete', patch: {}, missing: [] },
    {
      label: 'nothing assessed',
      patch: {
        nature: [],
        dataCategories: [],
        subjectsApprox: null,
        recordsApprox: null,
        contact: null,
        consequences: null,
        measures: null,
      },
      missing: [
        'nature',
        'dataCategories',
        'subjectsApprox',
        'recordsApprox',
        'contact',
        'consequences',
        'measures',
      ],
    },
    {
      label: 'blank text counts as missing',
      patch: { contact: '  ', measures: '' },
      missing: ['contact', 'measures'],
    },
    { label: 'zero is an answer', patch: { subjectsApprox: 0, recordsApprox: 0 }, missing: [] },
    { label: 'no categories', patch: { dataCategories: [] }, missing: ['dataCategories'] },
  ] as const)('$label', ({ patch, missing }) => {
    expect(missingContent({ ...complete, ...patch })).toEqual(missing);
  });
});

describe('isLateNotification', () => {
  it.each([
    { hours: 1, late: false },
    { hours: 72, late: false },
    { hours: 72.001, late: true },
    { hours: 200, late: true },
  ])('$hours h after awareness → late $late', ({ hours, late }) => {
    expect(isLateNotification(AWARE, plusHours(hours))).toBe(late);
  });
});

describe('closeMissing', () => {
  it.each([
    { label: 'not assessed', patch: { risk: null }, missing: ['risk'] },
    { label: 'no risk', patch: { risk: 'none' }, missing: [] },
    { label: 'risk, not notified', patch: { risk: 'risk' }, missing: ['authorityNotification'] },
    { label: 'risk, notified', patch: { risk: 'risk', authorityNotifiedAt: plusHours(5) }, missing: [] },
    {
      label: 'high risk, nothing done',
      patch: { risk: 'high_risk' },
      missing: ['authorityNotification', 'subjectsDecision'],
    },
    {
      label: 'high risk, notified only',
      patch: { risk: 'high_risk', authorityNotifiedAt: plusHours(5) },
      missing: ['subjectsDecision'],
    },
    {
      label: 'high risk, complete',
      patch: { risk: 'high_risk', authorityNotifiedAt: plusHours(5), subjectsDecision: 'inform' },
      missing: [],
    },
  ] as const)('$label', ({ patch, missing }) => {
    expect(closeMissing({ ...complete, ...patch })).toEqual(missing);
  });
});
