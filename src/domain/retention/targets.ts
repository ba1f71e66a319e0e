/**
 * The sets of records the retention sweep can delete, each a `target` of at most one active data
 * type per jurisdiction. The start event each target measures from is fixed here; the period comes
 * from the data type's deletion class.
 */
export const SWEEP_TARGETS = {
  /** calls, e-mails, meetings, notes: from the day they happened (collection) */
  interactions: { objectType: 'interaction', startType: 'collection', method: 'delete' },
  /** invoices: from the issue date, never before their stored statutory `retain_until`, never on legal hold */
  invoices: { objectType: 'invoice', startType: 'collection', method: 'delete' },
  /** quotes sent or drafted: from their date (business letters) */
  quotes: { objectType: 'quote', startType: 'collection', method: 'delete' },
  /** orders fulfilled or cancelled: from their completion */
  orders: { objectType: 'order', startType: 'end_of_process', method: 'delete' },
  /** deals won or lost: from their close */
  deals: { objectType: 'deal', startType: 'end_of_process', method: 'delete' },
  /** support cases resolved or closed: from their closing */
  cases: { objectType: 'case', startType: 'end_of_process', method: 'delete' },
  /** prospects without a contract, open deal or valid consent: from the last contact; the person is erased */
  stale_prospects: { objectType: 'person', startType: 'end_of_process', method: 'erase_person' },
  /** customers without open business or valid consent: from the end of the relationship; the person is erased */
  former_customers: { objectType: 'person', startType: 'end_of_relationship', method: 'erase_person' },
  /** persons with an explicit expiry date (persons.expires_at): from that date; the person is erased */
  person_expiry: { objectType: 'person', startType: 'collection', method: 'erase_person' },
  /** e-mail, letter and SMS consents no longer in force (withdrawn or superseded): from that day */
  consent_proofs: { objectType: 'consent', startType: 'end_of_process', method: 'delete' },
  /** phone consents no longer in force: from the later of their last use and their end (§ 7a UWG) */
  phone_consent_proofs: { objectType: 'consent', startType: 'end_of_process', method: 'delete' },
  /** person photos (ADR 0034): from the upload, or earlier at their own `retention_until` */
  person_photos: { objectType: 'photo', startType: 'collection', method: 'delete' },
} as const satisfies Record<
  string,
  {
    objectType:
      | 'person'
      | 'invoice'
      | 'interaction'
      | 'case'
      | 'quote'
      | 'order'
      | 'deal'
      | 'consent'
      | 'photo';
    startType: 'collection' | 'end_of_process' | 'end_of_relationship';
    method: 'delete' | 'erase_person';
  }
>;
export type SweepTargetId = keyof typeof SWEEP_TARGETS;
export const SWEEP_TARGET_IDS = Object.keys(SWEEP_TARGETS) as SweepTargetId[];
