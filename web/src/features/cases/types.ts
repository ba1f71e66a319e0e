import type { QueryOf, RequestOf, ResponseOf } from '../../api/types';

export type CasePage = ResponseOf<'/api/v1/cases', 'get'>;
export type CaseSummary = CasePage['items'][number];
export type CaseListQuery = QueryOf<'/api/v1/cases', 'get'>;
export type CaseDetail = ResponseOf<'/api/v1/cases/{id}', 'get'>;
export type CaseMessage = NonNullable<CaseDetail['messages']>[number];
export type CaseInput = RequestOf<'/api/v1/cases', 'post'>;
export type CasePatch = RequestOf<'/api/v1/cases/{id}', 'patch'>;
export type CaseMessageInput = RequestOf<'/api/v1/cases/{id}/messages', 'post'>;
export type CaseStatus = CaseSummary['status'];
export type CasePriority = CaseSummary['priority'];
export type CaseChannel = CaseSummary['channel'];
export type CaseCategory = CaseSummary['category'];
export type SlaState = CaseSummary['slaState'];
export type MessageDirection = CaseMessage['direction'];

export const CASE_STATUSES: readonly CaseStatus[] = ['new', 'open', 'waiting', 'resolved', 'closed'];
export const CASE_PRIORITIES: readonly CasePriority[] = ['urgent', 'high', 'normal', 'low'];
export const CASE_CHANNELS: readonly CaseChannel[] = ['phone', 'email', 'letter', 'web', 'chat', 'in_person'];
export const CASE_CATEGORIES: readonly CaseCategory[] = [
  'complaint',
  'question',
  'defect',
  'return',
  'billing',
  'other',
];
export const MESSAGE_DIRECTIONS: readonly MessageDirection[] = ['outbound', 'internal', 'inbound'];

/** The server's status rules (src/domain/service/case-status.ts), to offer only possible changes. */
export const NEXT_STATUSES: Record<CaseStatus, readonly CaseStatus[]> = {
  new: ['open', 'waiting', 'resolved'],
  open: ['waiting', 'resolved'],
  waiting: ['open', 'resolved'],
  resolved: ['closed', 'open'],
  closed: [],
};
