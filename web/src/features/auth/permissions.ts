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
  /** Roles that may write communication content (interactions, notes). */
  'communication.write': ['admin', 'dpo', 'sales', 'support'],
  /** Roles that may read and write the special category (accessibility needs, Art. 9). */
  'special.write': ['dpo', 'support'],
  /** The audit trail is for the data protection officer alone (the server answers 403 to others). */
  'audit.read': ['dpo'],
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
