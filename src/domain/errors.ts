/**
 * Typed error thrown by domain rules and services; the HTTP layer and the CLI turn it into
 * `{code, message}` in one place. `params` fill the human message template of the code.
 */
export type AppErrorCode =
  | 'validation_failed'
  | 'invalid_json'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'unauthenticated'
  | 'invalid_credentials'
  | 'mfa_required'
  | 'invalid_mfa_code'
  | 'mfa_not_enabled'
  | 'mfa_already_enabled'
  | 'csrf_failed'
  | 'rate_limited'
  | 'forbidden'
  | 'field_not_readable'
  | 'field_not_writable'
  | 'not_found'
  | 'conflict'
  | 'version_conflict'
  | 'already_initialized'
  | 'not_initialized'
  | 'invalid_setup_code'
  | 'email_taken'
  | 'unknown_purpose'
  | 'purpose_exists'
  | 'legal_basis_not_allowed'
  | 'special_category_basis_required'
  | 'invalid_expiry'
  | 'unknown_department'
  | 'unknown_organization'
  | 'unknown_tag'
  | 'user_disabled'
  | 'last_admin'
  | 'token_revoked'
  | 'invalid_amount'
  | 'invalid_currency'
  | 'invalid_date_range'
  | 'invalid_stage_move'
  | 'unknown_person'
  | 'unknown_stage'
  | 'unknown_customer_group'
  | 'unknown_user'
  | 'customer_required'
  | 'number_taken'
  | 'import_failed'
  | 'invalid_status_change'
  | 'stage_in_use'
  | 'invalid_pipeline'
  | 'unknown_deal'
  | 'unknown_record'
  | 'customer_number_taken'
  | 'customer_group_exists'
  | 'request_not_verified'
  | 'request_closed'
  | 'extension_too_late'
  | 'request_already_extended'
  | 'field_locked'
  | 'person_restricted'
  | 'subject_suppressed'
  | 'marketing_objection'
  | 'export_not_available'
  | 'backup_invalid'
  | 'unknown_recipient'
  | 'recipient_exists'
  | 'invalid_template'
  | 'letter_unavailable'
  | 'letter_not_applicable'
  | 'nothing_to_rectify'
  | 'consent_wording_mismatch'
  | 'consent_proof_required'
  | 'consent_not_given'
  | 'consent_already_withdrawn'
  | 'form_inactive'
  | 'too_many_mails'
  | 'link_invalid'
  | 'link_expired'
  | 'link_used'
  | 'email_undeliverable'
  | 'mail_delivery_failed'
  | 'segment_name_taken'
  | 'segment_purpose_required'
  | 'segment_in_use'
  | 'campaign_not_editable'
  | 'campaign_no_legal_basis'
  | 'campaign_not_marketing'
  | 'portal_session_required'
  | 'tenant_required'
  | 'no_email_address'
  | 'breach_incomplete'
  | 'breach_late_reason_required'
  | 'breach_closed'
  | 'service_unavailable'
  | 'internal_error';

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly params: Record<string, string | number>;
  readonly details: unknown;

  constructor(
    code: AppErrorCode,
    options: { params?: Record<string, string | number>; details?: unknown } = {},
  ) {
    super(code);
    this.name = 'AppError';
    this.code = code;
    this.params = options.params ?? {};
    this.details = options.details;
  }
}
