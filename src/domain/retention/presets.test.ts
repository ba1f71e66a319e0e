import { describe, expect, it } from 'vitest';
import { DATA_CATEGORIES } from '../privacy/data-categories.ts';
import { DEFAULT_PURPOSES } from '../privacy/purposes.ts';
import { retentionEnd } from './periods.ts';
import { CLASS_PRESETS, classId, DATA_TYPE_PRESETS, PERIOD_PRESETS } from './presets.ts';
import { checkMinimum, statuteById } from './statutes.ts';
import { SWEEP_TARGET_IDS, SWEEP_TARGETS } from './targets.ts';

const ID = /^[a-z][a-z0-9_]{1,62}$/;
const periodOf = (id: string) => {
  const p = PERIOD_PRESETS.find((x) => x.id === id);
  if (!p) throw new Error(`no period ${id}`);
  return p;
};
const dataType = (id: string) => {
  const d = DATA_TYPE_PRESETS.find((x) => x.id === id);
  if (!d) throw new Error(`no data type ${id}`);
  return d;
};

describe('shipped deletion concept', () => {
  it('has valid, unique ids (the database checks the same pattern)', () => {
    for (const list of [PERIOD_PRESETS, CLASS_PRESETS, DATA_TYPE_PRESETS]) {
      const ids = list.map((x) => x.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) expect(id).toMatch(ID);
    }
  });

  it('ships the standard periods', () => {
    expect(PERIOD_PRESETS.map((p) => p.id)).toEqual([
      'immediately',
      'days_9',
      'days_30',
      'months_6',
      'year_1',
      'years_2',
      'years_3_ye',
      'years_5',
      'years_6_ye',
      'years_7_ye',
      'years_8_ye',
      'years_10_ye',
    ]);
    expect(periodOf('years_8_ye')).toMatchObject({ years: 8, months: 0, days: 0, roundToYearEnd: true });
    expect(periodOf('years_5')).toMatchObject({ years: 5, roundToYearEnd: false });
    expect(periodOf('immediately')).toMatchObject({ years: 0, months: 0, days: 0, roundToYearEnd: false });
  });

  it('uses only the classes it ships, each a distinct cell of the matrix', () => {
    const cells = CLASS_PRESETS.map((c) => `${c.periodId}/${c.startType}`);
    expect(new Set(cells).size).toBe(cells.length);
    for (const c of CLASS_PRESETS) {
      expect(c.id).toBe(classId(c.periodId, c.startType));
      periodOf(c.periodId);
    }
    for (const d of DATA_TYPE_PRESETS)
      expect(CLASS_PRESETS.some((c) => c.id === classId(d.periodId, d.startType))).toBe(true);
  });

  it.each(['DE', 'AT'] as const)(
    '%s: exactly one data type per sweep target, with its start type and method',
    (j) => {
      const withTarget = DATA_TYPE_PRESETS.filter((d) => d.jurisdiction === j && d.target);
      expect(withTarget.map((d) => d.target).sort()).toEqual([...SWEEP_TARGET_IDS].sort());
      for (const d of withTarget) {
        const target = SWEEP_TARGETS[d.target as keyof typeof SWEEP_TARGETS];
        expect(d.startType).toBe(target.startType);
        expect(d.method).toBe(target.method);
      }
    },
  );

  it.each(['DE', 'AT'] as const)('%s: documents backups, unconfirmed sign-ups and request files', (j) => {
    const documented = DATA_TYPE_PRESETS.filter((d) => d.jurisdiction === j && !d.target);
    expect(documented.map((d) => d.id)).toEqual([
      `${j.toLowerCase()}_backups`,
      `${j.toLowerCase()}_doi_signups`,
      `${j.toLowerCase()}_request_files`,
    ]);
    for (const d of documented) expect(d.method).toBe('document_only');
  });

  it('keeps every statutory minimum and names statutes of its own country', () => {
    for (const d of DATA_TYPE_PRESETS) {
      expect(() => checkMinimum({ period: periodOf(d.periodId), statute: d.statute })).not.toThrow();
      if (d.statute) expect(statuteById(d.statute)?.jurisdiction).toBe(d.jurisdiction);
    }
  });

  it('uses declared purposes, known data categories and non-empty texts', () => {
    const purposes = DEFAULT_PURPOSES.map((p) => p.id);
    for (const d of DATA_TYPE_PRESETS) {
      expect(purposes).toContain(d.purposeId);
      for (const c of d.dataCategories) expect(DATA_CATEGORIES).toContain(c);
      for (const text of [d.nameDe, d.nameEn, d.legalBasis, d.subjectGroup, d.startEvent])
        expect(text.length).toBeGreaterThan(0);
      expect(d.nameDe.length).toBeLessThanOrEqual(200);
      expect(d.legalBasis.length).toBeLessThanOrEqual(500);
    }
  });

  it.each([
    // [data type, period, statute, an example start, kept until]
    ['de_invoices', 'years_8_ye', 'DE.voucher', '2025-03-10', '2033-12-31'],
    ['de_quotes', 'years_6_ye', 'DE.business_letter', '2025-06-01', '2031-12-31'],
    ['de_orders', 'years_6_ye', 'DE.business_letter', '2025-06-01', '2031-12-31'],
    ['de_interactions', 'years_6_ye', 'DE.business_letter', '2025-06-01', '2031-12-31'],
    ['de_deals', 'years_3_ye', null, '2025-06-01', '2028-12-31'],
    ['de_cases', 'years_3_ye', null, '2025-06-01', '2028-12-31'],
    ['de_stale_prospects', 'year_1', null, '2025-06-01', '2026-06-01'],
    ['de_former_customers', 'years_3_ye', null, '2025-06-01', '2028-12-31'],
    ['de_person_expiry', 'immediately', null, '2025-06-01', '2025-06-01'],
    ['de_consent_proofs', 'years_3_ye', null, '2025-06-01', '2028-12-31'],
    ['de_phone_consent_proofs', 'years_5', 'DE.phone_consent', '2025-06-01', '2030-06-01'],
    ['de_person_photos', 'years_2', null, '2025-06-01', '2027-06-01'],
    ['at_person_photos', 'years_2', null, '2025-06-01', '2027-06-01'],
    ['de_backups', 'days_30', null, '2025-06-01', '2025-07-01'],
    ['de_doi_signups', 'days_9', null, '2025-06-01', '2025-06-10'],
    ['de_request_files', 'years_3_ye', null, '2025-06-01', '2028-12-31'],
    ['at_invoices', 'years_7_ye', 'AT.voucher', '2025-03-10', '2032-12-31'],
    ['at_quotes', 'years_7_ye', 'AT.business_letter', '2025-06-01', '2032-12-31'],
    ['at_orders', 'years_7_ye', 'AT.business_letter', '2025-06-01', '2032-12-31'],
    ['at_interactions', 'years_7_ye', 'AT.business_letter', '2025-06-01', '2032-12-31'],
    ['at_former_customers', 'years_3_ye', null, '2025-06-01', '2028-12-31'],
    ['at_stale_prospects', 'year_1', null, '2025-06-01', '2026-06-01'],
  ])('%s: %s (%s), started %s kept until %s', (id, periodId, statute, start, end) => {
    const d = dataType(id);
    expect(d.periodId).toBe(periodId);
    expect(d.statute).toBe(statute);
    expect(retentionEnd({ start, period: periodOf(d.periodId) })).toBe(end);
  });

  it('gives Austrian data types Austrian bases', () => {
    expect(dataType('at_former_customers').legalBasis).toContain('§ 1489 ABGB');
    expect(dataType('at_invoices').legalBasis).toContain('§ 132 Abs. 1 BAO');
    expect(dataType('de_former_customers').legalBasis).toContain('§§ 195, 199 BGB');
  });
});
