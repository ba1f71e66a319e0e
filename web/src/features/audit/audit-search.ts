import type { AuditAction } from '../../api/types';
import type { AuditFilter } from './api';

/** Every action the server records; a Record so a new action in the API fails the typecheck here. */
const ACTIONS: Record<AuditAction, true> = {
  create: true,
  read: true,
  update: true,
  export: true,
  erase: true,
  login: true,
  login_failed: true,
  logout: true,
  permission_denied: true,
  settings_change: true,
  key_rotation: true,
  redact: true,
  merge: true,
};
export const AUDIT_ACTIONS = Object.keys(ACTIONS) as AuditAction[];

/**
 * The audit view's filters live in the URL, so a person page can link to its entries and a view
 * can be bookmarked. Deliberately no filter by employee (works-council rule: no staff monitoring).
 */
export type AuditSearch = {
  subjectId?: string;
  action?: AuditAction;
  /** Calendar days (YYYY-MM-DD), both inclusive. */
  from?: string;
  to?: string;
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** The record id in what the user typed or pasted: a bare id or, e.g., the address of a contact page. */
export const extractSubjectId = (text: string): string | undefined => UUID.exec(text)?.[0]?.toLowerCase();

const day = (value: unknown) => (typeof value === 'string' && DAY.test(value) ? value : undefined);

export const parseAuditSearch = (search: Record<string, unknown>): AuditSearch => ({
  subjectId:
    typeof search.subjectId === 'string' && search.subjectId.trim() ? search.subjectId.trim() : undefined,
  action: ACTIONS[search.action as AuditAction] ? (search.action as AuditAction) : undefined,
  from: day(search.from),
  to: day(search.to),
});

/** Local midnight at the start of `value` (YYYY-MM-DD), `addDays` later, as an ISO date-time. */
const startOfDay = (value: string, addDays = 0) => {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + addDays).toISOString();
};

/** The API filter: "until" is exclusive on the server, so the chosen last day is included whole. */
export const toAuditFilter = (search: AuditSearch): AuditFilter => ({
  subjectId: search.subjectId,
  action: search.action,
  from: search.from ? startOfDay(search.from) : undefined,
  to: search.to ? startOfDay(search.to, 1) : undefined,
});
