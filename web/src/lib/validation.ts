import { z } from 'zod';
import { todayIso } from './format';

/**
 * Client-side rules mirroring the server's zod schemas (the server re-checks everything). Messages
 * are i18n keys, translated where they are shown so they follow a language switch; a `#n` suffix
 * carries the limit for the message (see useErrorText).
 */
export const PASSWORD_MIN_LENGTH = 12;

const tooLong = (max: number) => `validation.maxLength#${max}`;

export const requiredText = (max = 200) =>
  z.string().trim().min(1, 'validation.required').max(max, tooLong(max));
export const optionalText = (max = 200) => z.string().trim().max(max, tooLong(max));

export const emailSchema = z
  .string()
  .trim()
  .min(1, 'validation.required')
  .max(254, tooLong(254))
  .pipe(z.email('validation.email'));

export const optionalEmail = z
  .string()
  .trim()
  .max(254, tooLong(254))
  .refine((v) => v === '' || z.email().safeParse(v).success, 'validation.email');

export const optionalPhone = z
  .string()
  .trim()
  .max(40, tooLong(40))
  .refine((v) => v === '' || /^\+?[0-9 ()/.-]{3,}$/.test(v), 'validation.phone');

/** YYYY-MM-DD (what a date input yields), empty allowed. */
export const optionalDate = z
  .string()
  .refine((v) => v === '' || /^\d{4}-\d{2}-\d{2}$/.test(v), 'validation.date');

export const optionalBirthDate = optionalDate
  .refine((v) => v === '' || v <= todayIso(), 'validation.dateInFuture')
  .refine((v) => v === '' || v >= '1900-01-01', 'validation.dateTooEarly');

export const optionalFutureDate = optionalDate.refine(
  (v) => v === '' || v > todayIso(),
  'validation.dateNotFuture',
);

export const optionalUrl = z
  .string()
  .trim()
  .max(300, tooLong(300))
  .refine((v) => v === '' || /^(https?:\/\/)?[^\s/$.?#][^\s.]*\.[^\s]+$/i.test(v), 'validation.url');

export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, 'validation.passwordTooShort')
  .max(128, tooLong(128));

export const addressSchema = z.object({
  street: optionalText(200),
  postalCode: optionalText(20),
  city: optionalText(100),
  country: z
    .string()
    .trim()
    .refine((v) => v === '' || /^[A-Za-z]{2}$/.test(v), 'validation.country'),
});
export type AddressValues = z.infer<typeof addressSchema>;
export const emptyAddress: AddressValues = { street: '', postalCode: '', city: '', country: '' };

/** The API's address for form values: null when every part is empty. */
export const addressToApi = (a: AddressValues) => {
  const part = (v: string) => (v.trim() === '' ? null : v.trim());
  const address = {
    street: part(a.street),
    postalCode: part(a.postalCode),
    city: part(a.city),
    country: a.country.trim() ? a.country.trim().toUpperCase() : null,
  };
  return Object.values(address).some((v) => v !== null) ? address : null;
};

/** Trimmed text, or null when empty (PATCH clears a field with null; create drops nulls). */
export const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

/** Drops null entries (for create bodies, where absent and null mean the same). */
export const withoutNulls = <T extends Record<string, unknown>>(fields: T) =>
  Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null)) as {
    [K in keyof T]: Exclude<T[K], null>;
  };
