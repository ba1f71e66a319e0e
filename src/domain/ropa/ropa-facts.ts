import { createHash } from 'node:crypto';
import { DATA_CATEGORIES, DATA_CATEGORY_INFO, PERSON_FIELD_CATEGORIES } from '../privacy/data-categories.ts';
import { LEGAL_BASIS_LABELS, type LegalBasis } from '../privacy/legal-bases.ts';
import type { Bilingual } from './ropa-labels.ts';

/**
 * The live facts of one processing activity (one declared purpose), gathered from the running system:
 * who the data is about, which categories are held, where it goes, how long it stays (the deletion
 * concept) and where the DPIA stands. Pure: the service reads the rows, this decides what they mean.
 */

export type PurposeInput = {
  id: string;
  label: Bilingual;
  description: Bilingual;
  legalBases: string[];
};

/** A data type (DIN 66398 Datenart) of the purpose with its deletion rule. */
export type DataTypeInput = {
  id: string;
  purposeId: string;
  name: Bilingual;
  legalBasis: string;
  subjectGroup: string;
  dataCategories: string[];
  period: Bilingual;
  startType: string;
  startEvent: string;
};

/** Persons stored for a purpose, per kind: counts only. */
export type PersonStatsInput = {
  purposeId: string;
  kind: string;
  count: number;
  withSpecial: number;
};

export type RegisterInput = {
  id: string;
  name: string;
  kind: string;
  location: string | null;
  country: string | null;
  thirdCountry: boolean;
  transferMechanism: string | null;
  purposes: string[];
  dataCategories: string[];
};

export type DpiaInput = {
  purposeId: string;
  required: boolean;
  status: 'none' | 'draft' | 'signed_off' | 'review_due';
  signedOffAt: string | null;
  reviewAt: string | null;
};

export type ActivityFacts = {
  purposeId: string;
  legalBases: { id: string; article: string; label: Bilingual }[];
  /** legal bases named by the purpose's data types, e.g. 'Art. 6 Abs. 1 lit. c DSGVO i. V. m. § 147 AO' */
  retentionBases: string[];
  subjectKinds: string[];
  subjectGroups: string[];
  personCount: number;
  dataCategories: string[];
  special: boolean;
  recipients: { id: string; name: string; kind: string; location: string | null; country: string | null }[];
  transfers: { id: string; name: string; country: string; mechanism: string | null }[];
  erasure: {
    dataTypeId: string;
    name: Bilingual;
    period: Bilingual;
    startType: string;
    startEvent: string;
  }[];
  dpia: DpiaInput | null;
};

const sortedUnique = (values: Iterable<string>) => [...new Set(values)].sort((a, b) => a.localeCompare(b));

/** Categories in the order of DATA_CATEGORIES, unknown ids (a DPO's own) after them, alphabetically. */
export const orderCategories = (values: Iterable<string>): string[] => {
  const set = new Set(values);
  const known = DATA_CATEGORIES.filter((c) => set.has(c));
  const unknown = [...set].filter((c) => !(DATA_CATEGORIES as readonly string[]).includes(c));
  return [...known, ...unknown.sort()];
};

const SUBJECT_KIND_ORDER = ['customer', 'prospect', 'contact_person'];

/** The person fields every stored person has, whatever the purpose (special categories only when held). */
const PERSON_BASE_CATEGORIES = [...new Set(Object.values(PERSON_FIELD_CATEGORIES))].filter(
  (c) => !DATA_CATEGORY_INFO[c].special,
);

export const buildActivityFacts = (input: {
  purpose: PurposeInput;
  dataTypes: DataTypeInput[];
  persons: PersonStatsInput[];
  register: RegisterInput[];
  dpia: DpiaInput[];
}): ActivityFacts => {
  const { purpose } = input;
  const dataTypes = input.dataTypes
    .filter((d) => d.purposeId === purpose.id)
    .sort((a, b) => a.id.localeCompare(b.id));
  const persons = input.persons.filter((p) => p.purposeId === purpose.id && p.count > 0);
  const register = input.register
    .filter((r) => r.purposes.includes(purpose.id))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  const special = persons.some((p) => p.withSpecial > 0);
  const categories = new Set<string>(dataTypes.flatMap((d) => d.dataCategories));
  if (persons.length > 0) for (const c of PERSON_BASE_CATEGORIES) categories.add(c);
  if (special) for (const c of DATA_CATEGORIES) if (DATA_CATEGORY_INFO[c].special) categories.add(c);
  return {
    purposeId: purpose.id,
    legalBases: purpose.legalBases
      .filter((b): b is LegalBasis => b in LEGAL_BASIS_LABELS)
      .map((b) => ({
        id: b,
        article: LEGAL_BASIS_LABELS[b].article,
        label: { de: LEGAL_BASIS_LABELS[b].de, en: LEGAL_BASIS_LABELS[b].en },
      })),
    retentionBases: sortedUnique(dataTypes.map((d) => d.legalBasis)),
    subjectKinds: SUBJECT_KIND_ORDER.filter((k) => persons.some((p) => p.kind === k)),
    subjectGroups: sortedUnique(dataTypes.map((d) => d.subjectGroup)),
    personCount: persons.reduce((n, p) => n + p.count, 0),
    dataCategories: orderCategories(categories),
    special,
    recipients: register
      .filter((r) => r.kind !== 'internal_system')
      .map((r) => ({ id: r.id, name: r.name, kind: r.kind, location: r.location, country: r.country })),
    transfers: register
      .filter((r) => r.thirdCountry)
      .map((r) => ({ id: r.id, name: r.name, country: r.country ?? '??', mechanism: r.transferMechanism })),
    erasure: dataTypes.map((d) => ({
      dataTypeId: d.id,
      name: d.name,
      period: d.period,
      startType: d.startType,
      startEvent: d.startEvent,
    })),
    dpia: input.dpia.find((d) => d.purposeId === purpose.id) ?? null,
  };
};

/**
 * A fingerprint of what the DPO confirmed: everything but the number of persons (which changes daily
 * and is no Art. 30 content). A confirmed activity whose fingerprint no longer matches shows "changed".
 */
export const factsFingerprint = (facts: ActivityFacts): string => {
  const { personCount: _count, ...rest } = facts;
  return createHash('sha256').update(JSON.stringify(rest)).digest('hex');
};
