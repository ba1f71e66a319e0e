import { describe, expect, it } from 'vitest';
import type { AppErrorCode } from '../domain/errors.ts';
import { localeFrom, messageFor } from './messages.ts';

/**
 * Every error code. `satisfies` makes the type checker refuse this list when a code is added to
 * AppErrorCode (missing key) or removed (excess key), so the checks below always cover all codes.
 */
const CODES = Object.keys({
  validation_failed: true,
  invalid_json: true,
  payload_too_large: true,
  unsupported_media_type: true,
  unauthenticated: true,
  invalid_credentials: true,
  mfa_required: true,
  invalid_mfa_code: true,
  mfa_not_enabled: true,
  mfa_already_enabled: true,
  csrf_failed: true,
  rate_limited: true,
  forbidden: true,
  field_not_readable: true,
  field_not_writable: true,
  not_found: true,
  conflict: true,
  version_conflict: true,
  already_initialized: true,
  not_initialized: true,
  invalid_setup_code: true,
  email_taken: true,
  unknown_purpose: true,
  purpose_exists: true,
  legal_basis_not_allowed: true,
  special_category_basis_required: true,
  invalid_expiry: true,
  unknown_department: true,
  unknown_organization: true,
  unknown_tag: true,
  user_disabled: true,
  last_admin: true,
  token_revoked: true,
  invalid_amount: true,
  invalid_currency: true,
  invalid_date_range: true,
  invalid_stage_move: true,
  unknown_person: true,
  unknown_stage: true,
  unknown_customer_group: true,
  unknown_user: true,
  customer_required: true,
  number_taken: true,
  import_failed: true,
  import_file_too_large: true,
  import_file_unreadable: true,
  import_encoding_unknown: true,
  import_mapping_invalid: true,
  import_has_errors: true,
  import_not_staged: true,
  import_mapping_missing: true,
  import_file_name_missing: true,
  consistency_mapping_invalid: true,
  consistency_file_empty: true,
  invalid_status_change: true,
  stage_in_use: true,
  invalid_pipeline: true,
  customer_number_taken: true,
  customer_group_exists: true,
  unknown_deal: true,
  unknown_record: true,
  request_not_verified: true,
  request_closed: true,
  extension_too_late: true,
  request_already_extended: true,
  field_locked: true,
  person_restricted: true,
  subject_suppressed: true,
  marketing_objection: true,
  phone_invalid: true,
  export_not_available: true,
  backup_invalid: true,
  unknown_recipient: true,
  recipient_exists: true,
  transfer_mechanism_invalid: true,
  avv_document_invalid: true,
  invalid_template: true,
  letter_unavailable: true,
  letter_not_applicable: true,
  nothing_to_rectify: true,
  breach_incomplete: true,
  breach_late_reason_required: true,
  breach_closed: true,
  retention_below_legal_minimum: true,
  retention_rule_conflict: true,
  retention_sweep_running: true,
  legal_hold_released: true,
  dpia_measures_missing: true,
  dpia_high_residual_risk: true,
  dpia_signed_off: true,
  ropa_incomplete: true,
  dpia_incomplete: true,
  no_email_address: true,
  consent_wording_mismatch: true,
  consent_proof_required: true,
  consent_not_given: true,
  consent_already_withdrawn: true,
  form_inactive: true,
  too_many_mails: true,
  link_invalid: true,
  link_expired: true,
  link_used: true,
  email_undeliverable: true,
  mail_delivery_failed: true,
  segment_name_taken: true,
  segment_purpose_required: true,
  segment_in_use: true,
  campaign_not_editable: true,
  campaign_no_legal_basis: true,
  campaign_not_marketing: true,
  portal_session_required: true,
  tenant_required: true,
  match_file_unreadable: true,
  match_map_invalid: true,
  match_column_missing: true,
  merge_same_person: true,
  merge_person_restricted: true,
  merge_open_request: true,
  merge_legal_hold: true,
  duplicate_already_decided: true,
  photo_type_not_accepted: true,
  photo_too_large: true,
  photo_unreadable: true,
  photo_biometric_purpose: true,
  photo_retention_invalid: true,
  service_unavailable: true,
  master_key_unavailable: true,
  form_field_not_declared: true,
  web_form_invalid: true,
  submission_decided: true,
  redaction_decided: true,
  redaction_stale: true,
  redaction_spans_invalid: true,
  redaction_not_redacted: true,
  redaction_no_email: true,
  internal_error: true,
} satisfies Record<AppErrorCode, true>) as AppErrorCode[];

/** Placeholders of a template: messageFor leaves `{name}` in place when no param fills it. */
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string).sort();

