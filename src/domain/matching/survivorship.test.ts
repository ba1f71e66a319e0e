import { describe, expect, it } from 'vitest';
import { fieldsFromMerged, type MergeParty, mergeRefusal, survivorPatch } from './merge-plan.ts';
import {
  defaultChoices,
  defaultSide,
  resolveChoices,
  type SurvivorshipRecord,
  unite,
} from './survivorship.ts';

const older = new Date('2026-01-01T10:00:00Z');
const newer = new Date('2026-06-01T10:00:00Z');
const rec = (values: SurvivorshipRecord['values'], updatedAt = older, verifiedAt: Date | null = null) => ({
  values,
  updatedAt,
  verifiedAt,
});

describe('survivorship defaults', () => {
  it('keeps a value over an empty one, from either side', () => {
    expect(
      defaultSide({ field: 'email', survivor: rec({ email: null }), merged: rec({ email: 'a@b.de' }) }),
    ).toBe('merged');
    expect(
      defaultSide({ field: 'email', survivor: rec({ email: 'a@b.de' }), merged: rec({ email: '' }) }),
    ).toBe('survivor');
    expect(
      defaultSide({
        field: 'address',
        survivor: rec({ address: { street: null, city: null } }),
        merged: rec({ address: { street: 'Hauptstr. 1', city: 'Berlin' } }),
      }),
    ).toBe('merged');
  });

  it('prefers the more recently changed or verified value when both differ', () => {
    const survivor = rec({ lastName: 'Meier' }, older);
    expect(defaultSide({ field: 'lastName', survivor, merged: rec({ lastName: 'Meyer' }, newer) })).toBe(
      'merged',
    );
    expect(defaultSide({ field: 'lastName', survivor, merged: rec({ lastName: 'Meyer' }, older) })).toBe(
      'survivor',
    );
    // verified more recently than the other was changed
    expect(
      defaultSide({
        field: 'lastName',
        survivor: rec({ lastName: 'Meier' }, older, new Date('2026-07-01T00:00:00Z')),
        merged: rec({ lastName: 'Meyer' }, newer),
      }),
    ).toBe('survivor');
  });

  it('prefers a phone number in E.164 over one that is not, whatever the dates', () => {
    expect(
      defaultSide({
        field: 'phone',
        survivor: rec({ phone: '+49301234567' }, older),
        merged: rec({ phone: '030 1234567' }, newer),
      }),
    ).toBe('survivor');
    expect(
      defaultSide({
        field: 'phone',
        survivor: rec({ phone: '0301234' }, newer),
        merged: rec({ phone: '+49301234567' }),
      }),
    ).toBe('merged');
  });

  it('keeps the survivor on equal values and gives a choice for every field', () => {
    const choices = defaultChoices({
      survivor: rec({ firstName: 'Anna', lastName: 'Müller' }),
      merged: rec({ firstName: 'Anna', lastName: 'Mueller', email: 'anna@example.de' }, newer),
    });
    expect(choices.firstName).toBe('survivor');
    expect(choices.lastName).toBe('merged');
    expect(choices.email).toBe('merged');
    expect(choices.notes).toBe('survivor');
    expect(Object.keys(choices)).toHaveLength(11);
  });

  it('applies the user picks over the defaults', () => {
    const defaults = defaultChoices({ survivor: rec({}), merged: rec({}) });
    const resolved = resolveChoices({ defaults, picked: { firstName: 'merged' } });
    expect(resolved.firstName).toBe('merged');
    expect(resolved.lastName).toBe('survivor');
  });

  it('unites purposes, tags and departments', () => {
    expect(unite(['b', 'a'], ['a', 'c'])).toEqual(['a', 'b', 'c']);
  });
});

const party = (over: Partial<MergeParty> = {}): MergeParty => ({
  id: 's',
  version: 2,
  expectedVersion: 2,
  restricted: false,
  openRequests: 0,
  activeHolds: 0,
  ...over,
});

describe('merge refusals', () => {
  it('allows a merge of two ordinary persons', () => {
    expect(mergeRefusal({ survivor: party(), merged: party({ id: 'm' }) })).toBeNull();
  });
  it.each<[string, Partial<MergeParty>, Partial<MergeParty>, string]>([
    ['the same person', {}, { id: 's' }, 'merge_same_person'],
    ['a stale survivor version', { expectedVersion: 1 }, {}, 'version_conflict'],
    ['a stale merged version', {}, { expectedVersion: 3 }, 'version_conflict'],
    ['a restricted person', {}, { restricted: true }, 'merge_person_restricted'],
    ['an open request on the survivor', { openRequests: 1 }, {}, 'merge_open_request'],
    ['a legal hold on the merged person', {}, { activeHolds: 1 }, 'merge_legal_hold'],
  ])('refuses %s', (_name, s, m, code) => {
    expect(mergeRefusal({ survivor: party(s), merged: party({ id: 'm', ...m }) })).toBe(code);
  });
});

describe('the survivor patch', () => {
  it('takes all columns of a field from the merged record', () => {
    const choices = resolveChoices({
      defaults: defaultChoices({ survivor: rec({}), merged: rec({}) }),
      picked: { address: 'merged', firstName: 'merged' },
    });
    expect(fieldsFromMerged(choices)).toEqual(['address', 'firstName']);
    expect(
      survivorPatch({
        choices,
        merged: {
          first_name: 'Jörg',
          street: 'Hauptstr. 1',
          postal_code: '10115',
          city: 'Berlin',
          notes: 'x',
        },
      }),
    ).toEqual({
      first_name: 'Jörg',
      street: 'Hauptstr. 1',
      postal_code: '10115',
      city: 'Berlin',
      country: null,
    });
  });
});
