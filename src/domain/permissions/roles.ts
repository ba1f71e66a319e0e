import { DATA_CATEGORIES, type DataCategory } from '../privacy/data-categories.ts';

export const ROLES = ['admin', 'dpo', 'sales', 'marketing', 'support', 'accounting', 'readonly'] as const;
export type Role = (typeof ROLES)[number];

export type Access = 'none' | 'read' | 'write';

/** Administrative abilities outside the data categories. */
export const ACTIONS = [
  'users.manage',
  'departments.manage',
  'purposes.manage',
  'tags.manage',
  'records.create',
  'records.delete',
  'audit.read',
  'pipeline.manage',
  'customer_groups.manage',
  'invoices.import',
  'reports.read',
  'requests.intake',
  'requests.manage',
  'recipients.manage',
  'disclosures.record',
  'templates.manage',
  'suppressions.manage',
  'marketing.read',
  'marketing.manage',
  'consents.record',
  'consent_wordings.manage',
  'outbox.read',
  'campaigns.respond',
  'breaches.report',
  'breaches.manage',
  'retention.read',
  'retention.manage',
  'legal_holds.manage',
  'ropa.read',
  'ropa.manage',
  'dpia.manage',
  'self_check.read',
  'imports.run',
  'imports.read',
  'quality.read',
  'quality.manage',
  'consistency.compare',
  'webforms.manage',
  'webforms.inbox',
  'redactions.review',
  'duplicates.review',
  'persons.merge',
] as const;
export type Action = (typeof ACTIONS)[number];

const all = (access: Access): Record<DataCategory, Access> =>
  Object.fromEntries(DATA_CATEGORIES.map((c) => [c, access])) as Record<DataCategory, Access>;

/**
 * The default rights matrix: role × data category. Special categories are 'none' unless a role is
 * explicitly granted them: support (accessibility needs for service appointments) and the DPO.
 */
export const CATEGORY_ACCESS: Record<Role, Record<DataCategory, Access>> = {
  admin: { ...all('write'), special_health: 'none' },
  dpo: all('write'),
  sales: { ...all('write'), special_health: 'none', billing: 'read', service: 'read' },
  marketing: {
    identity: 'read',
    contact: 'read',
    address: 'read',
    communication: 'none',
    interests: 'write',
    organization: 'read',
    special_health: 'none',
    contract: 'none',
    billing: 'none',
    service: 'none',
  },
  /** Support answers complaint calls: it sees orders and open invoices, and owns the cases. */
  support: { ...all('write'), contract: 'read', billing: 'read' },
  accounting: {
    identity: 'read',
    contact: 'read',
    address: 'write',
    communication: 'none',
    interests: 'none',
    organization: 'write',
    special_health: 'none',
    contract: 'write',
    billing: 'write',
    service: 'read',
  },
  readonly: { ...all('read'), communication: 'none', special_health: 'none', billing: 'none' },
};

