import { describe, expect, it } from 'vitest';
import { BLOCKING_KEYS, buildBlocks, forEachCandidate } from './blocking.ts';
import { findDuplicates } from './engine.ts';
import { evaluatePairs, febrlGroup, truthPairs } from './evaluate.ts';
import { prepareRecord } from './prepare.ts';
import type { MatchRecord } from './types.ts';

const people: MatchRecord[] = [
  {
    id: 'p1',
    firstName: 'Jürgen',
    lastName: 'Müller',
    postalCode: '10115',
    city: 'Berlin',
    street: 'Hauptstraße',
    houseNumber: '12a',
    birthDate: '1970-03-14',
  },
  {
    id: 'p2',
    firstName: 'Juergen',
    lastName: 'Mueller',
    postalCode: '10115',
    city: 'Berlin',
    street: 'Hauptstr.',
    houseNumber: '12 a',
    birthDate: '19700314',
  },
  {
    id: 'p3',
    firstName: 'Müller',
    lastName: 'Jürgen',
    postalCode: '80331',
    city: 'München',
    street: 'Lindenweg',
    houseNumber: '3',
    birthDate: '1970-03-14',
  },
  {
    id: 'p4',
    firstName: 'Sabine',
    lastName: 'Meier',
    postalCode: '50667',
    city: 'Köln',
    street: 'Domstraße',
    houseNumber: '1',
    birthDate: '1980-01-02',
    email: 'sabine@example.de',
  },
  {
    id: 'p5',
    firstName: 'Sabine',
    lastName: 'Meyer',
    postalCode: '50668',
    city: 'Köln',
    street: 'Ringstraße',
    houseNumber: '7',
    email: 'sabine@example.de',
  },
  {
    id: 'p6',
    firstName: 'Thomas',
    lastName: 'Müller',
    postalCode: '10115',
    city: 'Berlin',
    street: 'Schulstraße',
    houseNumber: '4',
    birthDate: '1955-09-30',
  },
  {
    id: 'p7',
    firstName: 'Thomas',
    lastName: 'Müller',
    postalCode: '10117',
    city: 'Berlin',
    street: 'Gartenstraße',
    houseNumber: '9',
    birthDate: '1991-12-01',
  },
];

describe('findDuplicates', () => {
  it('finds transliterated, swapped and moved duplicates and Meier/Meyer by e-mail, not namesakes', () => {
    const { pairs } = findDuplicates({ records: people });
    expect(pairs.map((p) => `${p.a}-${p.b}`).sort()).toEqual(['p1-p2', 'p1-p3', 'p2-p3', 'p4-p5']);
    for (const p of pairs) expect(p.a < p.b).toBe(true);
  });

  it('a higher threshold keeps only the strongest pairs', () => {
    const all = findDuplicates({ records: people, threshold: -100 }).pairs;
    const strict = findDuplicates({ records: people, threshold: 20 }).pairs;
    expect(strict.length).toBeLessThan(all.length);
    expect(strict.every((p) => p.score >= 20)).toBe(true);
  });

  it('leaves out blocks above the cap: 300 identical keys give no candidate through that key', () => {
    const same = Array.from({ length: 300 }, (_, i) => ({ id: `x${i}`, email: 'info@example.de' }));
    expect(findDuplicates({ records: same, maxBlock: 100 }).candidates).toBe(0);
    expect(findDuplicates({ records: same.slice(0, 50), maxBlock: 100 }).candidates).toBe((50 * 49) / 2);
  });
});

describe('blocking', () => {
  it('visits every candidate pair exactly once even when it shares several keys', () => {
    const prepared = people.map((record) => prepareRecord({ record }));
    const blocks = buildBlocks({ records: prepared });
    const seen: string[] = [];
    forEachCandidate({ blocks, visit: (a, b) => seen.push(`${a}-${b}`) });
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toContain('0-1');
    expect(seen).toContain('0-2');
  });

  it('gives a swapped first and last name the same name key', () => {
    const a = prepareRecord({
      record: { id: 'a', firstName: 'Anna', lastName: 'Schmidt', birthDate: '1970-01-01' },
    });
    const b = prepareRecord({
      record: { id: 'b', firstName: 'Schmidt', lastName: 'Anna', birthDate: '1970-01-01' },
    });
    const key = BLOCKING_KEYS.find((k) => k.name === 'names+birthYear')!;
    expect(key.key(a)).not.toBe('');
    expect(key.key(a)).toBe(key.key(b));
  });
});

describe('evaluatePairs', () => {
  it('counts precision and recall against all pairs within a truth group', () => {
    const truth = truthPairs({
      ids: ['rec-1-org', 'rec-1-dup-0', 'rec-1-dup-1', 'rec-2-org'],
      groupOf: febrlGroup,
    });
    expect(truth.size).toBe(3);
    const q = evaluatePairs({
      found: [
        { a: 'rec-1-org', b: 'rec-1-dup-0' },
        { a: 'rec-1-dup-0', b: 'rec-1-org' },
        { a: 'rec-1-org', b: 'rec-2-org' },
      ],
      truth,
    });
    expect(q).toMatchObject({ found: 2, correct: 1, precision: 0.5 });
    expect(q.recall).toBeCloseTo(1 / 3);
  });
});
