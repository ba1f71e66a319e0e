import type { FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';
import { de, en } from 'zod/locales';
import type { Locale } from './messages.ts';

/** Thrown by the request validator; the error handler localises its issues. */
export class RequestValidationError extends Error {
  readonly statusCode = 422;
  readonly issues: z.core.$ZodIssue[];
  constructor(issues: z.core.$ZodIssue[]) {
    super('validation_failed');
    this.issues = issues;
  }
}

/** Validates params, query and body with their zod schemas; unknown keys are refused by strict objects. */
export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema }) =>
  (data) => {
    const result = schema.safeParse(data, { reportInput: true });
    if (result.success) return { value: result.data };
    return { error: new RequestValidationError(result.error.issues) };
  };

const LOCALES = { de: de(), en: en() };

/** Field-level details in the user's language; the offending input itself is never echoed. */
export const localiseIssues = (issues: z.core.$ZodIssue[], locale: Locale) =>
  issues.map((issue) => {
    const localised = (
      LOCALES[locale].localeError as (i: unknown) => string | { message: string } | undefined
    )(issue);
    const message = typeof localised === 'string' ? localised : (localised?.message ?? issue.message);
    return { path: issue.path.map(String).join('.'), code: issue.code, message };
  });
