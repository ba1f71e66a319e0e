import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type AppErrorCode } from '../domain/errors.ts';
import { recordAuditAlone } from '../modules/audit/audit.service.ts';
import { auditContextOf } from './authenticate.ts';
import { localeFrom, messageFor } from './messages.ts';
import { localiseIssues, RequestValidationError } from './validation.ts';

const STATUS: Partial<Record<AppErrorCode, number>> = {
  validation_failed: 422,
  invalid_json: 400,
  payload_too_large: 413,
  import_file_too_large: 413,
  import_has_errors: 409,
  import_not_staged: 409,
  import_mapping_missing: 409,
  unsupported_media_type: 415,
  photo_type_not_accepted: 415,
  photo_too_large: 413,
  unauthenticated: 401,
  invalid_credentials: 401,
  mfa_required: 401,
  invalid_mfa_code: 401,
  token_revoked: 401,
  user_disabled: 403,
  csrf_failed: 403,
  forbidden: 403,
  field_not_readable: 403,
  field_not_writable: 403,
  rate_limited: 429,
  not_found: 404,
  conflict: 409,
  version_conflict: 409,
  merge_same_person: 409,
  merge_person_restricted: 409,
  merge_open_request: 409,
  merge_legal_hold: 409,
  duplicate_already_decided: 409,
  already_initialized: 409,
  not_initialized: 409,
  invalid_setup_code: 403,
  email_taken: 409,
  purpose_exists: 409,
  mfa_already_enabled: 409,
  mfa_not_enabled: 409,
  last_admin: 409,
  number_taken: 409,
  invalid_stage_move: 409,
  invalid_status_change: 409,
  stage_in_use: 409,
  invalid_pipeline: 409,
  customer_number_taken: 409,
  customer_group_exists: 409,
  request_not_verified: 409,
  request_closed: 409,
  extension_too_late: 409,
  request_already_extended: 409,
  field_locked: 409,
  person_restricted: 409,
  subject_suppressed: 409,
  marketing_objection: 409,
  export_not_available: 409,
  letter_unavailable: 409,
  letter_not_applicable: 409,
  recipient_exists: 409,
  consent_already_withdrawn: 409,
  form_inactive: 409,
  too_many_mails: 429,
  link_invalid: 404,
  link_expired: 410,
  link_used: 409,
  mail_delivery_failed: 503,
  segment_name_taken: 409,
  segment_in_use: 409,
  campaign_not_editable: 409,
  campaign_no_legal_basis: 409,
  portal_session_required: 401,
  breach_closed: 409,
  retention_rule_conflict: 409,
  retention_sweep_running: 409,
  legal_hold_released: 409,
  dpia_high_residual_risk: 409,
  dpia_signed_off: 409,
  submission_decided: 409,
  redaction_decided: 409,
  redaction_stale: 409,
  redaction_not_redacted: 409,
  redaction_no_email: 409,
  service_unavailable: 503,
  master_key_unavailable: 503,
  internal_error: 500,
};

export const statusOf = (code: AppErrorCode): number => STATUS[code] ?? 422;

/**
 * URLs that name no route: a path Fastify cannot decode (bad percent-encoding), a parameter longer than
 * the router's limit, a path the static file server refuses (non-canonical, too long for a file name).
 * They answer like any unknown route, and never echo the URL.
 */
const NO_ROUTE_CODES = new Set(['FST_ERR_BAD_URL', 'FST_ERR_MAX_PARAM_LENGTH', 'FST_STATIC_FORBIDDEN_PATH']);

/** Maps Fastify's own client errors (body parsing, limits) to stable codes. */
const frameworkCode = (error: FastifyError): AppErrorCode | undefined => {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return 'invalid_json';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'payload_too_large';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'unsupported_media_type';
  }
  if (error instanceof SyntaxError && error.statusCode === 400) return 'invalid_json';
  return undefined;
};

const DENIALS = new Set<AppErrorCode>(['forbidden', 'field_not_readable', 'field_not_writable']);

/** Denied attempts are part of the audit trail (in a transaction of their own: the request's rolled back). */
const recordDenial = async (request: FastifyRequest, error: AppError) => {
  const actor = request.actor!;
  try {
    await recordAuditAlone(auditContextOf(request), actor.tenantId, {
      actor,
      action: 'permission_denied',
      fields: typeof error.params.field === 'string' ? [error.params.field] : [],
      note: `${request.method} ${request.routeOptions.url ?? ''}`,
    });
  } catch (auditError) {
    request.log.error({ err: { type: (auditError as Error).name } }, 'could not record a permission denial');
  }
};

const PG_CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  '57P01',
  '57P03',
  '08006',
  '08001',
  '08003',
  '08004',
  '57P02',
  'EPIPE',
  'EHOSTUNREACH',
]);

/**
 * node-postgres' own errors when a connection is lost or cannot be had carry no code, only these
 * messages (a query whose socket closed, a client used after its connection broke, the pool's connect
 * timeout).
 */
const PG_CONNECTION_MESSAGES = [
  /^Connection terminated/,
  /^Client has encountered a connection error and is not queryable$/,
  /^Client was closed and is not queryable$/,
  /^timeout exceeded when trying to connect$/,
];

/** The database is unreachable, stopped, restarting or dropped the connection: a 503, not a 500. */
export const isDatabaseUnavailable = (error: Error): boolean => {
  const code = (error as { code?: string }).code;
  if (code) return PG_CONNECTION_CODES.has(code);
  return PG_CONNECTION_MESSAGES.some((m) => m.test(error.message ?? ''));
};

/** The one place where errors become `{code, message}` responses. */
export const handleError = async (
  error: FastifyError | AppError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
) => {
  const locale = localeFrom(request.headers['accept-language']);
  if (error instanceof RequestValidationError) {
    return reply.status(422).send({
      code: 'validation_failed',
      message: messageFor('validation_failed', locale),
      details: localiseIssues(error.issues, locale),
    });
  }
  if (error instanceof AppError) {
    if (DENIALS.has(error.code) && request.actor) await recordDenial(request, error);
    if (error.code === 'rate_limited') reply.header('retry-after', String(error.params.retryAfter ?? 60));
    return reply.status(statusOf(error.code)).send({
      code: error.code,
      message: messageFor(error.code, locale, error.params),
      ...(error.details === undefined ? {} : { details: error.details }),
    });
  }
  if (NO_ROUTE_CODES.has((error as FastifyError).code)) {
    return reply
      .status(404)
      .send({ code: 'not_found', message: messageFor('not_found', locale, { entity: 'route' }) });
  }
  const fastifyCode = frameworkCode(error as FastifyError);
  if (fastifyCode) {
    return reply
      .status(statusOf(fastifyCode))
      .send({ code: fastifyCode, message: messageFor(fastifyCode, locale) });
  }
  const pgCode = (error as { code?: string }).code;
  if (isDatabaseUnavailable(error)) {
    return reply
      .status(503)
      .send({ code: 'service_unavailable', message: messageFor('service_unavailable', locale) });
  }
  // Log the kind of failure, the database error code and the call stack, never the request body or
  // the message: it may quote input values (PostgreSQL: invalid input syntax for type …: "value").
  const frames = (error.stack ?? '').split('\n').slice(1).join('\n');
  request.log.error({ err: { type: error.name, code: pgCode, stack: frames } }, 'unhandled error');
  return reply.status(500).send({ code: 'internal_error', message: messageFor('internal_error', locale) });
};
