import { z } from 'zod';

export const ErrorResponse = z
  .object({
    code: z.string().describe('Stable machine-readable error code'),
    message: z.string().describe('Human message in the language of Accept-Language (de or en)'),
    details: z.unknown().optional().describe('Field-level details, e.g. validation issues'),
  })
  .meta({ id: 'Error' });

/** Standard error responses every route may give. */
export const errorResponses = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  422: ErrorResponse,
  429: ErrorResponse,
};

export const IdParams = z.strictObject({ id: z.uuid().describe('Record id') });

export const PageQuery = {
  page: z.coerce.number().int().min(1).max(100_000).default(1).describe('Page number, from 1'),
  pageSize: z.coerce.number().int().min(1).max(200).default(50).describe('Rows per page, at most 200'),
  order: z.enum(['asc', 'desc']).default('asc').describe('Sort direction'),
};

/** A short, trimmed single-line text; empty strings count as absent. */
export const text = (max = 200) => z.string().trim().max(max);

export const optionalText = (max = 200) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional();

export const Address = z
  .strictObject({
    street: optionalText(200).describe('Street and house number'),
    postalCode: optionalText(20).describe('Postal code'),
    city: optionalText(100).describe('City'),
    country: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 country code, e.g. DE')
      .nullable()
      .optional()
      .describe('ISO 3166-1 alpha-2 country code'),
  })
  .meta({ id: 'Address' });

export const AddressOut = z
  .object({
    street: z.string().nullable(),
    postalCode: z.string().nullable(),
    city: z.string().nullable(),
    country: z.string().nullable(),
  })
  .meta({ id: 'AddressOut' });

export const Ref = z.object({ id: z.string(), name: z.string() });
export const UserRef = z.object({ id: z.string(), displayName: z.string() }).meta({ id: 'UserRef' });
