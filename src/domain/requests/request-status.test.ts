import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import {
  assertRequestAction,
  type IdentityStatus,
  identityStatusAfter,
  type RequestAction,
  type RequestState,
  type RequestStatus,
} from './request-status.ts';

const now = new Date('2026-02-10T10:00:00Z');
const base: RequestState = {
  status: 'open',
  identityStatus: 'verified',
  dueAt: '2026-03-02',
  extendedDueAt: null,
};

const codeOf = (state: RequestState, action: RequestAction, at = now) => {
  try {
    assertRequestAction(state, action, at);
    return null;
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
};

describe('what may happen to a request in which status', () => {
  const ACTIONS: RequestAction[] = ['verify', 'assign', 'extend', 'refuse', 'fulfil'];
  it.each<RequestStatus>(['completed', 'refused', 'withdrawn'])('a %s request allows nothing', (status) => {
    for (const action of ACTIONS) expect(codeOf({ ...base, status }, action)).toBe('request_closed');
  });

  it('an open, verified request within the first month allows everything', () => {
    for (const action of ACTIONS) expect(codeOf(base, action)).toBeNull();
  });

  it.each<[IdentityStatus, string | null]>([
    ['pending', 'request_not_verified'],
    ['failed', 'request_not_verified'],
    ['verified', null],
    ['not_required', null],
  ])('fulfil with identity %s → %s', (identityStatus, expected) => {
    expect(codeOf({ ...base, identityStatus }, 'fulfil')).toBe(expected);
  });

  it.each<[Partial<RequestState>, Date, string | null]>([
    [{}, now, null],
    [{}, new Date('2026-03-02T22:59:59Z'), null], // last second of the due day in Berlin
    [{}, new Date('2026-03-02T23:00:00Z'), 'extension_too_late'],
    [{ extendedDueAt: '2026-04-30' }, now, 'request_already_extended'],
    [{ status: 'completed' }, now, 'request_closed'],
  ])('extend %o at %s → %s', (patch, at, expected) => {
    expect(codeOf({ ...base, ...patch }, 'extend', at)).toBe(expected);
  });

  it('an unverified request may still be refused, verified and extended', () => {
    const pending = { ...base, identityStatus: 'pending' as const };
    for (const action of ['verify', 'assign', 'extend', 'refuse'] as const)
      expect(codeOf(pending, action)).toBeNull();
  });

  it.each([
    ['passed', 'verified'],
    ['failed', 'failed'],
    ['requested', 'pending'],
  ] as const)('a verification step %s leaves the identity %s', (outcome, expected) => {
    expect(identityStatusAfter(outcome)).toBe(expected);
  });
});
