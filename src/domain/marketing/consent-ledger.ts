import { createHash } from 'node:crypto';
import { AppError } from '../errors.ts';
import type { MarketingChannel } from './eligibility.ts';

/*
 * The pure rules of the consent ledger: a consent's state, how long its proof is kept, which proof
 * each way of giving consent needs, and the hash of a wording's exact text.
 */

export const CONSENT_METHODS = [
  'double_opt_in',
  'web_form',
  'phone',
  'in_person',
  'letter',
  'import',
  'portal',
] as const;
export type ConsentMethodName = (typeof CONSENT_METHODS)[number];

/** The methods staff may record by hand (the others come from the sign-up, the portal and DOI). */
export const STAFF_CONSENT_METHODS = ['phone', 'in_person', 'letter', 'web_form', 'import'] as const;

export type ConsentState = 'valid' | 'withdrawn' | 'superseded';

type Dated = Date | string | null | undefined;
const toDate = (value: Dated): Date | null => (value == null ? null : new Date(value));

/** Withdrawal wins over supersession (a withdrawn consent stays withdrawn in the history). */
export const consentState = (row: { withdrawnAt: Dated; supersededAt: Dated }): ConsentState =>
  row.withdrawnAt ? 'withdrawn' : row.supersededAt ? 'superseded' : 'valid';

const addYears = (date: Date, years: number) => {
  const d = new Date(date.getTime());
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d;
};

/** § 7a UWG: the proof of a phone consent is kept 5 years after it was given and after each use. */
export const PHONE_PROOF_YEARS = 5;
/** Other channels: 3 years (§ 195 BGB, regular limitation) after the consent ended. */
export const OTHER_PROOF_YEARS = 3;

/**
 * Until when the proof of a consent must be kept:
 * - phone: 5 years after the later of its giving and its last use (§ 7a UWG), whatever its state;
 * - e-mail, letter, SMS: 3 years after it ended (withdrawn or superseded); null while it is valid
 *   (kept as long as it is relied on; its use does not move the date).
 */
export const proofRetainedUntil = (row: {
  channel: MarketingChannel;
  givenAt: Date | string;
  lastUsedAt: Dated;
  withdrawnAt: Dated;
  supersededAt: Dated;
}): Date | null => {
  if (row.channel === 'phone') {
    const given = new Date(row.givenAt);
    const used = toDate(row.lastUsedAt);
    const from = used && used.getTime() > given.getTime() ? used : given;
    return addYears(from, PHONE_PROOF_YEARS);
  }
  const ended = toDate(row.withdrawnAt) ?? toDate(row.supersededAt);
  return ended ? addYears(ended, OTHER_PROOF_YEARS) : null;
};

export type ConsentProofInput = {
  note?: string | null;
  formUrl?: string | null;
  documentRef?: string | null;
};

/**
 * Which proof each method needs, checked before a consent is recorded:
 * - phone: a note of the call (who, when, what was said; § 7a UWG);
 * - letter: a reference to the signed document; web_form: the form's URL;
 * - double_opt_in: proves an e-mail address only, never a phone or letter consent (BGH I ZR 164/09);
 * - in_person and import: a note (where and how it was obtained, or the source of the import).
 * Throws `consent_proof_required` (detail names the missing part) or `consent_wording_mismatch`.
 */
export const assertConsentProof = (input: {
  method: ConsentMethodName;
  channel: MarketingChannel;
  proof: ConsentProofInput & Record<string, unknown>;
}): void => {
  const { method, channel, proof } = input;
  const has = (v: unknown) => typeof v === 'string' && v.trim().length > 0;
  if (method === 'double_opt_in' && channel !== 'email')
    throw new AppError('consent_proof_required', { params: { detail: 'double_opt_in proves e-mail only' } });
  if (method === 'phone' && !has(proof.note))
    throw new AppError('consent_proof_required', { params: { detail: 'proof.note (§ 7a UWG)' } });
  if (method === 'letter' && !has(proof.documentRef) && !has(proof.note))
    throw new AppError('consent_proof_required', { params: { detail: 'proof.documentRef' } });
  if (method === 'web_form' && !has(proof.formUrl) && !has(proof.formId))
    throw new AppError('consent_proof_required', { params: { detail: 'proof.formUrl' } });
  if ((method === 'in_person' || method === 'import') && !has(proof.note) && !has(proof.documentRef))
    throw new AppError('consent_proof_required', { params: { detail: 'proof.note' } });
};

/** SHA-256 (hex) of the exact wording text, byte for byte (no trimming, no normalisation). */
export const wordingHash = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
