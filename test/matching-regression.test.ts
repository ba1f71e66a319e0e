import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateGermanPersons } from '../bench/german-persons.ts';
import { findDuplicates } from '../src/domain/matching/engine.ts';
import { evaluatePairs, febrlGroup, truthPairs } from '../src/domain/matching/evaluate.ts';
import { parseMatchMap, readMatchRecords } from '../src/modules/matching/match.cli.ts';

/**
 * Regression of the duplicate engine's accuracy at the product threshold: FEBRL dataset1 and
 * dataset2 (copied into test/fixtures/febrl, BSD-3-Clause) and the generated German test set.
 * The calibration: a union of exact keys already reaches F1 0.982 on dataset2.
 */
const FEBRL = path.join(import.meta.dirname, 'fixtures', 'febrl');

const febrl = (name: string) => {
  const map = parseMatchMap({ json: fs.readFileSync(path.join(FEBRL, 'map.json'), 'utf8') });
  const records = readMatchRecords({ csv: fs.readFileSync(path.join(FEBRL, `${name}.csv`), 'utf8'), map });
  const truth = truthPairs({ ids: records.map((r) => r.id), groupOf: febrlGroup });
  return { records: records.length, ...evaluatePairs({ found: findDuplicates({ records }).pairs, truth }) };
};

describe('duplicate engine accuracy', () => {
  it.each([
    ['dataset1', 1000, 500],
    ['dataset2', 5000, 1934],
  ])('FEBRL %s: F1 ≥ 0.99 with precision ≥ 0.99 and recall ≥ 0.98', (name, records, pairs) => {
    const q = febrl(name);
    expect(q.records).toBe(records);
    expect(q.truePairs).toBe(pairs);
    expect(q.precision).toBeGreaterThanOrEqual(0.99);
    expect(q.recall).toBeGreaterThanOrEqual(0.98);
    expect(q.f1).toBeGreaterThanOrEqual(0.99);
  });

  it('German test set (20,000 records, seeded): F1 ≥ 0.97', () => {
    const set = generateGermanPersons({ count: 20_000, seed: 8 });
    expect(set.duplicates).toBeGreaterThan(3000);
    const truth = truthPairs({ ids: set.records.map((r) => r.id), groupOf: set.groupOf });
    const q = evaluatePairs({ found: findDuplicates({ records: set.records }).pairs, truth });
    expect(q.precision).toBeGreaterThanOrEqual(0.97);
    expect(q.recall).toBeGreaterThanOrEqual(0.97);
    expect(q.f1).toBeGreaterThanOrEqual(0.97);
  });

  it('the German generator is deterministic per seed', () => {
    const a = generateGermanPersons({ count: 500, seed: 3 }).records;
    const b = generateGermanPersons({ count: 500, seed: 3 }).records;
    const c = generateGermanPersons({ count: 500, seed: 4 }).records;
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });
});
