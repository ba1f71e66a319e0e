import type { PersonInput, PersonPatch } from '../../api/types';
import { addressToApi, orNull, withoutNulls } from '../../lib/validation';
import type { PersonFormValues } from './person-schema';

/** End of the chosen local day, as an ISO timestamp (the API wants a date-time). */
const fromDateInput = (value: string) => (value ? new Date(`${value}T23:59:59`).toISOString() : null);

/** All API fields for the form values; empty texts become null. */
const toApiFields = (v: PersonFormValues) => ({
  kind: v.kind,
  firstName: v.firstName.trim(),
  lastName: v.lastName.trim(),
  email: orNull(v.email),
  phone: orNull(v.phone),
  birthDate: orNull(v.birthDate),
  jobTitle: orNull(v.jobTitle),
  address: addressToApi(v.address),
  notes: orNull(v.notes),
  accessibilityNeeds: orNull(v.accessibilityNeeds),
  specialCategoryBasis: orNull(v.specialCategoryBasis) as PersonInput['specialCategoryBasis'],
  organizationId: v.organization?.id ?? null,
  departmentIds: v.departmentIds,
  tagIds: v.tagIds,
  legalBasis: v.legalBasis as PersonInput['legalBasis'],
  purposes: v.purposes,
  expiresAt: fromDateInput(v.expiresAt),
});

export const toCreateBody = (values: PersonFormValues): PersonInput => {
  const detail = orNull(values.source.detail);
  const kind = values.source.kind as PersonInput['source']['kind'];
  return { ...withoutNulls(toApiFields(values)), source: detail ? { kind, detail } : { kind } };
};

type ApiField = keyof ReturnType<typeof toApiFields>;

/** Form fields that PATCH accepts, with their API names (the source of data is fixed once recorded). */
const PATCHABLE: Partial<Record<keyof PersonFormValues, ApiField>> = {
  kind: 'kind',
  firstName: 'firstName',
  lastName: 'lastName',
  email: 'email',
  phone: 'phone',
  birthDate: 'birthDate',
  jobTitle: 'jobTitle',
  address: 'address',
  notes: 'notes',
  accessibilityNeeds: 'accessibilityNeeds',
  specialCategoryBasis: 'specialCategoryBasis',
  organization: 'organizationId',
  departmentIds: 'departmentIds',
  tagIds: 'tagIds',
  legalBasis: 'legalBasis',
  purposes: 'purposes',
  expiresAt: 'expiresAt',
};

/**
 * Only the changed fields (plus the version), so a role that may write some fields but not others
 * can still save. Legal basis and purposes travel together, as the server checks them as a pair.
 */
export const toPatchBody = (
  values: PersonFormValues,
  dirty: Partial<Record<keyof PersonFormValues, unknown>>,
  version: number,
): PersonPatch => {
  const fields = toApiFields(values);
  const changed = new Set<ApiField>();
  for (const key of Object.keys(dirty) as (keyof PersonFormValues)[]) {
    const apiField = PATCHABLE[key];
    if (apiField) changed.add(apiField);
  }
  if (changed.has('purposes') || changed.has('legalBasis')) {
    changed.add('purposes');
    changed.add('legalBasis');
  }
  if (changed.has('accessibilityNeeds') && fields.accessibilityNeeds) changed.add('specialCategoryBasis');
  const body: Record<string, unknown> = { version };
  for (const key of changed) body[key] = fields[key];
  return body as PersonPatch;
};
