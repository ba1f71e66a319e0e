/**
 * What may happen to a data subject request in which status. A request is worked on while `open`;
 * completing (fulfil), refusing (Art. 12(4), 12(5)) or withdrawing closes it for good. Fulfilling needs
 * the requester's identity verified, or a decision that no check is required (EDPB 01/2022 §3.3: ask
 * for more only with reasonable doubts). One extension per request, decided within the first month.
 */
import { AppError } from '../errors.ts';
import { extensionAllowed } from './deadline.ts';

export const REQUEST_TYPES = [
  'access',
  'portability',
  'rectification',
  'erasure',
  'restriction',
  'objection',
] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

export const REQUEST_CHANNELS = ['letter', 'email', 'phone', 'web', 'in_person'] as const;
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];

export const REQUEST_STATUSES = ['open', 'completed', 'refused', 'withdrawn'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const IDENTITY_STATUSES = ['pending', 'verified', 'failed', 'not_required'] as const;
export type IdentityStatus = (typeof IDENTITY_STATUSES)[number];

export const VERIFICATION_METHODS = [
  'known_email',
  'known_address',
  'callback',
  'id_document',
  'portal_login',
  'in_person',
  'other',
] as const;
export type VerificationMethod = (typeof VERIFICATION_METHODS)[number];
export const VERIFICATION_OUTCOMES = ['requested', 'passed', 'failed'] as const;
export type VerificationOutcome = (typeof VERIFICATION_OUTCOMES)[number];

export const REFUSAL_REASONS = [
  'manifestly_unfounded',
  'excessive',
  'identity_not_verified',
  'no_data',
  'legal_exemption',
  'other',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export type RequestAction = 'verify' | 'assign' | 'extend' | 'refuse' | 'fulfil';

export type RequestState = {
  status: RequestStatus;
  identityStatus: IdentityStatus;
  dueAt: string;
  extendedDueAt: string | null;
};

/** Only an open request can be worked on. */
export const isOpen = (status: RequestStatus) => status === 'open';

/**
 * Throws the AppError that forbids `action` on a request in this state at `now`, or returns. The
 * checks run in a fixed order: closed first, then the action's own condition.
 */
export const assertRequestAction = (request: RequestState, action: RequestAction, now: Date): void => {
  if (!isOpen(request.status)) throw new AppError('request_closed', { params: { status: request.status } });
  if (action === 'extend') {
    if (request.extendedDueAt !== null) throw new AppError('request_already_extended');
    if (!extensionAllowed(now, request.dueAt))
      throw new AppError('extension_too_late', { params: { dueAt: request.dueAt } });
  }
  if (action === 'fulfil' && !['verified', 'not_required'].includes(request.identityStatus))
    throw new AppError('request_not_verified', { params: { identityStatus: request.identityStatus } });
};

/** The identity status after a verification step: the latest step decides. */
export const identityStatusAfter = (outcome: VerificationOutcome): IdentityStatus =>
  outcome === 'passed' ? 'verified' : outcome === 'failed' ? 'failed' : 'pending';
