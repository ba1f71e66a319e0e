import { z } from 'zod';
import type { Person, PersonKind } from '../../api/types';
import {
  addressSchema,
  emptyAddress,
  optionalBirthDate,
  optionalDate,
  optionalFutureDate,
  optionalPhone,
  optionalText,
  requiredText,
} from '../../lib/validation';
import { PERSON_KINDS } from './person-search';

/**
 * The person's e-mail address: the server accepts internationalised domains ("kontakt@müller.de")
 * and checks the address fully (the hint under the field shows its verdict as one types).
 */
const personEmail = z
  .string()
  .trim()
  .max(254, 'validation.maxLength#254')
  .refine(
    (v) => v === '' || z.email({ pattern: z.regexes.unicodeEmail }).safeParse(v).success,
    'validation.email',
  );

/**
 * The person form's rules, mirroring the server's: names required (max 100), valid e-mail, birth
 * date not in the future, and the privacy facts (purposes, legal basis, source) mandatory.
 */
export const personSchema = ({
  mode,
  hiddenFields = [],
}: {
  mode: 'create' | 'edit';
  hiddenFields?: string[];
}) =>
  z
    .object({
      kind: z.enum(PERSON_KINDS as [PersonKind, ...PersonKind[]]),
      firstName: hiddenFields.includes('firstName') ? optionalText(100) : requiredText(100),
      lastName: hiddenFields.includes('lastName') ? optionalText(100) : requiredText(100),
      email: personEmail,
      phone: optionalPhone,
      birthDate: optionalBirthDate,
      jobTitle: optionalText(100),
      address: addressSchema,
      notes: optionalText(10_000),
      accessibilityNeeds: optionalText(2_000),
      specialCategoryBasis: z.string(),
      organization: z.object({ id: z.string(), name: z.string() }).nullable(),
      departmentIds: z.array(z.string()),
      tagIds: z.array(z.string()),
      legalBasis: z.string().min(1, 'validation.legalBasisRequired'),
      purposes: z.array(z.string()).min(1, 'validation.purposesRequired'),
      source: z.object({ kind: z.string().min(1, 'validation.sourceRequired'), detail: optionalText(500) }),
      // An expiry already in the past may stay when editing; a new one must lie ahead.
      expiresAt: mode === 'create' ? optionalFutureDate : optionalDate,
    })
    .refine((v) => v.accessibilityNeeds.trim() === '' || v.specialCategoryBasis !== '', {
      path: ['specialCategoryBasis'],
      message: 'validation.specialBasisRequired',
    });

export type PersonFormValues = z.infer<ReturnType<typeof personSchema>>;

/** Form field names as the API reports them in validation details. */
export const PERSON_FIELDS = [
  'kind',
  'firstName',
  'lastName',
  'email',
  'phone',
  'birthDate',
  'jobTitle',
  'address',
  'address.street',
  'address.postalCode',
  'address.city',
  'address.country',
  'notes',
  'accessibilityNeeds',
  'specialCategoryBasis',
  'departmentIds',
  'tagIds',
  'legalBasis',
  'purposes',
  'source',
  'source.kind',
  'source.detail',
  'expiresAt',
] as const;

/** A stored ISO timestamp as the local calendar day for a date input. */
const toDateInput = (value: string | null | undefined) => {
  if (!value) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

export const emptyPersonValues = (
  organization: PersonFormValues['organization'] = null,
): PersonFormValues => ({
  kind: organization ? 'contact_person' : 'customer',
  firstName: '',
  lastName: '',
  email: '',
  phone: '',
  birthDate: '',
  jobTitle: '',
  address: { ...emptyAddress },
  notes: '',
  accessibilityNeeds: '',
  specialCategoryBasis: '',
  organization,
  departmentIds: [],
  tagIds: [],
  legalBasis: '',
  purposes: [],
  source: { kind: '', detail: '' },
  expiresAt: '',
});

export const personToValues = (p: Person): PersonFormValues => ({
  kind: p.kind,
  firstName: p.firstName ?? '',
  lastName: p.lastName ?? '',
  email: p.email ?? '',
  phone: p.phone ?? '',
  birthDate: p.birthDate ?? '',
  jobTitle: p.jobTitle ?? '',
  address: {
    street: p.address?.street ?? '',
    postalCode: p.address?.postalCode ?? '',
    city: p.address?.city ?? '',
    country: p.address?.country ?? '',
  },
  notes: p.notes ?? '',
  accessibilityNeeds: p.accessibilityNeeds ?? '',
  specialCategoryBasis: p.specialCategoryBasis ?? '',
  organization: p.organization,
  departmentIds: p.departmentIds ?? [],
  tagIds: (p.tags ?? []).map((tag) => tag.id),
  legalBasis: p.legalBasis,
  purposes: p.purposes,
  source: { kind: p.source.kind, detail: p.source.detail ?? '' },
  expiresAt: toDateInput(p.expiresAt),
});
