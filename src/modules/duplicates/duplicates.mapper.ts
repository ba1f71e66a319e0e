import type { Contribution } from '../../domain/matching/score.ts';
import type { Role } from '../../domain/permissions/roles.ts';
import type { PersonField } from '../../domain/privacy/data-categories.ts';
import { hiddenFieldsFor } from '../persons/persons.mapper.ts';
import type { SummaryRow } from './duplicates.repository.ts';

/** The person field whose read right governs each scored field of the explanation. */
const EXPLANATION_FIELDS: Record<string, PersonField | null> = {
  firstName: 'firstName',
  lastName: 'lastName',
  birthDate: 'birthDate',
  nationalId: 'birthDate',
  email: 'email',
  phone: 'phone',
  postalCode: 'address',
  street: 'address',
  houseNumber: 'address',
  city: 'address',
  addressExtra: 'address',
  locationCap: 'address',
};

const iso = (d: Date | string | null) =>
  d == null ? null : d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10);

/** A person as a duplicate suggestion shows it; fields the role may not read are left out. */
export const toDuplicatePerson = (row: SummaryRow, role: Role) => {
  const hidden = new Set<string>(hiddenFieldsFor(role));
  const show = <T>(field: PersonField, value: T) => (hidden.has(field) ? undefined : value);
  return {
    id: row.id,
    kind: row.kind as 'customer' | 'prospect' | 'contact_person',
    firstName: row.first_name,
    lastName: row.last_name,
    email: show('email', row.email),
    phone: show('phone', row.phone),
    birthDate: show('birthDate', iso(row.birth_date)),
    street: show('address', row.street),
    postalCode: show('address', row.postal_code),
    city: show('address', row.city),
    restricted: row.restricted_at !== null,
    version: row.version,
    updatedAt: row.updated_at.toISOString(),
  };
};

/** The explanation without the comparisons of fields the role may not read (they would leak equality). */
export const visibleExplanation = (contributions: Contribution[], role: Role) => {
  const hidden = new Set<string>(hiddenFieldsFor(role));
  return contributions
    .filter((c) => {
      const field = EXPLANATION_FIELDS[c.field];
      return !field || !hidden.has(field);
    })
    .map((c) => ({ field: c.field, level: c.level, weight: c.weight }));
};
