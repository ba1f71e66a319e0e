import { sql } from 'kysely';
import type { Database } from '../src/db/database.ts';
import { SOURCE_KINDS } from '../src/domain/privacy/legal-bases.ts';
import { assertPrivacyFacts } from '../src/domain/privacy/privacy-facts.ts';
import { DEFAULT_PURPOSES } from '../src/domain/privacy/purposes.ts';
import {
  CITIES,
  FIRST_NAMES,
  MAIL_DOMAINS,
  ORGANIZATION_SUFFIXES,
  ORGANIZATION_TRADES,
  type Prng,
  prng,
  SOURCE_DETAILS,
  STREETS,
  surname,
  transliterate,
} from './german-data.ts';

/**
 * Seeds persons (with the mandatory privacy facts), organisations, tags and interactions into an
 * initialised installation, set-based: each batch is one JSON document expanded by
 * `jsonb_to_recordset` on the server, interactions by `generate_series`. Deterministic for a seed.
 */

export type SeedOptions = { persons: number; interactions: number; seed: number; batchSize?: number };
export type SeedResult = {
  persons: number;
  interactions: number;
  organizations: number;
  personTags: number;
  /** Ids of seeded persons in a random (deterministic) order, for rotating reads. */
  sampleIds: string[];
  ms: {
    organizations: number;
    personsAndInteractions: number;
    /** Of personsAndInteractions: the persons (with tag links), and the interactions. */
    persons: number;
    interactions: number;
    analyze: number;
    total: number;
  };
};

/** Data is generated relative to this fixed day, so that every run produces the same rows. */
const REFERENCE_DAY = Date.parse('2026-06-30T12:00:00Z');
const DAY = 86_400_000;

/** Legal basis with purposes it allows (checked against the built-in catalogue below). */
const FACTS: readonly (readonly [string, readonly string[]])[] = [
  ['contract', ['customer_service', 'sales']],
  ['contract', ['customer_service', 'billing']],
  ['contract', ['sales']],
  ['consent', ['newsletter']],
  ['consent', ['marketing', 'newsletter']],
  ['legitimate_interest', ['sales']],
  ['legitimate_interest', ['customer_service', 'marketing']],
  ['legal_obligation', ['billing']],
];

const TAGS = [
  ['VIP', 'red'],
  ['Newsletter', 'blue'],
  ['Messe 2025', 'green'],
  ['Bestandskunde', 'gray'],
  ['Rückruf', 'orange'],
  ['Großkunde', 'purple'],
] as const;

const INTERACTION_SUBJECTS = [
  'Rückruf wegen Angebot',
  'Angebot besprochen',
  'Terminvereinbarung Vor-Ort-Termin',
  'Reklamation Lieferung',
  'Rechnungsrückfrage',
  'Jahresgespräch',
  'Anfrage Wartungsvertrag',
  'Newsletter-Abmeldung bestätigt',
  'Auftragsbestätigung versandt',
  'Nachfrage zum Liefertermin',
];

const phoneOf = (r: Prng, areaCode: string) => {
  if (r.chance(0.45)) {
    const mobile = r.pick(['151', '152', '160', '170', '171', '176', '1577']);
    return r.chance(0.5)
      ? `+49 ${mobile} ${1_000_000 + r.int(9_000_000)}`
      : `0${mobile} ${1_000_000 + r.int(9_000_000)}`;
  }
  const line = String(100_000 + r.int(9_900_000));
  return r.chance(0.5) ? `${areaCode} ${line}` : `+49 ${areaCode.slice(1)} ${line}`;
};

const dateOnly = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const makeOrganization = (r: Prng) => {
  const [city, plzFrom, plzTo, areaCode] = r.pick(CITIES);
  const name = r.chance(0.5)
    ? `${surname(r)} ${r.pick(ORGANIZATION_TRADES)} ${r.pick(ORGANIZATION_SUFFIXES)}`
    : `${surname(r)} & ${surname(r)} ${r.pick(ORGANIZATION_SUFFIXES)}`;
  const domain = `${transliterate(name.split(' ')[0]!)}-${r.int(1000)}.de`;
  return {
    id: r.uuid(),
    name,
    kind: r.pick(['customer', 'customer', 'prospect', 'partner', 'supplier']),
    email: `info@${domain}`,
    phone: phoneOf(r, areaCode),
    website: `https://www.${domain}`,
    postal_code: String(plzFrom + r.int(plzTo - plzFrom + 1)).padStart(5, '0'),
    city,
    country: 'DE',
    domain,
  };
};

type Organization = ReturnType<typeof makeOrganization>;

