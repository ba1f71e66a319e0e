import type { PersonRow } from './persons.repository.ts';

/** Database columns of a person and the API field each belongs to (for audit entries and history). */
const COLUMN_FIELDS: Record<string, string> = {
  kind: 'kind',
  first_name: 'firstName',
  last_name: 'lastName',
  email: 'email',
  phone: 'phone',
  birth_date: 'birthDate',
  job_title: 'jobTitle',
  street: 'address',
  postal_code: 'address',
  city: 'address',
  country: 'address',
  notes: 'notes',
  accessibility_needs: 'accessibilityNeeds',
  accessibility_legal_basis: 'specialCategoryBasis',
  organization_id: 'organizationId',
  department_ids: 'departmentIds',
  legal_basis: 'legalBasis',
  purposes: 'purposes',
  expires_at: 'expiresAt',
};

const ADDRESS_PARTS: Record<string, string> = {
  street: 'street',
  postal_code: 'postalCode',
  city: 'city',
  country: 'country',
};
const fieldKey = (field: string, column: string) =>
  field === 'address' ? `address.${ADDRESS_PARTS[column]}` : field;

const comparable = (v: unknown) => (v instanceof Date ? v.toISOString() : JSON.stringify(v ?? null));

/** Old and new values, by API field, of the columns an update really changes. */
export const changedFields = (current: PersonRow, values: Record<string, unknown>) => {
  const old: Record<string, unknown> = {};
  const next: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(values)) {
    const field = COLUMN_FIELDS[column];
    const before = (current as Record<string, unknown>)[column];
    if (!field || comparable(before) === comparable(value)) continue;
    const key = fieldKey(field, column);
    old[key] = before instanceof Date ? before.toISOString() : before;
    next[key] = value instanceof Date ? value.toISOString() : value;
  }
  const fields = [...new Set(Object.keys(next).map((k) => k.split('.')[0]!))];
  return { fields, old, new: next };
};

/** The API fields a created person holds (non-empty values). */
export const createdFields = (values: Record<string, unknown>) => {
  const next: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(values)) {
    const field = COLUMN_FIELDS[column];
    if (!field || value == null || (Array.isArray(value) && value.length === 0)) continue;
    next[fieldKey(field, column)] = value instanceof Date ? value.toISOString() : value;
  }
  return { fields: [...new Set(Object.keys(next).map((k) => k.split('.')[0]!))], new: next };
};
