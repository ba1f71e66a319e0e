import type { Role } from '../../domain/permissions/roles.ts';
import { canRead } from '../../domain/permissions/roles.ts';
import { PERSON_FIELD_CATEGORIES, type PersonField } from '../../domain/privacy/data-categories.ts';
import type { PersonRow } from './persons.repository.ts';

type TagRef = { id: string; name: string; color: string };

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The fields of a person this role may not read (field-level rights by data category). */
export const hiddenFieldsFor = (role: Role): PersonField[] =>
  (Object.keys(PERSON_FIELD_CATEGORIES) as PersonField[]).filter(
    (field) => !canRead({ role, category: PERSON_FIELD_CATEGORIES[field] }),
  );

const omit = <T extends Record<string, unknown>>(value: T, hidden: readonly string[]) =>
  Object.fromEntries(Object.entries(value).filter(([k]) => !hidden.includes(k))) as Partial<T>;

export const toPerson = (row: PersonRow & { locked_fields?: string[] }, tags: TagRef[], role: Role) => {
  const hidden = hiddenFieldsFor(role);
  const hasAddress = row.street || row.postal_code || row.city || row.country;
  const full = {
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    phone: row.phone,
    birthDate: row.birth_date,
    jobTitle: row.job_title,
    address: hasAddress
      ? { street: row.street, postalCode: row.postal_code, city: row.city, country: row.country }
      : null,
    notes: row.notes,
    accessibilityNeeds: row.accessibility_needs,
    tags,
  };
  return {
    id: row.id,
    kind: row.kind as 'customer' | 'prospect' | 'contact_person',
    ...omit(full, hidden),
    organization: row.organization_id ? { id: row.organization_id, name: row.organization_name ?? '' } : null,
    departmentIds: row.department_ids,
    legalBasis: row.legal_basis as never,
    purposes: row.purposes,
    source: { kind: row.source_kind, detail: row.source_detail },
    collectedAt: row.collected_at.toISOString(),
    collectedBy: row.collected_by ? { id: row.collected_by, displayName: row.collected_by_name ?? '' } : null,
    expiresAt: iso(row.expires_at),
    specialCategoryBasis: hidden.includes('accessibilityNeeds') ? null : row.accessibility_legal_basis,
    hiddenFields: hidden,
    restriction: row.restricted_at
      ? { at: row.restricted_at.toISOString(), reason: row.restriction_reason }
      : null,
    marketingObjectionAt: iso(row.marketing_objection_at),
    lockedFields: row.locked_fields ?? [],
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
};

type SummaryRow = {
  id: string;
  kind: string;
  first_name: string;
  last_name: string;
  email: string | null;
  phone: string | null;
  city: string | null;
  organization_id: string | null;
  organization_name: string | null;
  legal_basis: string;
  purposes: string[];
  updated_at: Date;
  restricted_at: Date | null;
};

export const toPersonSummary = (row: SummaryRow, tags: TagRef[], role: Role) => {
  const hidden = hiddenFieldsFor(role);
  const optional = omit({ email: row.email, phone: row.phone, address: row.city, tags }, hidden);
  return {
    id: row.id,
    kind: row.kind as 'customer' | 'prospect' | 'contact_person',
    firstName: row.first_name,
    lastName: row.last_name,
    email: optional.email,
    phone: optional.phone,
    city: optional.address,
    tags: optional.tags,
    organization: row.organization_id ? { id: row.organization_id, name: row.organization_name ?? '' } : null,
    legalBasis: row.legal_basis as never,
    purposes: row.purposes,
    restricted: row.restricted_at !== null,
    updatedAt: row.updated_at.toISOString(),
  };
};
