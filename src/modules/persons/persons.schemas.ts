import { z } from 'zod';
import { isValidEmail } from '../../domain/contact/email.ts';
import { LEGAL_BASES, SOURCE_KINDS, SPECIAL_CATEGORY_BASES } from '../../domain/privacy/legal-bases.ts';
import { Address, AddressOut, optionalText, PageQuery, UserRef } from '../../server/http-schemas.ts';

export const PERSON_KINDS = ['customer', 'prospect', 'contact_person'] as const;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine(
    (v) =>
      !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
    'a real calendar date',
  );

const BirthDate = isoDate
  .refine((v) => v >= '1900-01-01', 'not before 1900-01-01')
  .refine((v) => v <= new Date().toISOString().slice(0, 10), 'not in the future')
  .nullable()
  .optional()
  .describe('Date of birth, YYYY-MM-DD');

const Phone = z
  .string()
  .trim()
  .max(40)
  .regex(/^\+?[0-9 ()/.-]{3,}$/, 'digits, spaces and + ( ) / . - only')
  .nullable()
  .optional()
  .describe(
    'Phone number; national numbers are read as German ("0171 1234567"), stored in E.164 ("+491711234567"); ' +
      'a number that is no valid phone number is refused with phone_invalid',
  );

const OptionalEmail = z
  .string()
  .trim()
  .max(254)
  .refine((v) => isValidEmail({ input: v }), 'a valid e-mail address')
  .nullable()
  .optional()
  .describe('E-mail address (internationalised domains allowed); stored with the domain in lower case');

export const Source = z
  .strictObject({
    kind: z.enum(SOURCE_KINDS).describe('How the data reached us'),
    detail: optionalText(500).describe('E.g. form name, file name, event, employee'),
  })
  .meta({ id: 'Source' });

const Uuids = (description: string) => z.array(z.uuid()).max(50).describe(description);

const personFields = {
  kind: z.enum(PERSON_KINDS).describe('Customer, prospect or contact person of a business partner'),
  firstName: z.string().trim().min(1).max(100).describe('First name'),
  lastName: z.string().trim().min(1).max(100).describe('Last name'),
  email: OptionalEmail,
  phone: Phone,
  birthDate: BirthDate,
  jobTitle: optionalText(100).describe('Job title at the organisation'),
  address: Address.nullable().optional(),
  notes: optionalText(10_000).describe('Free-text notes (communication content)'),
  accessibilityNeeds: optionalText(2_000).describe(
    'Health data (Art. 9 GDPR): accessibility needs for appointments',
  ),
  specialCategoryBasis: z.enum(SPECIAL_CATEGORY_BASES).nullable().optional().describe('Art. 9(2) condition'),
  organizationId: z.uuid().nullable().optional().describe('Organisation the person belongs to'),
  departmentIds: Uuids('Departments that may see the record; empty = whole tenant'),
  tagIds: Uuids('Tags'),
  legalBasis: z.enum(LEGAL_BASES).describe('Legal basis under Art. 6(1) GDPR'),
  purposes: z.array(z.string().max(63)).min(1).max(20).describe('Ids of declared purposes'),
  expiresAt: z.iso
    .datetime({ offset: true })
    .nullable()
    .optional()
    .describe('When the data must be reviewed or erased'),
};

export const PersonCreate = z
  .strictObject({
    ...personFields,
    kind: personFields.kind.default('customer'),
    departmentIds: personFields.departmentIds.optional(),
    tagIds: personFields.tagIds.optional(),
    source: Source,
    collectedAt: z.iso
      .datetime({ offset: true })
      .optional()
      .describe('When the data was collected; defaults to now'),
  })
  .meta({ id: 'PersonCreate' });
export type PersonCreateInput = z.infer<typeof PersonCreate>;

