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

/**
 * Paths of strings (and object keys) holding U+0000. PostgreSQL text cannot store it (error 22021,
 * which would be a 500), and no field of Custos needs it: such input is refused as invalid first.
 * Found by the security scan (wapiti sent `q=…%00`, bench/security/FINDINGS.md).
 */
const nulCharacterIssues = (root: unknown): z.core.$ZodIssue[] => {
  // an explicit stack, not recursion: a body nested thousands of levels deep must not overflow the
  // call stack (a 500); each entry links to its parent, so a path is built only for an issue
  type Entry = { value: unknown; key?: PropertyKey; parent?: Entry };
  const pathOf = (entry: Entry | undefined) => {
    const path: PropertyKey[] = [];
    for (let e = entry; e?.key !== undefined; e = e.parent) path.unshift(e.key);
    return path;
  };
  const issue = (at: Entry | undefined): z.core.$ZodIssue => ({
    code: 'custom',
    path: pathOf(at),
    message: 'The NUL character (U+0000) is not allowed',
    input: undefined,
  });
  const issues: z.core.$ZodIssue[] = [];
  const stack: Entry[] = [{ value: root }];
  while (stack.length > 0) {
    const entry = stack.pop() as Entry;
    const { value } = entry;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) issues.push(issue(entry));
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], key: i, parent: entry });
    } else if (
      // parsed JSON, query strings (a null-prototype class), params; never a Buffer or stream of an upload
      value &&
      typeof value === 'object' &&
      !ArrayBuffer.isView(value) &&
      typeof (value as { pipe?: unknown }).pipe !== 'function'
    ) {
      const entries = Object.entries(value as object);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, v] = entries[i] as [string, unknown];
        // a key with NUL is reported at its object, without echoing the key
        if (k.includes('\u0000')) issues.push(issue(entry));
        else stack.push({ value: v, key: k, parent: entry });
      }
    }
  }
  return issues;
};

/** Validates params, query and body with their zod schemas; unknown keys are refused by strict objects. */
export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema }) =>
  (data) => {
    const nul = nulCharacterIssues(data);
    if (nul.length > 0) return { error: new RequestValidationError(nul) };
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
