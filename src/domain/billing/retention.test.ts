import { describe, expect, it } from 'vitest';
import {
  deletionCheck,
  invoiceErasure,
  jurisdictionOf,
  RETENTION_RULES,
  retentionFor,
  retentionRule,
} from './retention.ts';

/** A fixed clock: every "today" below is one of these instants, never the machine's time. */
const at = (iso: string) => new Date(`${iso}T12:00:00Z`);

describe('retentionFor', () => {
  it.each([
    // worked example of the reference (A2): invoice 10 Mar 2025, 8 years from 31 Dec 2025
    ['DE', 'voucher', '2025-03-10', 'DE.voucher.8y', '2033-12-31', '2034-01-01'],
    // worked example: an offer letter sent in 2025 may go from 1 Jan 2032 (6 years)
    ['DE', 'business_letter', '2025-06-01', 'DE.business_letter.6y', '2031-12-31', '2032-01-01'],
    ['DE', 'book', '2025-12-31', 'DE.book.10y', '2035-12-31', '2036-01-01'],
    // year end and year start: the period starts at the END of the document's calendar year
    ['DE', 'voucher', '2026-01-01', 'DE.voucher.8y', '2034-12-31', '2035-01-01'],
    ['DE', 'voucher', '2026-12-31', 'DE.voucher.8y', '2034-12-31', '2035-01-01'],
    ['DE', 'voucher', '2024-02-29', 'DE.voucher.8y', '2032-12-31', '2033-01-01'],
    // BEG IV transition (Art. 97 § 19a EGAO): 2016 vouchers could go on 1 Jan 2025
    ['DE', 'voucher', '2016-05-01', 'DE.voucher.8y', '2024-12-31', '2025-01-01'],
    // 2015: the old 10-year period still ran at the end of 2024, the new one had already ended
    ['DE', 'voucher', '2015-07-01', 'DE.voucher.8y', '2024-12-31', '2025-01-01'],
    // 2012: expired under the old law (10 years) before the new law came into force
    ['DE', 'voucher', '2012-07-01', 'DE.voucher.8y', '2022-12-31', '2023-01-01'],
    ['DE', 'voucher', '2017-01-15', 'DE.voucher.8y', '2025-12-31', '2026-01-01'],
    // Austria: 7 years for vouchers and books (§ 132 BAO, § 212 UGB)
    ['AT', 'voucher', '2025-03-10', 'AT.voucher.7y', '2032-12-31', '2033-01-01'],
    ['AT', 'book', '2025-12-31', 'AT.book.7y', '2032-12-31', '2033-01-01'],
    ['AT', 'voucher', '2016-05-01', 'AT.voucher.7y', '2023-12-31', '2024-01-01'],
  ] as const)(
    '%s %s dated %s: %s, kept until %s, deletable from %s',
    (jurisdiction, kind, date, rule, until, from) => {
      expect(retentionFor({ jurisdiction, kind, documentDate: date })).toEqual({
        rule,
        retainUntil: until,
        deletableFrom: from,
      });
    },
  );

  it('has exactly one rule per jurisdiction and kind, each with a legal basis', () => {
    const keys = RETENTION_RULES.map((r) => `${r.jurisdiction}/${r.kind}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const r of RETENTION_RULES) {
      expect(r.basis.length).toBeGreaterThan(5);
      expect(r.id.startsWith(`${r.jurisdiction}.${r.kind}.`)).toBe(true);
    }
    expect(retentionRule('DE', 'voucher').years).toBe(8);
    expect(retentionRule('DE', 'book').years).toBe(10);
    expect(retentionRule('DE', 'business_letter').years).toBe(6);
    expect(retentionRule('AT', 'voucher').years).toBe(7);
  });
});

describe('jurisdictionOf', () => {
  it.each([
    [{}, 'DE'],
    [null, 'DE'],
    [{ jurisdiction: 'AT' }, 'AT'],
    [{ jurisdiction: 'DE' }, 'DE'],
    [{ jurisdiction: 'FR' }, 'DE'],
    [{ jurisdiction: 7 }, 'DE'],
  ] as const)('%j → %s', (settings, expected) => {
    expect(jurisdictionOf(settings as Record<string, unknown> | null)).toBe(expected);
  });
});

describe('deletionCheck and invoiceErasure', () => {
  const invoice = { retainUntil: '2033-12-31', legalHold: false };
  it.each([
    ['2026-12-02', false],
    ['2033-12-31', false],
    ['2034-01-01', true],
    ['2040-06-30', true],
  ])('an invoice kept until 2033-12-31, today %s: deletable %s', (today, deletable) => {
    expect(deletionCheck({ ...invoice, today: at(today) }).deletable).toBe(deletable);
  });

  it('a legal hold blocks deletion regardless of the period', () => {
    expect(deletionCheck({ ...invoice, legalHold: true, today: at('2050-01-01') })).toEqual({
      deletable: false,
      reason: 'legal_hold',
    });
  });

  it.each([
    // within the period: keep the voucher restricted until the period ends
    [
      { ...invoice, today: at('2026-12-02') },
      { action: 'restrict', until: '2033-12-31', reason: 'retention_period' },
    ],
    [
      { ...invoice, today: at('2033-12-31') },
      { action: 'restrict', until: '2033-12-31', reason: 'retention_period' },
    ],
    // period over: erase it
    [{ ...invoice, today: at('2034-01-01') }, { action: 'delete' }],
    // held: keep it restricted with no end date until the hold is lifted
    [
      { ...invoice, legalHold: true, today: at('2034-01-01') },
      { action: 'restrict', until: null, reason: 'legal_hold' },
    ],
    [
      { ...invoice, legalHold: true, today: at('2026-12-02') },
      { action: 'restrict', until: null, reason: 'legal_hold' },
    ],
  ] as const)('erasure of %j → %j', (input, expected) => {
    expect(invoiceErasure(input)).toEqual(expected);
  });
});
