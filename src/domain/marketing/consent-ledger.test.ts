import { describe, expect, it } from 'vitest';
import type { AppError } from '../errors.ts';
import { assertConsentProof, consentState, proofRetainedUntil, wordingHash } from './consent-ledger.ts';
import {
  DEFAULT_MAIL_TEMPLATES,
  MAIL_TEMPLATE_KEYS,
  placeholdersIn,
  renderMailTemplateText,
  validateMailTemplate,
} from './mail-defaults.ts';

const NOW = new Date('2026-03-02T09:00:00Z');
const codeOf = (fn: () => void) => {
  try {
    fn();
  } catch (error) {
    return (error as AppError).code;
  }
  return null;
};

describe('consent state', () => {
  it('is valid, withdrawn or superseded; withdrawal wins', () => {
    expect(consentState({ withdrawnAt: null, supersededAt: null })).toBe('valid');
    expect(consentState({ withdrawnAt: NOW, supersededAt: null })).toBe('withdrawn');
    expect(consentState({ withdrawnAt: null, supersededAt: NOW })).toBe('superseded');
    expect(consentState({ withdrawnAt: NOW, supersededAt: NOW })).toBe('withdrawn');
  });
});

describe('proof retention', () => {
  const base = { givenAt: NOW, lastUsedAt: null, withdrawnAt: null, supersededAt: null };
  it('keeps phone proof 5 years after the later of giving and last use (§ 7a UWG)', () => {
    expect(proofRetainedUntil({ ...base, channel: 'phone' })?.toISOString()).toBe('2031-03-02T09:00:00.000Z');
    expect(
      proofRetainedUntil({ ...base, channel: 'phone', lastUsedAt: '2027-01-01T00:00:00Z' })?.toISOString(),
    ).toBe('2032-01-01T00:00:00.000Z');
    expect(
      proofRetainedUntil({ ...base, channel: 'phone', withdrawnAt: '2026-04-01T00:00:00Z' })?.toISOString(),
    ).toBe('2031-03-02T09:00:00.000Z');
  });
  it('keeps e-mail and other proof 3 years after the end, null while valid, use does not count', () => {
    expect(proofRetainedUntil({ ...base, channel: 'email' })).toBeNull();
    expect(proofRetainedUntil({ ...base, channel: 'email', lastUsedAt: '2027-01-01T00:00:00Z' })).toBeNull();
    expect(
      proofRetainedUntil({ ...base, channel: 'email', withdrawnAt: '2026-05-01T00:00:00Z' })?.toISOString(),
    ).toBe('2029-05-01T00:00:00.000Z');
    expect(
      proofRetainedUntil({ ...base, channel: 'letter', supersededAt: '2026-05-01T00:00:00Z' })?.toISOString(),
    ).toBe('2029-05-01T00:00:00.000Z');
  });
});

describe('proof per method', () => {
  it('needs a note for phone, proves e-mail only by double opt-in', () => {
    expect(codeOf(() => assertConsentProof({ method: 'phone', channel: 'phone', proof: {} }))).toBe(
      'consent_proof_required',
    );
    expect(
      codeOf(() => assertConsentProof({ method: 'phone', channel: 'phone', proof: { note: 'Anruf' } })),
    ).toBeNull();
    expect(codeOf(() => assertConsentProof({ method: 'double_opt_in', channel: 'phone', proof: {} }))).toBe(
      'consent_proof_required',
    );
    expect(
      codeOf(() => assertConsentProof({ method: 'double_opt_in', channel: 'email', proof: {} })),
    ).toBeNull();
    expect(codeOf(() => assertConsentProof({ method: 'letter', channel: 'letter', proof: {} }))).toBe(
      'consent_proof_required',
    );
    expect(
      codeOf(() =>
        assertConsentProof({ method: 'web_form', channel: 'email', proof: { formUrl: 'https://x' } }),
      ),
    ).toBeNull();
    expect(codeOf(() => assertConsentProof({ method: 'portal', channel: 'email', proof: {} }))).toBeNull();
  });
});

describe('wording hash', () => {
  it('is the SHA-256 of the exact text', () => {
    expect(wordingHash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(wordingHash('abc ')).not.toBe(wordingHash('abc'));
  });
});

describe('mail templates', () => {
  it('has valid German and English defaults; the DOI mail carries no advertising', () => {
    for (const key of MAIL_TEMPLATE_KEYS)
      for (const language of ['de', 'en'] as const)
        expect(codeOf(() => validateMailTemplate(key, DEFAULT_MAIL_TEMPLATES[key][language]))).toBeNull();
    expect(placeholdersIn(DEFAULT_MAIL_TEMPLATES.double_opt_in.de.body)).toEqual([
      'senderName',
      'purpose',
      'link',
    ]);
    expect(DEFAULT_MAIL_TEMPLATES.double_opt_in.de.body).not.toMatch(/Angebot|Rabatt|Gutschein/);
    expect(DEFAULT_MAIL_TEMPLATES.marketing_footer.de.body).toContain(
      'Sie können der Verwendung Ihrer Daten für Werbung jederzeit widersprechen',
    );
    expect(placeholdersIn(DEFAULT_MAIL_TEMPLATES.portal_login.en.body)).toEqual([
      'senderName',
      'link',
      'minutes',
    ]);
  });
  it('refuses unknown placeholders, stray braces and a missing link', () => {
    expect(
      codeOf(() => validateMailTemplate('double_opt_in', { subject: 'x', body: '{{link}} {{rabatt}}' })),
    ).toBe('invalid_template');
    expect(
      codeOf(() => validateMailTemplate('double_opt_in', { subject: 'x {{link}', body: '{{link}}' })),
    ).toBe('invalid_template');
    expect(codeOf(() => validateMailTemplate('portal_login', { subject: 'x', body: 'no link' }))).toBe(
      'invalid_template',
    );
  });
  it('renders values as plain text, empty for a missing known value, an unknown one visible', () => {
    expect(
      renderMailTemplateText(
        { subject: 'Hallo {{firstName}}', body: '{{link}}\n\n\n\n{{x}}' },
        { link: 'L' },
      ),
    ).toEqual({
      subject: 'Hallo',
      text: 'L\n\n{{x}}',
    });
  });
});
