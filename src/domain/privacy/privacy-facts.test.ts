import { describe, expect, it } from 'vitest';
import { AppError, type AppErrorCode } from '../errors.ts';
import { LEGAL_BASES, type LegalBasis, SPECIAL_CATEGORY_BASES } from './legal-bases.ts';
import { assertPrivacyFacts, isExpired, type PrivacyFacts } from './privacy-facts.ts';
import { DEFAULT_PURPOSES, type Purpose } from './purposes.ts';

/** The shipped catalogue, written out independently of purposes.ts (and as in docs/dpo.md). */
const EXPECTED_BASES: Record<string, LegalBasis[]> = {
  customer_service: ['contract', 'legitimate_interest', 'consent'],
  sales: ['contract', 'legitimate_interest', 'consent'],
  billing: ['contract', 'legal_obligation'],
  marketing: ['consent', 'legitimate_interest'],
  newsletter: ['consent'],
};

const COLLECTED = new Date('2026-03-01T10:00:00.000Z');

const facts = (overrides: Partial<PrivacyFacts> = {}): PrivacyFacts => ({
  legalBasis: 'contract',
  purposes: ['sales'],
  collectedAt: COLLECTED,
  expiresAt: null,
  specialCategoryBasis: null,
  holdsSpecialCategory: false,
  ...overrides,
});

const check = (f: PrivacyFacts, catalogue: readonly Purpose[] = DEFAULT_PURPOSES) =>
  assertPrivacyFacts({ facts: f, catalogue });

/** The AppError `fn` throws (fails the test when it throws nothing or something else). */
const thrown = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected an AppError, nothing was thrown');
};
const codeOf = (fn: () => unknown): AppErrorCode => thrown(fn).code;

describe('DEFAULT_PURPOSES', () => {
  it('declares the expected purposes, each built in with de/en labels and descriptions', () => {
    expect(DEFAULT_PURPOSES.map((p) => p.id)).toEqual(Object.keys(EXPECTED_BASES));
    for (const p of DEFAULT_PURPOSES) {
      expect(p.builtIn).toBe(true);
      expect(p.id).toMatch(/^[a-z][a-z0-9_]{1,62}$/);
      for (const text of [p.labelDe, p.labelEn, p.descriptionDe, p.descriptionEn])
        expect(text.trim()).not.toBe('');
      expect(p.legalBases.length).toBeGreaterThan(0);
      expect(new Set(p.legalBases).size).toBe(p.legalBases.length);
      for (const basis of p.legalBases) expect(LEGAL_BASES).toContain(basis);
    }
  });

  it('includes what the acceptance surface promises a new installation: customer_service, sales, billing, marketing', () => {
    expect(DEFAULT_PURPOSES.map((p) => p.id)).toEqual(
      expect.arrayContaining(['customer_service', 'sales', 'billing', 'marketing']),
    );
  });
});

describe('assertPrivacyFacts: purpose × legal basis', () => {
  const combinations = DEFAULT_PURPOSES.flatMap((purpose) =>
    LEGAL_BASES.map((legalBasis) => ({
      purpose: purpose.id,
      legalBasis,
      allowed: (EXPECTED_BASES[purpose.id] ?? []).includes(legalBasis),
    })),
  );

  it('checks all 5 × 6 combinations', () => {
    expect(combinations).toHaveLength(30);
    expect(combinations.filter((c) => c.allowed)).toHaveLength(11);
  });

  it.each(combinations)('$purpose on $legalBasis: allowed = $allowed', ({ purpose, legalBasis, allowed }) => {
    const run = () => check(facts({ purposes: [purpose], legalBasis }));
    if (allowed) {
      expect(run).not.toThrow();
      return;
    }
    const error = thrown(run);
    expect(error.code).toBe('legal_basis_not_allowed');
    expect(error.params).toEqual({
      purpose,
      legalBasis,
      allowed: (EXPECTED_BASES[purpose] ?? []).join(', '),
    });
  });

  it('with several purposes the basis must suit every one of them', () => {
    expect(() => check(facts({ purposes: ['sales', 'marketing'], legalBasis: 'consent' }))).not.toThrow();
    const error = thrown(() =>
      check(facts({ purposes: ['sales', 'billing', 'marketing'], legalBasis: 'contract' })),
    );
    expect(error.code).toBe('legal_basis_not_allowed');
    expect(error.params.purpose).toBe('marketing');
    expect(codeOf(() => check(facts({ purposes: ['newsletter', 'sales'], legalBasis: 'contract' })))).toBe(
      'legal_basis_not_allowed',
    );
  });

  it('no shipped purpose allows vital interest or public task', () => {
    for (const legalBasis of ['vital_interest', 'public_task'] as const) {
      for (const p of DEFAULT_PURPOSES) {
        expect(codeOf(() => check(facts({ purposes: [p.id], legalBasis })))).toBe('legal_basis_not_allowed');
      }
    }
  });
});

