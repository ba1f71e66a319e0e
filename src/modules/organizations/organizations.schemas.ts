import { z } from 'zod';
import { Address, AddressOut, optionalText, PageQuery } from '../../server/http-schemas.ts';

export const ORGANIZATION_KINDS = ['customer', 'prospect', 'partner', 'supplier', 'other'] as const;

const fields = {
  name: z.string().trim().min(1).max(200).describe('Company name'),
  kind: z.enum(ORGANIZATION_KINDS).describe('Relationship'),
  legalForm: optionalText(50).describe('E.g. GmbH, AG, KG'),
  vatId: optionalText(20).describe('VAT identification number (USt-IdNr.)'),
  website: z
    .url({ protocol: /^https?$/ })
    .max(300)
    .nullable()
    .optional()
    .describe('Website URL'),
  email: z.string().trim().max(254).pipe(z.email()).nullable().optional(),
  phone: z
    .string()
    .trim()
    .max(40)
    .regex(/^\+?[0-9 ()/.-]{3,}$/, 'digits, spaces and + ( ) / . - only')
    .nullable()
    .optional(),
  address: Address.nullable().optional(),
  notes: optionalText(10_000),
  departmentIds: z.array(z.uuid()).max(50).describe('Departments that may see it; empty = whole tenant'),
  tagIds: z.array(z.uuid()).max(50),
  customerGroupId: z.uuid().nullable().optional().describe('Customer group (revenue reports slice by it)'),
  customerNumber: optionalText(50).describe('Customer number in the ERP; unique per tenant (409 when taken)'),
};

export const OrganizationCreate = z
  .strictObject({
    ...fields,
    kind: fields.kind.default('customer'),
    departmentIds: fields.departmentIds.optional(),
    tagIds: fields.tagIds.optional(),
  })
  .meta({ id: 'OrganizationCreate' });
export type OrganizationCreateInput = z.infer<typeof OrganizationCreate>;

export const OrganizationPatch = z
  .strictObject({
    version: z.number().int().min(1),
    ...Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.optional()])),
  })
  .meta({ id: 'OrganizationPatch' }) as unknown as z.ZodType<OrganizationPatchInput>;
export type OrganizationPatchInput = { version: number } & Partial<z.infer<z.ZodObject<typeof fields>>>;

const Tag = z.object({ id: z.string(), name: z.string(), color: z.string() });

export const Organization = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(ORGANIZATION_KINDS),
    legalForm: z.string().nullable(),
    vatId: z.string().nullable(),
    website: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    address: AddressOut.nullable(),
    notes: z.string().nullable(),
    departmentIds: z.array(z.string()),
    tags: z.array(Tag),
    customerGroup: z.object({ id: z.string(), name: z.string() }).nullable(),
    customerNumber: z.string().nullable(),
    persons: z.array(
      z.object({
        id: z.string(),
        firstName: z.string(),
        lastName: z.string(),
        jobTitle: z.string().nullable(),
        email: z.string().nullable().optional(),
      }),
    ),
    version: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Organization' });

export const OrganizationSummary = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(ORGANIZATION_KINDS),
    city: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    personCount: z.number(),
    updatedAt: z.string(),
  })
  .meta({ id: 'OrganizationSummary' });

export const OrganizationListQuery = z.strictObject({
  q: z.string().trim().max(100).optional().describe('Search in name, e-mail, city'),
  ...PageQuery,
  sort: z.enum(['name', 'createdAt', 'updatedAt']).default('name'),
  kind: z.enum(ORGANIZATION_KINDS).optional(),
});
export type OrganizationListQueryInput = z.infer<typeof OrganizationListQuery>;

export const OrganizationList = z
  .object({ items: z.array(OrganizationSummary), total: z.number(), page: z.number(), pageSize: z.number() })
  .meta({ id: 'OrganizationList' });
