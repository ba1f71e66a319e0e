import type { CaseListQuery, CasePriority, CaseStatus } from './types';
import { CASE_PRIORITIES, CASE_STATUSES } from './types';

/** The list's state in the address bar: /cases?status=…&priority=…&assignee=me&q=…&breached=1&page=2 */
export type CasesSearch = {
  q?: string;
  status?: CaseStatus | 'all';
  priority?: CasePriority;
  assignee?: 'me' | 'none';
  breached?: boolean;
  page?: number;
};

export const parseCasesSearch = (search: Record<string, unknown>): CasesSearch => {
  const out: CasesSearch = {};
  if (typeof search.q === 'string' && search.q) out.q = search.q;
  if (search.status === 'all' || CASE_STATUSES.includes(search.status as CaseStatus))
    out.status = search.status as CasesSearch['status'];
  if (CASE_PRIORITIES.includes(search.priority as CasePriority))
    out.priority = search.priority as CasePriority;
  if (search.assignee === 'me' || search.assignee === 'none') out.assignee = search.assignee;
  if (search.breached === true || search.breached === 'true' || search.breached === 1) out.breached = true;
  const page = Number(search.page);
  if (Number.isInteger(page) && page > 1) out.page = page;
  return out;
};

export const PAGE_SIZE = 50;

export const toCaseListQuery = (s: CasesSearch): CaseListQuery => ({
  ...(s.q ? { q: s.q } : {}),
  ...(s.status === undefined ? { open: 'true' as const } : s.status === 'all' ? {} : { status: s.status }),
  ...(s.priority ? { priority: s.priority } : {}),
  ...(s.assignee ? { assignee: s.assignee } : {}),
  ...(s.breached ? { slaBreached: 'true' as const } : {}),
  page: s.page ?? 1,
  pageSize: PAGE_SIZE,
});
