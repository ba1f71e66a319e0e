import { createHmac, hkdfSync } from 'node:crypto';
import type { Jurisdiction } from '../../domain/billing/retention.ts';

/**
 * Suppression entries hold keyed hashes (HMAC-SHA256) of an erased person's e-mail address and phone
 * number, never the plain values: whoever reads the table (or a dump) cannot test guesses without the
 * tenant's key. The key is derived with HKDF from the tenant's audit key, so it needs no storage of its
 * own and differs per tenant.
 */
export const SUPPRESSION_KINDS = ['email', 'phone'] as const;
export type SuppressionKind = (typeof SUPPRESSION_KINDS)[number];

const CALLING_CODES: Record<Jurisdiction, string> = { DE: '49', AT: '43' };

/** E-mail addresses compare trimmed and lower-cased. Empty → null. */
export const normaliseEmail = (email: string | null | undefined): string | null => {
  const v = email?.trim().toLowerCase();
  return v ? v : null;
};

/**
 * Phone numbers compare as digits in international form where it can be told: "+49 30 1234567",
 * "0049 30 1234567" and (for a German tenant) "030 1234567" all become "+49301234567". A number
 * without a leading 0 or + stays plain digits; a bracketed "(0)" after the country code is dropped. Fewer than 3 digits → null (nothing to suppress).
 */
export const normalisePhone = (phone: string | null | undefined, jurisdiction: Jurisdiction = 'DE') => {
  // "+49 (0)30 …": the bracketed trunk 0 is not dialled from abroad
  const raw = phone?.trim().replace(/\(0\)/g, '');
  if (!raw) return null;
  const digits = raw.replace(/\D/g, '');
  if (digits.length < 3) return null;
  if (raw.startsWith('+')) return `+${digits}`;
  if (digits.startsWith('00')) return `+${digits.slice(2)}`;
  if (digits.startsWith('0')) return `+${CALLING_CODES[jurisdiction]}${digits.slice(1)}`;
  return digits;
};

/** The tenant's suppression key: HKDF-SHA256 of its audit key, bound to the tenant id. */
export const suppressionKey = (auditKey: Buffer, tenantId: string): Buffer =>
  Buffer.from(hkdfSync('sha256', auditKey, Buffer.from(tenantId), Buffer.from('custos-suppression-v1'), 32));

/** The keyed hash of an already normalised value (hex). */
export const suppressionHash = (key: Buffer, kind: SuppressionKind, normalised: string) =>
  createHmac('sha256', key).update(`${kind}:${normalised}`).digest('hex');

/** The (kind, hash) pairs for an e-mail address and a phone number; absent values give no entry. */
export const suppressionHashes = (
  key: Buffer,
  input: { email?: string | null; phone?: string | null },
  jurisdiction: Jurisdiction = 'DE',
): { kind: SuppressionKind; hash: string }[] => {
  const out: { kind: SuppressionKind; hash: string }[] = [];
  const email = normaliseEmail(input.email);
  if (email) out.push({ kind: 'email', hash: suppressionHash(key, 'email', email) });
  const phone = normalisePhone(input.phone, jurisdiction);
  if (phone) out.push({ kind: 'phone', hash: suppressionHash(key, 'phone', phone) });
  return out;
};
