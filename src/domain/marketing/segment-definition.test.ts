import { describe, expect, it } from 'vitest';
import {
  birthdayKeys,
  describeCondition,
  describeDefinition,
  referencedIds,
  SegmentDefinition,
} from './segment-definition.ts';

describe('birthdayKeys', () => {
  it('today only', () => expect(birthdayKeys('2026-06-15', 0)).toEqual(['06-15']));
  it('across the year end', () =>
    expect(birthdayKeys('2026-12-30', 3)).toEqual(['01-01', '01-02', '12-30', '12-31']));
  it('29 February celebrates on 28 February in common years', () => {
    expect(birthdayKeys('2027-02-28', 0)).toEqual(['02-28', '02-29']);
    expect(birthdayKeys('2027-02-27', 2)).toEqual(['02-27', '02-28', '02-29', '03-01']);
  });
  it('in leap years 29 February is its own day', () => {
    expect(birthdayKeys('2028-02-28', 0)).toEqual(['02-28']);
    expect(birthdayKeys('2028-02-29', 0)).toEqual(['02-29']);
    expect(birthdayKeys('2028-02-28', 1)).toEqual(['02-28', '02-29']);
  });
  it('366 days cover every day of the year', () => expect(birthdayKeys('2026-01-01', 366)).toHaveLength(366));
});

describe('SegmentDefinition', () => {
  it('accepts every kind of condition', () => {
    const d = SegmentDefinition.parse({
      match: 'all',
      conditions: [
        { field: 'personKind', values: ['customer'] },
        { field: 'tag', op: 'has', tagId: '00000000-0000-4000-8000-000000000001' },
        { field: 'city', value: ' Hannover ' },
        { field: 'postalCode', prefix: '30' },
        { field: 'country', values: ['de'] },
        { field: 'organizationKind', values: ['partner'] },
        { field: 'customerGroup', ids: ['00000000-0000-4000-8000-000000000002'] },
        { field: 'birthday', withinDays: 0 },
        { field: 'createdAt', op: 'before', date: '2026-01-01' },
        { field: 'lastInteraction', op: 'within', days: 365, kind: 'call' },
        { field: 'deal', op: 'wonWithin', days: 30 },
        { field: 'order', op: 'any' },
        { field: 'purpose', purposeId: 'marketing' },
      ],
    });
    expect(d.conditions[2]).toEqual({ field: 'city', value: 'Hannover' });
    expect(d.conditions[4]).toEqual({ field: 'country', values: ['DE'] });
    expect(referencedIds(d)).toEqual({
      tagIds: ['00000000-0000-4000-8000-000000000001'],
      customerGroupIds: ['00000000-0000-4000-8000-000000000002'],
      purposeIds: ['marketing'],
    });
    expect(describeDefinition(d, 'en')).toContain('Postal code starts with 30 and ');
    expect(describeDefinition(d, 'de')).toContain('PLZ beginnt mit 30 und ');
  });

  it.each([
    ['unknown field', { field: 'shoeSize', value: 42 }],
    ['unknown key', { field: 'city', value: 'Berlin', extra: 1 }],
    ['birthday beyond a year', { field: 'birthday', withinDays: 367 }],
    ['wonWithin without days', { field: 'deal', op: 'wonWithin' }],
    ['order within without days', { field: 'order', op: 'within' }],
    ['postal code wildcard', { field: 'postalCode', prefix: '3%' }],
    ['bad tag id', { field: 'tag', op: 'has', tagId: 'x' }],
  ])('refuses %s', (_label, condition) => {
    expect(SegmentDefinition.safeParse({ match: 'all', conditions: [condition] }).success).toBe(false);
  });

  it('refuses more than 20 conditions', () => {
    const conditions = Array.from({ length: 21 }, () => ({ field: 'city', value: 'Berlin' }));
    expect(SegmentDefinition.safeParse({ match: 'any', conditions }).success).toBe(false);
    expect(SegmentDefinition.safeParse({ match: 'any', conditions: conditions.slice(1) }).success).toBe(true);
  });

  it('describes conditions with given names', () => {
    expect(describeCondition({ field: 'tag', op: 'lacks', tagId: 't1' }, 'de', { t1: 'VIP' })).toBe(
      'Hat nicht das Schlagwort „VIP“',
    );
    expect(describeCondition({ field: 'birthday', withinDays: 0 }, 'en')).toBe('Birthday is today');
    expect(describeDefinition({ match: 'any', conditions: [] }, 'en')).toBe('Every person');
  });
});
