import type { ApiErrorBody } from './types';

export type FieldProblem = { path: string; message: string };

/** An error answered by the API (or a network failure, status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: FieldProblem[];
  /** The details exactly as sent (e.g. the row report of a failed import, which is an object). */
  readonly rawDetails: unknown;

  constructor(status: number, body: ApiErrorBody, options?: { cause?: unknown }) {
    super(body.message || body.code, options);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.details = Array.isArray(body.details) ? body.details : [];
    this.rawDetails = (body as { details?: unknown }).details;
  }

  /** The message as the server worded it (already localised by Accept-Language). */
  get serverMessage(): string {
    return this.message === this.code ? '' : this.message;
  }
}

const isErrorBody = (value: unknown): value is ApiErrorBody =>
  typeof value === 'object' && value !== null && typeof (value as { code?: unknown }).code === 'string';

export const toApiError = (status: number, body: unknown): ApiError => {
  if (isErrorBody(body)) return new ApiError(status, body);
  return new ApiError(status, { code: status >= 500 ? 'internal_error' : 'http_error', message: '' });
};

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;
