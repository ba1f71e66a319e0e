import type { Role } from '../../api/types';

/**
 * The UI's copy of the server's role rules, used only to hide controls a role cannot use.
 * The server decides; a hidden button is a courtesy, not a safeguard.
 */
const ACTION_ROLES = {
  'users.manage': ['admin'],
  'departments.manage': ['admin'],
  'purposes.manage': ['admin', 'dpo'],
  'tags.manage': ['admin', 'sales', 'marketing', 'support'],
  'records.create': ['admin', 'dpo', 'sales', 'support'],
  /** The person import wizard (issue 8): upload, mapping, dry run, commit. */
  'imports.run': ['admin', 'sales'],
  /** Roles that may write identity data (names, the person's photo). */
  'identity.write': ['admin', 'dpo', 'sales', 'support'],
  /** Roles that may write communication content (interactions, notes). */
  'communication.write': ['admin', 'dpo', 'sales', 'support'],
  /** Roles that may read and write the special category (accessibility needs, Art. 9). */
  'special.write': ['dpo', 'support'],
  /** The audit trail is for the data protection officer alone (the server answers 403 to others). */
  'audit.read': ['dpo'],
  /** Deals, quotes and orders (data category "contract"). */
  'contract.read': ['admin', 'dpo', 'sales', 'support', 'accounting', 'readonly'],
  'contract.write': ['admin', 'dpo', 'sales', 'accounting'],
  /** Invoices and their billing data (data category "billing"). */
  'billing.read': ['admin', 'dpo', 'sales', 'support', 'accounting'],
  'billing.write': ['admin', 'dpo', 'accounting'],
  /** Support cases (data category "service"); their messages are communication content. */
  'service.read': ['admin', 'dpo', 'sales', 'support', 'accounting', 'readonly'],
  'service.write': ['admin', 'dpo', 'support'],
  'communication.read': ['admin', 'dpo', 'sales', 'support'],
  'pipeline.manage': ['admin'],
  'customerGroups.manage': ['admin', 'accounting'],
  'invoices.import': ['admin', 'accounting'],
  'reports.read': ['admin', 'dpo', 'sales', 'marketing', 'support', 'accounting'],
  /** Data subject requests: recording them is everyone's job, handling them the DPO's. */
  'requests.intake': ['admin', 'dpo', 'sales', 'marketing', 'support', 'accounting'],
  'requests.manage': ['dpo'],
  'recipients.manage': ['admin', 'dpo'],
  /** Logging a disclosure of a person's data to a recipient (Art. 19 needs the log). */
  'disclosures.record': ['admin', 'dpo', 'sales', 'marketing', 'support', 'accounting'],
  'templates.manage': ['dpo'],
  /** Consent and marketing (issue 6); the server's ACTION_ROLES are the source. */
  'marketing.read': ['admin', 'dpo', 'sales', 'marketing'],
  'marketing.manage': ['admin', 'marketing'],
  'consents.record': ['admin', 'dpo', 'sales', 'marketing', 'support'],
  'consent_wordings.manage': ['admin', 'dpo'],
  'outbox.read': ['admin', 'dpo', 'marketing'],
  /** Recording that a campaign recipient replied or ordered. */
  'campaigns.respond': ['admin', 'sales', 'marketing', 'support'],
  /** Data breaches (Art. 33/34): anyone who notices one reports it; the DPO assesses and notifies. */
  'breaches.report': ['admin', 'dpo', 'sales', 'marketing', 'support', 'accounting'],
  'breaches.manage': ['dpo'],
  /** Accountability (issue 7): deletion concept, legal holds, RoPA, register, DPIA, self-check. */
  'retention.read': ['admin', 'dpo'],
  'retention.manage': ['dpo'],
  'legal_holds.manage': ['admin', 'dpo', 'accounting'],
  'ropa.read': ['admin', 'dpo'],
  'ropa.manage': ['dpo'],
  'dpia.manage': ['dpo'],
  'self_check.read': ['admin', 'dpo'],
  'quality.read': ['admin', 'dpo', 'sales', 'marketing', 'support'],
  'quality.manage': ['admin', 'dpo'],
  'consistency.compare': ['admin', 'dpo', 'sales'],
  /** Public web forms (issue 8): defining them, and their submissions inbox. */
  'webforms.manage': ['admin', 'marketing'],
  'webforms.inbox': ['admin', 'sales', 'marketing', 'support'],
  /** The redaction queue of sensitive data found in free text (issue 8). */
  'redactions.review': ['admin', 'dpo'],
  /** Duplicate suggestions and the merge of two persons (issue 8, ADR 0030). */
  'duplicates.review': ['admin', 'dpo', 'sales', 'support'],
  'persons.merge': ['admin', 'dpo', 'sales', 'support'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof ACTION_ROLES;

export const canDo = (role: Role | undefined, action: Action): boolean =>
  role !== undefined && (ACTION_ROLES[action] as readonly Role[]).includes(role);

export const ROLES: readonly Role[] = [
  'admin',
  'dpo',
  'sales',
  'marketing',
  'support',
  'accounting',
  'readonly',
];