export const PersonPatch = z
  .strictObject({
    version: z.number().int().min(1).describe('The version you read; a newer one in the database means 409'),
    ...Object.fromEntries(Object.entries(personFields).map(([k, v]) => [k, v.optional()])),
  })
  .meta({ id: 'PersonPatch' }) as unknown as z.ZodType<PersonPatchInput>;
export type PersonPatchInput = { version: number } & Partial<z.infer<z.ZodObject<typeof personFields>>>;

const Tag = z.object({ id: z.string(), name: z.string(), color: z.string() }).meta({ id: 'TagRef' });

const privacyOut = {
  legalBasis: z.enum(LEGAL_BASES),
  purposes: z.array(z.string()),
  source: z.object({ kind: z.string(), detail: z.string().nullable() }),
  collectedAt: z.string(),
  collectedBy: UserRef.nullable(),
  expiresAt: z.string().nullable(),
  specialCategoryBasis: z.string().nullable(),
};

export const Person = z
  .object({
    id: z.string(),
    kind: z.enum(PERSON_KINDS),
    firstName: z.string().optional(),
    lastName: z.string().optional(),
    email: z.string().nullable().optional(),
    phone: z.string().nullable().optional(),
    birthDate: z.string().nullable().optional(),
    jobTitle: z.string().nullable().optional(),
    address: AddressOut.nullable().optional(),
    notes: z.string().nullable().optional(),
    accessibilityNeeds: z.string().nullable().optional(),
    organization: z.object({ id: z.string(), name: z.string() }).nullable(),
    departmentIds: z.array(z.string()),
    tags: z.array(Tag).optional(),
    ...privacyOut,
    hiddenFields: z.array(z.string()).describe("Fields the viewer's role may not read; they are omitted"),
    restriction: z
      .object({ at: z.string(), reason: z.string().nullable() })
      .nullable()
      .describe('Art. 18 GDPR: since when and why processing is restricted (data only stored); null if not'),
    marketingObjectionAt: z
      .string()
      .nullable()
      .describe('Art. 21 GDPR: when the person objected to direct marketing; null if not'),
    lockedFields: z
      .array(z.string())
      .describe('Fields the person refused (field locks); every write of them is refused with field_locked'),
    version: z.number(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Person' });

export const PersonSummary = z
  .object({
    id: z.string(),
    kind: z.enum(PERSON_KINDS),
    firstName: z.string(),
    lastName: z.string(),
    email: z.string().nullable().optional(),
    phone: z.string().nullable().optional(),
    city: z.string().nullable().optional(),
    organization: z.object({ id: z.string(), name: z.string() }).nullable(),
    tags: z.array(Tag).optional(),
    legalBasis: z.enum(LEGAL_BASES),
    purposes: z.array(z.string()),
    restricted: z.boolean().describe('Art. 18 GDPR: processing restricted, the data is only stored'),
    updatedAt: z.string(),
  })
  .meta({ id: 'PersonSummary' });

export const PersonListQuery = z.strictObject({
  q: z.string().trim().max(100).optional().describe('Search text: name, e-mail or phone'),
  ...PageQuery,
  sort: z.enum(['lastName', 'firstName', 'createdAt', 'updatedAt']).optional().describe('Sort column'),
  kind: z.enum(PERSON_KINDS).optional(),
  tagId: z.uuid().optional(),
  organizationId: z.uuid().optional(),
});
export type PersonListQueryInput = z.infer<typeof PersonListQuery>;

export const PersonList = z
  .object({
    items: z.array(PersonSummary),
    total: z.number().describe('Number of matching persons; with `q` at most 10,000 (see `totalCapped`)'),
    totalCapped: z
      .boolean()
      .describe(
        'True when a search (`q`) matches more than 10,000 persons: matches are counted up to 10,000 only ' +
          'and `total` is 10,000. Always false without `q`, whose `total` is exact',
      ),
    page: z.number(),
    pageSize: z.number(),
  })
  .meta({ id: 'PersonList' });