const makePerson = (
  r: Prng,
  organizations: Organization[],
  departmentIds: string[],
  tagIds: string[],
  interactions: number,
) => {
  const first = r.pick(FIRST_NAMES);
  const last = r.chance(0.04) ? `${surname(r)}-${surname(r)}` : surname(r);
  const [city, plzFrom, plzTo, areaCode] = r.pick(CITIES);
  const kind = r.chance(0.6) ? 'customer' : r.chance(0.6) ? 'prospect' : 'contact_person';
  const organization = kind === 'contact_person' || r.chance(0.1) ? r.pick(organizations) : null;
  const local = r.pick([
    `${transliterate(first)}.${transliterate(last)}`,
    `${transliterate(first)[0]}.${transliterate(last)}`,
    `${transliterate(first)}${transliterate(last)}${r.int(100)}`,
  ]);
  const email = r.chance(0.9)
    ? `${local}@${organization ? organization.domain : r.weighted(MAIL_DOMAINS)}`
    : null;
  const [legalBasis, purposes] = r.pick(FACTS);
  const collectedAt = REFERENCE_DAY - r.int(8 * 365) * DAY - r.int(DAY);
  const expiresAt = legalBasis === 'consent' ? collectedAt + 3 * 365 * DAY : null;
  const updatedAt = collectedAt + r.int(Math.max(1, (REFERENCE_DAY - collectedAt) / DAY)) * DAY;
  const sourceKind = r.pick(SOURCE_KINDS);
  const details = SOURCE_DETAILS[sourceKind];
  return {
    id: r.uuid(),
    kind,
    first_name: first,
    last_name: last,
    email,
    phone: r.chance(0.8) ? phoneOf(r, areaCode) : null,
    birth_date: r.chance(0.3) ? dateOnly(REFERENCE_DAY - (18 * 365 + r.int(60 * 365)) * DAY) : null,
    street: `${r.pick(STREETS)} ${1 + r.int(120)}${r.chance(0.1) ? r.pick(['a', 'b']) : ''}`,
    postal_code: String(plzFrom + r.int(plzTo - plzFrom + 1)).padStart(5, '0'),
    city,
    country: 'DE',
    organization_id: organization?.id ?? null,
    job_title: organization
      ? r.pick(['Geschäftsführer', 'Einkauf', 'Buchhaltung', 'Vertriebsleitung'])
      : null,
    department_ids: r.chance(0.25) ? [r.pick(departmentIds)] : [],
    legal_basis: legalBasis,
    purposes,
    source_kind: sourceKind,
    source_detail: details && r.chance(0.7) ? r.pick(details) : null,
    collected_at: new Date(collectedAt).toISOString(),
    expires_at: expiresAt ? new Date(expiresAt).toISOString() : null,
    updated_at: new Date(updatedAt).toISOString(),
    tag_ids: r.chance(0.15) ? [...new Set([r.pick(tagIds), r.pick(tagIds)])] : [],
    n: interactions,
  };
};

type Person = ReturnType<typeof makePerson>;

/** The seeded data must satisfy the same privacy rules the API enforces. */
const checkFacts = (p: Person) =>
  assertPrivacyFacts({
    facts: {
      legalBasis: p.legal_basis as never,
      purposes: [...p.purposes],
      collectedAt: new Date(p.collected_at),
      expiresAt: p.expires_at ? new Date(p.expires_at) : null,
      holdsSpecialCategory: false,
    },
    catalogue: DEFAULT_PURPOSES,
  });

const insertOrganizations = (db: Database, tenantId: string, adminId: string, orgs: Organization[]) =>
  sql`insert into organizations (id, tenant_id, name, kind, email, phone, website, postal_code, city, country, created_by)
    select r.id, ${tenantId}::uuid, r.name, r.kind, r.email, r.phone, r.website, r.postal_code, r.city, r.country, ${adminId}::uuid
    from jsonb_to_recordset(${JSON.stringify(orgs)}::jsonb) as r(id uuid, name text, kind text, email text,
      phone text, website text, postal_code text, city text, country text)`.execute(db.kysely);

