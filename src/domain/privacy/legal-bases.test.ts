import { describe, expect, it } from 'vitest';
import {
  LEGAL_BASES,
  LEGAL_BASIS_LABELS,
  SOURCE_KINDS,
  SPECIAL_CATEGORY_BASES,
  SPECIAL_CATEGORY_BASIS_LABELS,
} from './legal-bases.ts';

describe('legal bases of Art. 6(1) GDPR', () => {
  it('are the six bases in the order of the article', () => {
    expect(LEGAL_BASES).toEqual([
      'consent',
      'contract',
      'legal_obligation',
      'vital_interest',
      'public_task',
      'legitimate_interest',
    ]);
    expect(Object.keys(LEGAL_BASIS_LABELS)).toEqual([...LEGAL_BASES]);
  });

  it('cite Art. 6 Abs. 1 lit. a to f, in order', () => {
    expect(LEGAL_BASES.map((b) => LEGAL_BASIS_LABELS[b].article)).toEqual(
      ['a', 'b', 'c', 'd', 'e', 'f'].map((lit) => `Art. 6 Abs. 1 lit. ${lit} DSGVO`),
    );
  });

  it.each(LEGAL_BASES)('%s has a German and an English label', (basis) => {
    expect(LEGAL_BASIS_LABELS[basis].de.trim()).not.toBe('');
    expect(LEGAL_BASIS_LABELS[basis].en.trim()).not.toBe('');
  });

  it('labels are unique per language', () => {
    for (const lang of ['de', 'en'] as const) {
      const labels = LEGAL_BASES.map((b) => LEGAL_BASIS_LABELS[b][lang]);
      expect(new Set(labels).size).toBe(labels.length);
    }
  });
});

describe('conditions of Art. 9(2) GDPR (special categories)', () => {
  it('are the ten conditions a to j, in the order of the article', () => {
    expect(SPECIAL_CATEGORY_BASES).toHaveLength(10);
    expect(Object.keys(SPECIAL_CATEGORY_BASIS_LABELS)).toEqual([...SPECIAL_CATEGORY_BASES]);
    expect(SPECIAL_CATEGORY_BASES.map((b) => SPECIAL_CATEGORY_BASIS_LABELS[b].article)).toEqual(
      ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].map((lit) => `Art. 9 Abs. 2 lit. ${lit} DSGVO`),
    );
  });

  it('lit. a is explicit consent and lit. h health or social care', () => {
    expect(SPECIAL_CATEGORY_BASES[0]).toBe('explicit_consent');
    expect(SPECIAL_CATEGORY_BASES[7]).toBe('health_care');
  });

  it.each(SPECIAL_CATEGORY_BASES)('%s has a German and an English label', (basis) => {
    expect(SPECIAL_CATEGORY_BASIS_LABELS[basis].de.trim()).not.toBe('');
    expect(SPECIAL_CATEGORY_BASIS_LABELS[basis].en.trim()).not.toBe('');
  });

  it('no id is shared between Art. 6 bases and Art. 9 conditions', () => {
    const art6: readonly string[] = LEGAL_BASES;
    for (const condition of SPECIAL_CATEGORY_BASES) expect(art6).not.toContain(condition);
  });
});

describe('source kinds (provenance)', () => {
  it('are unique snake_case ids', () => {
    expect(new Set(SOURCE_KINDS).size).toBe(SOURCE_KINDS.length);
    for (const kind of SOURCE_KINDS) expect(kind).toMatch(/^[a-z]+(_[a-z]+)*$/);
  });

  it('include the ways the design names: web form, import, business card, event, API, employee', () => {
    expect(SOURCE_KINDS).toEqual(
      expect.arrayContaining(['web_form', 'import', 'business_card', 'event', 'api', 'employee']),
    );
  });
});