describe('assertPrivacyFacts: unknown purposes', () => {
  it('refuses a purpose that is not declared, naming it', () => {
    const error = thrown(() => check(facts({ purposes: ['spying'] })));
    expect(error.code).toBe('unknown_purpose');
    expect(error.params).toEqual({ purpose: 'spying' });
  });

  it('refuses an undeclared purpose among declared ones', () => {
    const error = thrown(() => check(facts({ purposes: ['sales', 'Sales', 'customer_service'] })));
    expect(error).toMatchObject({ code: 'unknown_purpose', params: { purpose: 'Sales' } });
  });

  it('uses the catalogue it is given, not the shipped one', () => {
    const own: Purpose = {
      id: 'event_invitations',
      labelDe: 'Einladungen',
      labelEn: 'Invitations',
      descriptionDe: 'Einladungen zu Veranstaltungen.',
      descriptionEn: 'Invitations to events.',
      legalBases: ['legitimate_interest'],
      builtIn: false,
    };
    expect(() =>
      check(facts({ purposes: ['event_invitations'], legalBasis: 'legitimate_interest' }), [own]),
    ).not.toThrow();
    expect(codeOf(() => check(facts({ purposes: ['sales'] }), [own]))).toBe('unknown_purpose');
    expect(codeOf(() => check(facts({ purposes: ['sales'] }), []))).toBe('unknown_purpose');
  });
});

describe('assertPrivacyFacts: special categories (Art. 9)', () => {
  it('refuses special-category data without an Art. 9(2) condition', () => {
    expect(codeOf(() => check(facts({ holdsSpecialCategory: true })))).toBe(
      'special_category_basis_required',
    );
    expect(codeOf(() => check(facts({ holdsSpecialCategory: true, specialCategoryBasis: undefined })))).toBe(
      'special_category_basis_required',
    );
  });

  it.each(SPECIAL_CATEGORY_BASES)('accepts special-category data with the condition %s', (basis) => {
    expect(() => check(facts({ holdsSpecialCategory: true, specialCategoryBasis: basis }))).not.toThrow();
  });

  it('an Art. 9 condition alone does not replace a valid Art. 6 basis', () => {
    expect(
      codeOf(() =>
        check(
          facts({
            purposes: ['newsletter'],
            legalBasis: 'contract',
            holdsSpecialCategory: true,
            specialCategoryBasis: 'explicit_consent',
          }),
        ),
      ),
    ).toBe('legal_basis_not_allowed');
  });

  it('a condition without special-category data is harmless', () => {
    expect(() => check(facts({ specialCategoryBasis: 'explicit_consent' }))).not.toThrow();
  });
});

describe('assertPrivacyFacts: expiry', () => {
  it('accepts no expiry', () => {
    expect(() => check(facts({ expiresAt: null }))).not.toThrow();
    expect(() => check(facts({ expiresAt: undefined }))).not.toThrow();
  });

  it('refuses an expiry equal to the collection time', () => {
    expect(codeOf(() => check(facts({ expiresAt: new Date('2026-03-01T10:00:00.000Z') })))).toBe(
      'invalid_expiry',
    );
  });

  it('refuses an expiry before collection, even by one millisecond', () => {
    expect(codeOf(() => check(facts({ expiresAt: new Date('2026-03-01T09:59:59.999Z') })))).toBe(
      'invalid_expiry',
    );
    expect(codeOf(() => check(facts({ expiresAt: new Date('2020-01-01T00:00:00.000Z') })))).toBe(
      'invalid_expiry',
    );
  });

  it('accepts an expiry after collection, from one millisecond on', () => {
    expect(() => check(facts({ expiresAt: new Date('2026-03-01T10:00:00.001Z') }))).not.toThrow();
    expect(() => check(facts({ expiresAt: new Date('2029-12-31T23:59:59.000Z') }))).not.toThrow();
  });
});

describe('assertPrivacyFacts: order of checks', () => {
  it('reports purposes first, then the Art. 9 condition, then the expiry', () => {
    const allWrong = facts({
      purposes: ['spying'],
      holdsSpecialCategory: true,
      expiresAt: new Date('2020-01-01T00:00:00.000Z'),
    });
    expect(codeOf(() => check(allWrong))).toBe('unknown_purpose');
    expect(codeOf(() => check({ ...allWrong, purposes: ['billing'], legalBasis: 'consent' }))).toBe(
      'legal_basis_not_allowed',
    );
    expect(codeOf(() => check({ ...allWrong, purposes: ['billing'] }))).toBe(
      'special_category_basis_required',
    );
    expect(
      codeOf(() => check({ ...allWrong, purposes: ['billing'], specialCategoryBasis: 'health_care' })),
    ).toBe('invalid_expiry');
  });
});

describe('isExpired with a fixed clock', () => {
  const expiresAt = new Date('2026-06-30T22:00:00.000Z');

  it('is not expired one millisecond before the expiry', () => {
    expect(isExpired({ expiresAt, now: new Date('2026-06-30T21:59:59.999Z') })).toBe(false);
  });

  it('is expired exactly at the expiry', () => {
    expect(isExpired({ expiresAt, now: new Date('2026-06-30T22:00:00.000Z') })).toBe(true);
  });

  it('is expired after the expiry', () => {
    expect(isExpired({ expiresAt, now: new Date('2026-06-30T22:00:00.001Z') })).toBe(true);
    expect(isExpired({ expiresAt, now: new Date('2030-01-01T00:00:00.000Z') })).toBe(true);
  });

  it('never expires without an expiry date', () => {
    expect(isExpired({ expiresAt: null, now: new Date('2100-01-01T00:00:00.000Z') })).toBe(false);
    expect(isExpired({ expiresAt: undefined, now: new Date('2100-01-01T00:00:00.000Z') })).toBe(false);
  });
});
