import { domainToASCII } from 'node:url';
import DISPOSABLE from './disposable-domains.json' with { type: 'json' };

/**
 * E-mail addresses as people type them into a CRM: a practical subset of RFC 5321/5322 (dot-atom
 * local part, no quoted strings, comments or address literals), internationalised domains (IDN,
 * checked in their ASCII "xn--" form), the length limits of RFC 5321 (local part 64, domain 253,
 * whole address 254 octets). Normalisation trims and lower-cases the domain; the local part is kept
 * as typed (it may be case-sensitive). A disposable domain is a warning, not an error.
 */
export const EMAIL_MAX = 254;
export const LOCAL_PART_MAX = 64;
export const DOMAIN_MAX = 253;

export type EmailProblem =
  | 'empty'
  | 'too_long'
  | 'missing_at'
  | 'local_part_too_long'
  | 'local_part_invalid'
  | 'consecutive_dots'
  | 'domain_invalid';

export type EmailCheck =
  | { valid: true; normalized: string; domain: string; disposable: boolean }
  | { valid: false; problem: EmailProblem };

/** atext of RFC 5322 plus non-ASCII letters (RFC 6531); dots only between atoms. */
const ATOM = /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+$/u;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

const disposableSet: ReadonlySet<string> = new Set(DISPOSABLE.map((d) => d.toLowerCase()));

/** The domain in its ASCII form (IDN → punycode), or null when it is no valid host name. */
export const asciiDomain = (options: { domain: string }): string | null => {
  const { domain } = options;
  if (!domain || domain.startsWith('.') || domain.endsWith('.') || domain.includes('..')) return null;
  const ascii = domainToASCII(domain.toLowerCase());
  if (!ascii || ascii.length > DOMAIN_MAX) return null;
  const labels = ascii.split('.');
  if (labels.length < 2) return null;
  if (!labels.every((l) => LABEL.test(l))) return null;
  const tld = labels[labels.length - 1] ?? '';
  // a top-level domain is never all digits (that would be an IP address) and at least 2 characters
  return /^[0-9]+$/.test(tld) || tld.length < 2 ? null : ascii;
};

/** True when the (ASCII) domain or any parent of it is a known disposable-address provider. */
export const isDisposableDomain = (options: { domain: string }): boolean => {
  const labels = options.domain.toLowerCase().split('.');
  for (let i = 0; i < labels.length - 1; i++) if (disposableSet.has(labels.slice(i).join('.'))) return true;
  return false;
};

/** Checks and normalises an e-mail address. */
export const checkEmail = (options: { input: string }): EmailCheck => {
  const value = options.input.trim();
  if (!value) return { valid: false, problem: 'empty' };
  if (new TextEncoder().encode(value).length > EMAIL_MAX) return { valid: false, problem: 'too_long' };
  const at = value.lastIndexOf('@');
  if (at < 0) return { valid: false, problem: 'missing_at' };
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (!local) return { valid: false, problem: 'local_part_invalid' };
  if (new TextEncoder().encode(local).length > LOCAL_PART_MAX)
    return { valid: false, problem: 'local_part_too_long' };
  if (local.includes('..') || domain.includes('..')) return { valid: false, problem: 'consecutive_dots' };
  if (!local.split('.').every((atom) => ATOM.test(atom)))
    return { valid: false, problem: 'local_part_invalid' };
  const ascii = asciiDomain({ domain });
  if (!ascii) return { valid: false, problem: 'domain_invalid' };
  const normalizedDomain = domain.toLowerCase();
  return {
    valid: true,
    normalized: `${local}@${normalizedDomain}`,
    domain: normalizedDomain,
    disposable: isDisposableDomain({ domain: ascii }),
  };
};

/** True for an address checkEmail accepts. */
export const isValidEmail = (options: { input: string }): boolean => checkEmail(options).valid;