const insertPersons = async (
  db: Database,
  tenantId: string,
  adminId: string,
  batch: Person[],
  timing: { persons: number; interactions: number },
) => {
  const json = JSON.stringify(batch);
  let started = performance.now();
  await sql`insert into persons (id, tenant_id, kind, first_name, last_name, email, phone, birth_date, street,
      postal_code, city, country, organization_id, job_title, department_ids, legal_basis, purposes, source_kind,
      source_detail, collected_at, collected_by, expires_at, created_at, updated_at)
    select r.id, ${tenantId}::uuid, r.kind, r.first_name, r.last_name, r.email, r.phone, r.birth_date, r.street,
      r.postal_code, r.city, r.country, r.organization_id, r.job_title, r.department_ids, r.legal_basis,
      r.purposes, r.source_kind, r.source_detail, r.collected_at, ${adminId}::uuid, r.expires_at,
      r.collected_at, r.updated_at
    from jsonb_to_recordset(${json}::jsonb) as r(id uuid, kind text, first_name text, last_name text,
      email text, phone text, birth_date date, street text, postal_code text, city text, country text,
      organization_id uuid, job_title text, department_ids uuid[], legal_basis text, purposes text[],
      source_kind text, source_detail text, collected_at timestamptz, expires_at timestamptz,
      updated_at timestamptz)`.execute(db.kysely);
  await sql`insert into person_tags (tenant_id, person_id, tag_id)
    select ${tenantId}::uuid, r.id, t.tag_id
    from jsonb_to_recordset(${json}::jsonb) as r(id uuid, tag_ids uuid[]), unnest(r.tag_ids) as t(tag_id)`.execute(
    db.kysely,
  );
  timing.persons += performance.now() - started;
  started = performance.now();
  // Interactions between collection and the reference day; kind, subject and time derive from a hash
  // of (person, n), so they are deterministic too.
  await sql`insert into interactions (id, tenant_id, person_id, organization_id, kind, direction, occurred_at,
      subject, body, employee_id, created_at)
    select md5(r.id::text || ':' || g)::uuid, ${tenantId}::uuid, r.id, r.organization_id,
      (array['call','email','meeting','chat','letter','note','social'])[1 + h % 7],
      case when h % 7 = 5 then 'internal' when h % 2 = 0 then 'inbound' else 'outbound' end,
      t.at, ${JSON.stringify(INTERACTION_SUBJECTS)}::jsonb ->> ((h / 7) % ${INTERACTION_SUBJECTS.length}),
      case when h % 3 = 0 then 'Kunde bittet um Rückruf am Vormittag; Unterlagen per E-Mail zugesagt.' end,
      ${adminId}::uuid, t.at
    from jsonb_to_recordset(${json}::jsonb) as r(id uuid, organization_id uuid, collected_at timestamptz, n int)
    cross join lateral generate_series(1, r.n) as g
    cross join lateral (select ('x' || substr(md5(r.id::text || '#' || g), 1, 8))::bit(32)::int & 2147483647 as h) as x
    cross join lateral (select r.collected_at + (h % 1000000) / 1000000.0
      * (${new Date(REFERENCE_DAY).toISOString()}::timestamptz - r.collected_at) as at) as t`.execute(
    db.kysely,
  );
  timing.interactions += performance.now() - started;
};

/** Seeds into the (only) tenant created by `custos init`. The database must be migrated and initialised. */
export const seed = async (
  db: Database,
  options: SeedOptions,
  log = (_: string) => {},
): Promise<SeedResult> => {
  const started = performance.now();
  const r = prng(options.seed);
  const admin = await db.kysely
    .selectFrom('users')
    .select(['id', 'tenant_id'])
    .where('role', '=', 'admin')
    .orderBy('created_at')
    .executeTakeFirstOrThrow();
  const tenantId = admin.tenant_id;
  const departmentIds = (
    await db.kysely.selectFrom('departments').select('id').where('tenant_id', '=', tenantId).execute()
  ).map((d) => d.id);

  const organizations = Array.from({ length: Math.max(10, Math.round(options.persons / 50)) }, () =>
    makeOrganization(r),
  );
  await insertOrganizations(db, tenantId, admin.id, organizations);
  const tags = TAGS.map(([name, color]) => ({ id: r.uuid(), name, color }));
  await db.kysely
    .insertInto('tags')
    .values(tags.map((t) => ({ ...t, tenant_id: tenantId })))
    .execute();
  const orgMs = performance.now() - started;

  // Exactly `interactions` in total, spread over persons at random (about Poisson-distributed).
  const counts = new Uint16Array(options.persons);
  for (let i = 0; i < options.interactions; i++) counts[r.int(options.persons)]! += 1;

  const ids: string[] = [];
  const batchSize = options.batchSize ?? 5_000;
  const personsStarted = performance.now();
  const timing = { persons: 0, interactions: 0 };
  for (let from = 0; from < options.persons; from += batchSize) {
    const batch: Person[] = [];
    for (let i = from; i < Math.min(options.persons, from + batchSize); i++) {
      const person = makePerson(
        r,
        organizations,
        departmentIds,
        tags.map((t) => t.id),
        counts[i]!,
      );
      checkFacts(person);
      batch.push(person);
      ids.push(person.id);
    }
    await insertPersons(db, tenantId, admin.id, batch, timing);
    log(`  seeded ${Math.min(options.persons, from + batchSize)} / ${options.persons} persons`);
  }
  const personsMs = performance.now() - personsStarted;

  const analyzeStarted = performance.now();
  // PGlite has no autovacuum: without this the planner would work without statistics.
  await sql`vacuum analyze`.execute(db.kysely);
  const analyzeMs = performance.now() - analyzeStarted;

  const totals = await sql<{ persons: number; interactions: number; person_tags: number }>`select
    (select count(*)::int from persons) as persons, (select count(*)::int from interactions) as interactions,
    (select count(*)::int from person_tags) as person_tags`.execute(db.kysely);
  const t = totals.rows[0]!;

  // Shuffle (Fisher-Yates) so reads rotate over persons spread across the whole table.
  for (let i = ids.length - 1; i > 0; i--) {
    const j = r.int(i + 1);
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
  }
  return {
    persons: t.persons,
    interactions: t.interactions,
    organizations: organizations.length,
    personTags: t.person_tags,
    sampleIds: ids.slice(0, 10_000),
    ms: {
      organizations: orgMs,
      personsAndInteractions: personsMs,
      persons: timing.persons,
      interactions: timing.interactions,
      analyze: analyzeMs,
      total: performance.now() - started,
    },
  };
};