describe('error messages', () => {
  it.each(CODES)('%s has a non-empty German and English message', (code) => {
    const de = messageFor(code, 'de');
    const en = messageFor(code, 'en');
    expect(de.trim().length).toBeGreaterThan(0);
    expect(en.trim().length).toBeGreaterThan(0);
    expect(de).not.toBe(en);
    expect(en).not.toBe(code);
  });

  it.each(CODES)('%s uses the same {placeholders} in both languages', (code) => {
    expect(placeholders(messageFor(code, 'de'))).toEqual(placeholders(messageFor(code, 'en')));
  });

  it.each(CODES)('%s: every placeholder is filled when its param is given', (code) => {
    const params = Object.fromEntries(placeholders(messageFor(code, 'en')).map((p) => [p, `<${p}>`]));
    for (const locale of ['de', 'en'] as const) {
      const text = messageFor(code, locale, params);
      expect(text).not.toMatch(/\{\w+\}/);
      for (const name of Object.keys(params)) if (name !== 'entity') expect(text).toContain(`<${name}>`);
    }
  });

  it('fills parameters into the template', () => {
    expect(messageFor('rate_limited', 'de', { retryAfter: 42 })).toBe(
      'Zu viele Versuche. Bitte warten Sie 42 Sekunden.',
    );
    expect(
      messageFor('legal_basis_not_allowed', 'en', {
        purpose: 'newsletter',
        legalBasis: 'contract',
        allowed: 'consent',
      }),
    ).toBe('The purpose "newsletter" does not allow the legal basis "contract" (allowed: consent).');
  });

  it('names known entities in the language of the message, unknown ones as given', () => {
    expect(messageFor('not_found', 'de', { entity: 'person' })).toBe('Die Person wurde nicht gefunden.');
    expect(messageFor('not_found', 'en', { entity: 'organization' })).toBe('The organisation was not found.');
    expect(messageFor('not_found', 'en', { entity: 'widget' })).toBe('widget was not found.');
  });

  it('leaves a placeholder visible when its param is missing, rather than printing "undefined"', () => {
    expect(messageFor('unknown_purpose', 'en')).toBe('The purpose "{purpose}" is not declared.');
    expect(messageFor('unknown_purpose', 'en')).not.toContain('undefined');
  });
});

describe('localeFrom', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['de', 'de'],
    ['DE', 'de'],
    ['de-DE', 'de'],
    ['de-AT', 'de'],
    ['de-CH,de;q=0.9', 'de'],
    ['de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7', 'de'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['en-GB,en;q=0.9,de;q=0.8', 'en'],
    ['en-US,en;q=0.9,de-DE;q=0.8,de;q=0.7', 'en'],
    ['fr-FR,fr;q=0.9', 'en'],
    ['*', 'en'],
    [' de-DE , en;q=0.5', 'de'],
  ] as const)('%j → %s', (header, locale) => {
    expect(localeFrom(header)).toBe(locale);
  });

  it('follows q-values, not only the order', () => {
    expect(localeFrom('en;q=0.5, de;q=0.9')).toBe('de');
    expect(localeFrom('de;q=0.1, en')).toBe('en');
  });

  it('prefers German to English when a third language comes first', () => {
    expect(localeFrom('fr-FR,fr;q=0.9,de;q=0.8,en;q=0.7')).toBe('de');
    expect(localeFrom('nl,en;q=0.8,de;q=0.6')).toBe('en');
  });

  it('takes the first of equally weighted languages', () => {
    expect(localeFrom('en, de')).toBe('en');
    expect(localeFrom('de, en')).toBe('de');
  });

  it('ignores languages marked not acceptable (q=0) and malformed weights', () => {
    expect(localeFrom('de;q=0')).toBe('en');
    expect(localeFrom('de;q=0, en;q=0.1')).toBe('en');
    expect(localeFrom('de;q=abc, en;q=0.2')).toBe('en');
  });

  it('does not mistake other languages starting with "de" for German', () => {
    expect(localeFrom('del')).toBe('en');
    expect(localeFrom('dsb-DE')).toBe('en');
  });

  it('reads POSIX locales as passed by the CLI from LANG or LC_ALL', () => {
    expect(localeFrom('de_DE.UTF-8')).toBe('de');
    expect(localeFrom('de-DE.UTF-8')).toBe('de');
    expect(localeFrom('de_DE@euro')).toBe('de');
    expect(localeFrom('en_US.UTF-8')).toBe('en');
    expect(localeFrom('C.UTF-8')).toBe('en');
    expect(localeFrom('POSIX')).toBe('en');
  });
});
