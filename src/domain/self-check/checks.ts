/**
 * The self-check (Art. 5(2) GDPR): each check looks for one kind of violation in the live data.
 * A finding names records by type and id only, never by personal data (the CLI output goes into
 * an operator's monitoring).
 */
export const CHECK_IDS = [
  /** personal data whose purposes are not declared or whose legal basis the purpose does not allow */
  'person_without_purpose',
  /** records past their retention period that the next sweep would delete (or overdue for long) */
  'retention_overdue',
  /** records the sweep could delete but no active data type covers (no deletion rule) */
  'deletion_rule_missing',
  /** special-category data (Art. 9) without an Art. 9(2) condition */
  'special_without_art9',
  /** marketing consent in force without proof (wording, method, proof record) */
  'consent_without_proof',
  /** data subject requests past their Art. 12(3) deadline and not completed */
  'request_overdue',
  /** breaches not notified within 72 hours and without documented reasons, or open without assessment */
  'breach_overdue',
  /** processors without a data processing agreement (Art. 28) */
  'processor_without_avv',
  /** transfers to a third country without a Chapter V mechanism */
  'transfer_without_mechanism',
  /** purposes that need a DPIA (Art. 35) without a signed-off one, or with its review overdue */
  'dpia_missing',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

/**
 * A record by type and id. `personId` names the person a record belongs to (e.g. a consent), so the
 * dashboard can link to the person's page; it is an id, no personal data.
 */
export type FindingRef = { type: string; id: string; personId?: string };

/** One check's result: how many records break the rule and the first of them by reference. */
export type Finding = {
  check: CheckId;
  count: number;
  /** at most 50 references, no personal data */
  refs: FindingRef[];
  /** extra counts that explain the finding, e.g. per data type; numbers and ids only */
  detail?: Record<string, number | string>;
};

export const MAX_REFS = 50;