const ACTION_ROLES: Record<Action, readonly Role[]> = {
  'users.manage': ['admin'],
  'departments.manage': ['admin'],
  'purposes.manage': ['admin', 'dpo'],
  'tags.manage': ['admin', 'sales', 'marketing', 'support'],
  'records.create': ['admin', 'dpo', 'sales', 'support'],
  'records.delete': ['admin', 'dpo'],
  /** The audit trail serves accountability, not performance monitoring: DPO only (BetrVG § 87). */
  'audit.read': ['dpo'],
  'pipeline.manage': ['admin'],
  'customer_groups.manage': ['admin', 'accounting'],
  'invoices.import': ['admin', 'accounting'],
  /** Reports aggregate by customer group, product, stage or age, never by employee. */
  'reports.read': ['admin', 'dpo', 'sales', 'marketing', 'support', 'accounting'],
  /** Whoever receives a data subject request records it (Art. 12: the clock runs from receipt). */
  'requests.intake': ['admin', 'dpo', 'sales', 'marketing', 'support', 'accounting'],
  /** Verifying, extending, refusing and fulfilling requests is the DPO's work. */
  'requests.manage': ['dpo'],
  'recipients.manage': ['admin', 'dpo'],
  /** Everyone who hands data to a recipient logs it (Art. 19 needs the list). */
  'disclosures.record': ['admin', 'dpo', 'sales', 'marketing', 'support', 'accounting'],
  'templates.manage': ['dpo'],
  'suppressions.manage': ['dpo'],
  /** Segments, campaigns and their results: the DPO reads them to account for every mailing. */
  'marketing.read': ['admin', 'dpo', 'sales', 'marketing'],
  /** Segments, campaigns, sign-up forms, the sender identity and mail templates. */
  'marketing.manage': ['admin', 'marketing'],
  /** Recording a consent given by phone, in person or by letter, and withdrawing one on request. */
  'consents.record': ['admin', 'dpo', 'sales', 'marketing', 'support'],
  /** Consent wordings are legal texts: a new version is the DPO's or admin's decision. */
  'consent_wordings.manage': ['admin', 'dpo'],
  'outbox.read': ['admin', 'dpo', 'marketing'],
  /** Whoever takes the reply or the order records it as a campaign response. */
  'campaigns.respond': ['admin', 'sales', 'marketing', 'support'],
  /** Anyone who notices a possible data breach reports it at once (the 72 hours run from awareness). */
  'breaches.report': ['admin', 'dpo', 'sales', 'marketing', 'support', 'accounting'],
  /** Assessing, notifying and closing breaches (Art. 33/34) is the DPO's work. */
  'breaches.manage': ['dpo'],
  /** The deletion concept, sweep previews and deletion reports: the DPO and the admin who runs the system. */
  'retention.read': ['admin', 'dpo'],
  /** Changing deletion rules and running a sweep by hand is the DPO's decision. */
  'retention.manage': ['dpo'],
  /** Legal holds pause deletion: for a lawsuit (DPO, admin) or a tax audit (accounting). */
  'legal_holds.manage': ['admin', 'dpo', 'accounting'],
  /** The record of processing activities, the system and processor register, the DPIAs. */
  'ropa.read': ['admin', 'dpo'],
  'ropa.manage': ['dpo'],
  /** Data protection impact assessments (Art. 35): the DPO advises and signs off (Art. 39(1)(c)). */
  'dpia.manage': ['dpo'],
  /** The self-check of the live data (also `custos check` for the operator's monitoring). */
  'self_check.read': ['admin', 'dpo'],
  /** Importing lists of persons (issue 8): whoever may create persons in bulk and write their contact data. */
  'imports.run': ['admin', 'sales'],
  /** Import batches, their reports and provenance; the DPO reads them to account for every intake. */
  'imports.read': ['admin', 'dpo', 'sales'],
  /** Public web forms: their fields, purpose, retention and snippet (issue 8). */
  'webforms.manage': ['admin', 'marketing'],
  /** The inbox of web form submissions: reading, accepting into a person, discarding. */
  'webforms.inbox': ['admin', 'sales', 'marketing', 'support'],
  /** The data quality dashboard and its lists (accuracy, Art. 5(1)(d)); marking a person verified. */
  'quality.read': ['admin', 'dpo', 'sales', 'marketing', 'support'],
  /** The staleness period of the data quality dashboard. */
  'quality.manage': ['admin', 'dpo'],
  /** Comparing an export of another system with Custos (the consistency report). */
  'consistency.compare': ['admin', 'dpo', 'sales'],
  /**
   * The redaction queue (ADR 0032): reviewing findings of sensitive data in free text, redacting them
   * irreversibly or dismissing them, and the notice to the customer. The text itself shows only to a
   * reviewer who may read every category found in it.
   */
  'redactions.review': ['admin', 'dpo'],
  /** Duplicate suggestions (issue 8, ADR 0030): scanning, reviewing, dismissing ("not the same person"). */
  'duplicates.review': ['admin', 'dpo', 'sales', 'support'],
  /** Merging two persons after review; also needs write access to the identity. Never automatic. */
  'persons.merge': ['admin', 'dpo', 'sales', 'support'],
};

/** Roles that see records of every department (they answer for the whole tenant). */
const TENANT_WIDE_ROLES: readonly Role[] = ['admin', 'dpo'];

export const canRead = ({ role, category }: { role: Role; category: DataCategory }): boolean =>
  CATEGORY_ACCESS[role][category] !== 'none';

export const canWrite = ({ role, category }: { role: Role; category: DataCategory }): boolean =>
  CATEGORY_ACCESS[role][category] === 'write';

export const canDo = ({ role, action }: { role: Role; action: Action }): boolean =>
  ACTION_ROLES[action].includes(role);

/**
 * Logical data separation: a record scoped to departments is visible to a user of one of them; a
 * record without departments is visible tenant-wide; admin and DPO see every department.
 */
export const canSeeRecord = ({
  role,
  userDepartments,
  recordDepartments,
}: {
  role: Role;
  userDepartments: readonly string[];
  recordDepartments: readonly string[];
}): boolean =>
  TENANT_WIDE_ROLES.includes(role) ||
  recordDepartments.length === 0 ||
  recordDepartments.some((d) => userDepartments.includes(d));

export const seesAllDepartments = (role: Role): boolean => TENANT_WIDE_ROLES.includes(role);

/**
 * Which departments a user may scope a record to: admin and DPO any; others only their own, and a
 * user who belongs to departments may not make a record unscoped (visible to the whole tenant).
 */
export const canAssignDepartments = ({
  role,
  userDepartments,
  departmentIds,
}: {
  role: Role;
  userDepartments: readonly string[];
  departmentIds: readonly string[];
}): boolean => {
  if (TENANT_WIDE_ROLES.includes(role)) return true;
  if (departmentIds.length === 0) return userDepartments.length === 0;
  return departmentIds.every((d) => userDepartments.includes(d));
};
