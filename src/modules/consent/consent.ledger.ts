import type { Tx } from '../../db/tenant.ts';
import type { AppContext } from '../../server/context.ts';
import type { ConsentChannel, ConsentRecordInput, ConsentView, WithdrawalMethod } from './consent.types.ts';

/*
 * The consent ledger's building blocks inside a caller's transaction, for the other modules
 * (sign-ups, one-click withdrawal, preference page, portal, campaigns). Owner: consent.
 * STUBS until the consent module implements them; the signatures are the contract.
 */

/**
 * Records a consent: checks the wording fits purpose, channel (and that the purpose allows consent),
 * supersedes a valid consent for the same person, purpose and channel, adds the purpose to the
 * person's purposes when missing (through guardPersonWrite), and writes the audit entry (actor null
 * when the person gave it themselves). Returns the new consent.
 */
export const recordConsentWithin = async (
  _tx: Tx,
  _ctx: AppContext,
  _input: ConsentRecordInput,
): Promise<ConsentView> => {
  throw new Error('not implemented: recordConsentWithin');
};

/**
 * Withdraws one consent at once (Art. 7(3)); `consent_already_withdrawn` when it is no longer valid,
 * `not_found` when it is not this person's. `actorUserId` null: the person themselves.
 */
export const withdrawConsentWithin = async (
  _tx: Tx,
  _ctx: AppContext,
  _input: {
    tenantId: string;
    personId: string;
    consentId: string;
    method: WithdrawalMethod;
    note?: string | null;
    actorUserId: string | null;
  },
): Promise<ConsentView> => {
  throw new Error('not implemented: withdrawConsentWithin');
};

/** The person's whole ledger, newest first (valid, withdrawn and superseded). */
export const listConsentsWithin = async (
  _tx: Tx,
  _ctx: AppContext,
  _input: { tenantId: string; personId: string },
): Promise<ConsentView[]> => {
  throw new Error('not implemented: listConsentsWithin');
};

/** The newest wording version for a purpose, channel and language, or null when none is declared. */
export const currentWordingWithin = async (
  _tx: Tx,
  _input: { purposeId: string; channel: ConsentChannel; language: 'de' | 'en' },
): Promise<{
  id: string;
  version: number;
  text: string;
  textSha256: string;
  advertiser: string;
  productScope: string | null;
} | null> => {
  throw new Error('not implemented: currentWordingWithin');
};

/** § 7a UWG: notes each use of these consents (a campaign sent on them). */
export const markConsentsUsedWithin = async (
  _tx: Tx,
  _input: { consentIds: string[]; at: Date },
): Promise<void> => {
  throw new Error('not implemented: markConsentsUsedWithin');
};
