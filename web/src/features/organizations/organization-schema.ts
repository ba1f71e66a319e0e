import { z } from 'zod';
import type { Organization, OrganizationInput, OrganizationKind, OrganizationPatch } from '../../api/types';
import {
  addressSchema,
  addressToApi,
  emptyAddress,
  optionalEmail,
  optionalPhone,
  optionalText,
  optionalUrl,
  orNull,
  requiredText,
  withoutNulls,
} from '../../lib/validation';

export const ORGANIZATION_KINDS: readonly OrganizationKind[] = [
  'customer',
  'prospect',
  'partner',
  'supplier',
  'other',
];

export const organizationSchema = z.object({
  name: requiredText(200),
  kind: z.enum(ORGANIZATION_KINDS as [OrganizationKind, ...OrganizationKind[]]),
  legalForm: optionalText(50),
  vatId: optionalText(20).refine(
    (v) => v === '' || /^[A-Za-z]{2}[A-Za-z0-9 ]{2,14}$/.test(v),
    'validation.vatId',
  ),
  website: optionalUrl,
  email: optionalEmail,
  phone: optionalPhone,
  address: addressSchema,
  notes: optionalText(10_000),
  departmentIds: z.array(z.string()),
  tagIds: z.array(z.string()),
  customerGroupId: z.string(),
  customerNumber: optionalText(50),
});
export type OrganizationFormValues = z.infer<typeof organizationSchema>;

export const ORGANIZATION_FIELDS = [
  'name',
  'kind',
  'legalForm',
  'vatId',
  'website',
  'email',
  'phone',
  'address',
  'address.street',
  'address.postalCode',
  'address.city',
  'address.country',
  'notes',
  'departmentIds',
  'tagIds',
  'customerGroupId',
  'customerNumber',
] as const;

export const emptyOrganizationValues = (): OrganizationFormValues => ({
  name: '',
  kind: 'customer',
  legalForm: '',
  vatId: '',
  website: '',
  email: '',
  phone: '',
  address: { ...emptyAddress },
  notes: '',
  departmentIds: [],
  tagIds: [],
  customerGroupId: '',
  customerNumber: '',
});

export const organizationToValues = (o: Organization): OrganizationFormValues => ({
  name: o.name,
  kind: o.kind,
  legalForm: o.legalForm ?? '',
  vatId: o.vatId ?? '',
  website: o.website ?? '',
  email: o.email ?? '',
  phone: o.phone ?? '',
  address: {
    street: o.address?.street ?? '',
    postalCode: o.address?.postalCode ?? '',
    city: o.address?.city ?? '',
    country: o.address?.country ?? '',
  },
  notes: o.notes ?? '',
  departmentIds: o.departmentIds ?? [],
  tagIds: (o.tags ?? []).map((tag) => tag.id),
  customerGroupId: o.customerGroup?.id ?? '',
  customerNumber: o.customerNumber ?? '',
});

/** A website without scheme gets https:// (the API wants a full http(s) URL). */
const withScheme = (url: string) => {
  const trimmed = url.trim();
  if (!trimmed) return null;
  return /^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
};

const toApiFields = (v: OrganizationFormValues) => ({
  name: v.name.trim(),
  kind: v.kind,
  legalForm: orNull(v.legalForm),
  vatId: orNull(v.vatId.replace(/\s+/g, '').toUpperCase()),
  website: withScheme(v.website),
  email: orNull(v.email),
  phone: orNull(v.phone),
  address: addressToApi(v.address),
  notes: orNull(v.notes),
  departmentIds: v.departmentIds,
  tagIds: v.tagIds,
  customerGroupId: v.customerGroupId || null,
  customerNumber: orNull(v.customerNumber),
});

export const toOrganizationCreateBody = (values: OrganizationFormValues): OrganizationInput =>
  withoutNulls(toApiFields(values));

/** Only the changed fields, plus the version for optimistic locking. */
export const toOrganizationPatchBody = (
  values: OrganizationFormValues,
  dirty: Partial<Record<keyof OrganizationFormValues, unknown>>,
  version: number,
): OrganizationPatch => {
  const fields = toApiFields(values);
  const body: Record<string, unknown> = { version };
  for (const key of Object.keys(dirty) as (keyof OrganizationFormValues)[]) body[key] = fields[key];
  return body as OrganizationPatch;
};
