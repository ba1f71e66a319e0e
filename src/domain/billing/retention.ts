/**
 * Statutory retention of billing data, as DATA with a jurisdiction key (the GDPR sets no periods; they
 * come from national law, see docs/adr/0011-billing-data-and-retention.md). A period starts at the END
 * of the calendar year of the document (§ 147 Abs. 4 AO, § 257 Abs. 5 HGB, § 132 Abs. 1 BAO):
 * retainUntil = 31 Dec of (year + N), the earliest deletion is 1 Jan of the year after. A legal hold
 * (tax audit, dispute, Ablaufhemmung § 147 Abs. 3 S. 3 AO) blocks deletion regardless.
 */

export const JURISDICTIONS = ['DE', 'AT'] as const;
export type Jurisdiction = (typeof JURISDICTIONS)[number];

/** What kind of document the rule is about. Invoices are accounting vouchers. */
export const RETENTION_KINDS = ['voucher', 'book', 'business_letter'] as const;
export type RetentionKind = (typeof RETENTION_KINDS)[number];

export type RetentionRule = {
  /** Stored with each document (invoices.retention_rule), so a later change of law stays traceable. */
  id: string;
  jurisdiction: Jurisdiction;
  kind: RetentionKind;
  years: number;
  basis: string;
  /**
   * A shortened period that applies only to documents whose previous period had not yet expired
   * when the new law came into force (DE: BEG IV, Art. 97 § 19a Abs. 2 EGAO).
   */
  shortened?: { previousYears: number; inForceFrom: string };
};

export const RETENTION_RULES: readonly RetentionRule[] = [
  {
    id: 'DE.voucher.8y',
    jurisdiction: 'DE',
    kind: 'voucher',
    years: 8,
    basis:
      '§ 147 Abs. 1 Nr. 4, Abs. 3 AO; § 257 Abs. 1 Nr. 4, Abs. 4 HGB; § 14b Abs. 1 UStG (BEG IV, since 1 Jan 2025)',
    shortened: { previousYears: 10, inForceFrom: '2025-01-01' },
  },
  {
    id: 'DE.book.10y',
    jurisdiction: 'DE',
    kind: 'book',
    years: 10,
    basis: '§ 147 Abs. 1 Nr. 1, Abs. 3 AO; § 257 Abs. 1 Nr. 1, Abs. 4 HGB',
  },
  {
    id: 'DE.business_letter.6y',
    jurisdiction: 'DE',
    kind: 'business_letter',
    years: 6,
    basis: '§ 147 Abs. 1 Nr. 2, 3, 5, Abs. 3 AO; § 257 Abs. 1 Nr. 2, 3, Abs. 4 HGB',
  },
  {
    id: 'AT.voucher.7y',
    jurisdiction: 'AT',
    kind: 'voucher',
    years: 7,
    basis: '§ 132 Abs. 1 BAO; § 212 UGB',
  },
  { id: 'AT.book.7y', jurisdiction: 'AT', kind: 'book', years: 7, basis: '§ 132 Abs. 1 BAO; § 212 UGB' },
  {
    id: 'AT.business_letter.7y',
    jurisdiction: 'AT',
    kind: 'business_letter',
    years: 7,
    basis: '§ 132 Abs. 1 BAO ("soll"); § 212 UGB',
  },
];

/** The tenant's jurisdiction from tenants.settings.jurisdiction: 'DE' unless 'AT' is set. */
export const jurisdictionOf = (settings: Record<string, unknown> | null | undefined): Jurisdiction =>
  JURISDICTIONS.includes(settings?.jurisdiction as Jurisdiction)
    ? (settings?.jurisdiction as Jurisdiction)
    : 'DE';

export const retentionRule = (jurisdiction: Jurisdiction, kind: RetentionKind): RetentionRule => {
  const rule = RETENTION_RULES.find((r) => r.jurisdiction === jurisdiction && r.kind === kind);
  if (!rule) throw new Error(`no retention rule for ${jurisdiction} ${kind}`);
  return rule;
};

export type Retention = {
  rule: string;
  /** Last day the document must be kept: 31 Dec of (year + N). */
  retainUntil: string;
  /** First day it may be deleted (unless held): 1 Jan of the year after retainUntil. */
  deletableFrom: string;
};

const yearOf = (date: string) => {
  const year = Number(date.slice(0, 4));
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !Number.isInteger(year)) throw new Error(`not a date: ${date}`);
  return year;
};

/**
 * The retention of a document dated `documentDate` ('YYYY-MM-DD'). Under a shortened rule a document
 * whose previous period had already run out before the new law uses the previous period; one whose
 * previous period was still running is kept at least until the day before the new law came into force.
 */
export const retentionFor = (input: {
  jurisdiction: Jurisdiction;
  kind: RetentionKind;
  documentDate: string;
}): Retention => {
  const rule = retentionRule(input.jurisdiction, input.kind);
  const year = yearOf(input.documentDate);
  let endYear = year + rule.years;
  if (rule.shortened) {
    const lawYear = yearOf(rule.shortened.inForceFrom);
    const previousEnd = year + rule.shortened.previousYears;
    // expired under the old law before the new one: the old period is what applied
    if (previousEnd < lawYear) endYear = previousEnd;
    // still running under the old law: the new period, but not ending before the law changed it
    else endYear = Math.max(endYear, lawYear - 1);
  }
  return { rule: rule.id, retainUntil: `${endYear}-12-31`, deletableFrom: `${endYear + 1}-01-01` };
};

/** 'YYYY-MM-DD' of a Date in UTC. */
export const isoDay = (date: Date) => date.toISOString().slice(0, 10);

export type DeletionCheck =
  | { deletable: true }
  | { deletable: false; reason: 'retention_period'; until: string }
  | { deletable: false; reason: 'legal_hold' };

/** Whether a document may be deleted today: its period is over and no hold is set. */
export const deletionCheck = (input: {
  retainUntil: string;
  legalHold: boolean;
  today: Date;
}): DeletionCheck => {
  if (input.legalHold) return { deletable: false, reason: 'legal_hold' };
  if (isoDay(input.today) <= input.retainUntil)
    return { deletable: false, reason: 'retention_period', until: input.retainUntil };
  return { deletable: true };
};

export type InvoiceErasure =
  /** The period is over and nothing holds it: delete the invoice with its lines. */
  | { action: 'delete' }
  /**
   * Keep the voucher in restricted form (Art. 17(3)(b), Art. 18 GDPR, § 35 Abs. 3 BDSG): unlink the
   * person (person_id = null), set restricted_at, keep the billing snapshot for the retention purpose
   * only, and delete it once `until` has passed (null while a legal hold lasts).
   */
  | { action: 'restrict'; until: string | null; reason: 'retention_period' | 'legal_hold' };

/**
 * What erasing a person (Art. 17) must do with one of their invoices: an invoice is an accounting
 * voucher, so during its statutory retention (or a legal hold) restriction replaces erasure.
 */
export const invoiceErasure = (input: {
  retainUntil: string;
  legalHold: boolean;
  today: Date;
}): InvoiceErasure => {
  const check = deletionCheck(input);
  if (check.deletable) return { action: 'delete' };
  return check.reason === 'legal_hold'
    ? { action: 'restrict', until: null, reason: 'legal_hold' }
    : { action: 'restrict', until: check.until, reason: 'retention_period' };
};
