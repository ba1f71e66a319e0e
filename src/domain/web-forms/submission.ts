import { checkEmail } from '../contact/email.ts';
import { checkPhone } from '../contact/phone.ts';
import { type FieldDefinition, HONEYPOT_FIELD, MAX_LENGTH } from './fields.ts';

/**
 * Checking a public submission against the form's declarations. A key nobody declared is refused
 * whole (nothing is stored); every declared field is checked by its type; only declared fields with
 * a value are kept.
 */

export type FieldIssue = {
  field: string;
  code:
    | 'required'
    | 'too_long'
    | 'invalid_email'
    | 'invalid_phone'
    | 'invalid_date'
    | 'invalid_option'
    | 'invalid_value';
};

export type SubmissionCheck =
  | { outcome: 'ok'; values: Record<string, string | boolean> }
  | { outcome: 'bot' }
  | { outcome: 'undeclared'; fields: string[] }
  | { outcome: 'invalid'; issues: FieldIssue[] };

export type RawValue = string | number | boolean | null | undefined | readonly unknown[];

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const isDate = (v: string) => {
  const m = DATE.exec(v);
  if (!m) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
};

const TICKED = new Set(['true', 'on', '1', 'yes']);

/** Fields the transport adds on its own and that carry no data (a language switch of the hosted page). */
export const TRANSPORT_FIELDS = new Set([HONEYPOT_FIELD, 'lang']);

export const checkSubmission = (input: {
  fields: readonly FieldDefinition[];
  body: Readonly<Record<string, RawValue>>;
}): SubmissionCheck => {
  const declared = new Map(input.fields.map((f) => [f.key, f]));
  const undeclared = Object.keys(input.body).filter((k) => !declared.has(k) && !TRANSPORT_FIELDS.has(k));
  if (undeclared.length > 0) return { outcome: 'undeclared', fields: undeclared.sort() };
  const honeypot = input.body[HONEYPOT_FIELD];
  if (honeypot != null && String(honeypot).trim() !== '') return { outcome: 'bot' };

  const issues: FieldIssue[] = [];
  const values: Record<string, string | boolean> = {};
  for (const f of input.fields) {
    const raw = input.body[f.key];
    if (Array.isArray(raw)) {
      issues.push({ field: f.key, code: 'invalid_value' });
      continue;
    }
    if (f.type === 'checkbox') {
      const ticked = raw === true || (typeof raw === 'string' && TICKED.has(raw.trim().toLowerCase()));
      if (f.required && !ticked) issues.push({ field: f.key, code: 'required' });
      else if (ticked) values[f.key] = true;
      continue;
    }
    const text = raw == null || typeof raw === 'boolean' ? '' : String(raw).trim();
    if (text === '') {
      if (f.required) issues.push({ field: f.key, code: 'required' });
      continue;
    }
    if (text.length > (f.maxLength ?? MAX_LENGTH[f.type])) {
      issues.push({ field: f.key, code: 'too_long' });
      continue;
    }
    switch (f.type) {
      case 'email': {
        const check = checkEmail({ input: text });
        if (check.valid) values[f.key] = check.normalized.toLowerCase();
        else issues.push({ field: f.key, code: 'invalid_email' });
        break;
      }
      case 'phone': {
        const check = checkPhone({ input: text });
        if (check.valid) values[f.key] = check.e164;
        else issues.push({ field: f.key, code: 'invalid_phone' });
        break;
      }
      case 'date':
        if (isDate(text)) values[f.key] = text;
        else issues.push({ field: f.key, code: 'invalid_date' });
        break;
      case 'select':
        if (f.options?.some((o) => o.value === text)) values[f.key] = text;
        else issues.push({ field: f.key, code: 'invalid_option' });
        break;
      default:
        values[f.key] = text;
    }
  }
  return issues.length > 0 ? { outcome: 'invalid', issues } : { outcome: 'ok', values };
};

/** The value of the field mapped to `target`, if the submission has one. */
export const valueFor = (
  fields: readonly FieldDefinition[],
  values: Readonly<Record<string, string | boolean>>,
  target: NonNullable<FieldDefinition['maps']>,
): string | null => {
  const field = fields.find((f) => f.maps === target);
  const value = field ? values[field.key] : undefined;
  return typeof value === 'string' ? value : null;
};
