import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Tx } from '../../db/tenant.ts';
import { departmentScope, type Visibility } from '../../db/visibility.ts';
import type { MarketingChannel } from '../../domain/marketing/eligibility.ts';
import {
  birthdayKeys,
  type SegmentCondition,
  type SegmentDefinition,
} from '../../domain/marketing/segment-definition.ts';

/** All SQL of segments. Row-level security (tenant) is already in force on `tx`. */

export type { Visibility };
export const EVERY_DEPARTMENT: Visibility = { allDepartments: true, departmentIds: [] };

// ---- the saved segments ---------------------------------------------------------------------------

const segmentColumns = [
  'id',
  'name',
  'description',
  'definition',
  'purpose_id',
  'channel',
  'version',
  'archived_at',
  'created_at',
  'updated_at',
] as const;

export const listSegments = (tx: Tx) =>
  tx
    .selectFrom('segments')
    .select(segmentColumns)
    .where('archived_at', 'is', null)
    .orderBy(sql`lower(name)`)
    .orderBy('id')
    .execute();

export const findSegment = (tx: Tx, id: string) =>
  tx.selectFrom('segments').select(segmentColumns).where('id', '=', id).executeTakeFirst();
export type SegmentRow = NonNullable<Awaited<ReturnType<typeof findSegment>>>;

export const findActiveSegmentByName = (tx: Tx, name: string) =>
  tx
    .selectFrom('segments')
    .select('id')
    .where(sql`lower(name)`, '=', name.toLowerCase())
    .where('archived_at', 'is', null)
    .executeTakeFirst();

export const insertSegment = (
  tx: Tx,
  row: {
    id: string;
    tenant_id: string;
    name: string;
    description: string | null;
    definition: SegmentDefinition;
    purpose_id: string | null;
    channel: MarketingChannel | null;
    created_by: string;
    now: Date;
  },
) =>
  tx
    .insertInto('segments')
    .values({
      id: row.id,
      tenant_id: row.tenant_id,
      name: row.name,
      description: row.description,
      definition: JSON.stringify(row.definition),
      purpose_id: row.purpose_id,
      channel: row.channel,
      created_by: row.created_by,
      created_at: row.now,
      updated_at: row.now,
    })
    .execute();

/** Updates when the version still matches; returns whether a row was updated. */
export const updateSegment = async (
  tx: Tx,
  id: string,
  version: number,
  values: {
    name: string;
    description: string | null;
    definition: SegmentDefinition;
    purpose_id: string | null;
    channel: MarketingChannel | null;
    now: Date;
  },
) => {
  const result = await tx
    .updateTable('segments')
    .set({
      name: values.name,
      description: values.description,
      definition: JSON.stringify(values.definition),
      purpose_id: values.purpose_id,
      channel: values.channel,
      updated_at: values.now,
      version: sql`version + 1`,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
};

export const archiveSegment = (tx: Tx, id: string, now: Date) =>
  tx
    .updateTable('segments')
    .set({ archived_at: now, updated_at: now, version: sql`version + 1` })
    .where('id', '=', id)
    .execute();

/** Campaigns that will still send to the segment (scheduled, or sending right now). */
export const pendingCampaignsOf = (tx: Tx, segmentId: string) =>
  tx
    .selectFrom('campaigns')
    .select('id')
    .where('segment_id', '=', segmentId)
    .where('status', 'in', ['scheduled', 'sending'])
    .execute();

export const existingTagIds = async (tx: Tx, ids: string[]) =>
  ids.length === 0
    ? []
    : (await tx.selectFrom('tags').select('id').where('id', 'in', ids).execute()).map((r) => r.id);

export const existingCustomerGroupIds = async (tx: Tx, ids: string[]) =>
  ids.length === 0
    ? []
    : (await tx.selectFrom('customer_groups').select('id').where('id', 'in', ids).execute()).map((r) => r.id);

export const purposeBases = async (tx: Tx, purposeId: string) =>
  (await tx.selectFrom('purposes').select('legal_bases').where('id', '=', purposeId).executeTakeFirst())
    ?.legal_bases;

// ---- compiling a definition to SQL over `persons p` -------------------------------------------------

/** What the conditions are relative to: the instant of evaluation and its Berlin calendar day. */
export type EvaluationClock = { now: Date; today: string };

const likePrefix = (prefix: string) => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Orders of the person, or of the person's organisation, that were not cancelled. */
const ordersOf = (extra: RawBuilder<unknown> | null) => sql<SqlBool>`exists (select 1 from orders o2
  where (o2.person_id = p.id or o2.organization_id = p.organization_id) and o2.status <> 'cancelled'
  ${extra ?? sql``})`;

export const compileCondition = (c: SegmentCondition, clock: EvaluationClock): RawBuilder<SqlBool> => {
  switch (c.field) {
    case 'personKind':
      return sql<SqlBool>`p.kind = any(${c.values}::text[])`;
    case 'tag': {
      const has = sql<SqlBool>`exists (select 1 from person_tags pt where pt.person_id = p.id and pt.tag_id = ${c.tagId})`;
      return c.op === 'has' ? has : sql<SqlBool>`not ${has}`;
    }
    case 'city':
      return sql<SqlBool>`lower(p.city) = ${c.value.toLowerCase()}`;
    case 'postalCode':
      return sql<SqlBool>`p.postal_code like ${likePrefix(c.prefix)}`;
    case 'country':
      return sql<SqlBool>`p.country = any(${c.values}::text[])`;
    case 'organizationKind':
      return sql<SqlBool>`exists (select 1 from organizations og where og.id = p.organization_id and og.kind = any(${c.values}::text[]))`;
    case 'customerGroup':
      return sql<SqlBool>`exists (select 1 from organizations og where og.id = p.organization_id and og.customer_group_id = any(${c.ids}::uuid[]))`;
    case 'birthday':
      return birthdayIn(birthdayKeys(clock.today, c.withinDays));
    case 'createdAt':
      return c.op === 'before'
        ? sql<SqlBool>`p.created_at < (${c.date}::date::timestamp at time zone 'Europe/Berlin')`
        : sql<SqlBool>`p.created_at >= ((${c.date}::date + 1)::timestamp at time zone 'Europe/Berlin')`;
    case 'lastInteraction': {
      const since = new Date(clock.now.getTime() - c.days * 86_400_000);
      const kind = c.kind ? sql`and i.kind = ${c.kind}` : sql``;
      const any = sql<SqlBool>`exists (select 1 from interactions i where i.person_id = p.id
        and i.occurred_at >= ${since} and i.occurred_at <= ${clock.now} ${kind})`;
      return c.op === 'within' ? any : sql<SqlBool>`not ${any}`;
    }
    case 'deal': {
      const state =
        c.op === 'open'
          ? sql`s.outcome = 'open'`
          : sql`s.outcome = 'won' and d.closed_at >= ${new Date(clock.now.getTime() - (c.days ?? 0) * 86_400_000)}`;
      return sql<SqlBool>`exists (select 1 from deals d join pipeline_stages s on s.id = d.stage_id
        where (d.person_id = p.id or d.organization_id = p.organization_id) and ${state})`;
    }
    case 'order':
      return c.op === 'any'
        ? ordersOf(null)
        : ordersOf(sql`and o2.ordered_at >= (${clock.today}::date - ${c.days ?? 0}::int)`);
    case 'purpose':
      return sql<SqlBool>`${c.purposeId} = any(p.purposes)`;
  }
};

const birthdayIn = (keys: string[]) =>
  sql<SqlBool>`(p.birth_date is not null and to_char(p.birth_date, 'MM-DD') = any(${keys}::text[]))`;

/** The WHERE of a definition: all or any of its conditions (no condition: every person). */
export const compileDefinition = (d: SegmentDefinition, clock: EvaluationClock): RawBuilder<SqlBool> => {
  if (d.conditions.length === 0) return sql<SqlBool>`true`;
  const parts = d.conditions.map((c) => sql`(${compileCondition(c, clock)})`);
  return sql<SqlBool>`(${sql.join(parts, d.match === 'all' ? sql` and ` : sql` or `)})`;
};

// ---- eligibility in SQL -----------------------------------------------------------------------------

/** The marketing use a segment is evaluated for, with the purpose's legal bases already looked up. */
export type MarketingUse = {
  purposeId: string;
  channel: MarketingChannel;
  consentAllowed: boolean;
  legitimateInterestAllowed: boolean;
};

const nonEmpty = (column: string) => sql`(nullif(trim(${sql.ref(column)}), '') is not null)`; // on persons p

/** An address for the channel: e-mail, phone number (phone, SMS), or street, postal code and city. */
const hasAddressFor = (channel: MarketingChannel) => {
  if (channel === 'email') return nonEmpty('p.email');
  if (channel === 'letter')
    return sql`(${nonEmpty('p.street')} and ${nonEmpty('p.postal_code')} and ${nonEmpty('p.city')})`;
  return nonEmpty('p.phone');
};

/**
 * The facts `marketingEligibility` needs, per person, as columns of a derived table `f` (one row per
 * person of `persons p` that `where` admits). Mirrors PersonMarketingFacts field by field, except that
 * the id of the valid consent is looked up afterwards (`classifyPersons`), only where it is needed.
 * The matched persons are materialised first (`m`); consents, orders and invoices are then joined to
 * them only, so the planner probes the indexes for a small segment and hashes for a large one.
 */
const factsQuery = (use: MarketingUse, where: RawBuilder<SqlBool>, lean = false) => {
  // counts need no address columns: a lean row keeps the materialised sets small for large segments
  const contact = lean ? sql`` : sql`p.phone, p.street, p.postal_code, p.city, p.country, p.birth_date,`;
  const contactOut = lean ? sql`` : sql`m.phone, m.street, m.postal_code, m.city, m.country, m.birth_date,`;
  const consentsFor = sql`c.purpose_id = ${use.purposeId} and c.channel = ${use.channel}`;
  return sql`
  with m as materialized (
    select p.id, p.first_name, p.last_name, p.email, ${contact} p.restricted_at, p.marketing_objection_at,
      p.purposes,
      ${hasAddressFor(use.channel)} as has_address
    from persons p
    where ${where}
  ),
  valid as (select distinct c.person_id from consents c join m on m.id = c.person_id
    where ${consentsFor} and c.withdrawn_at is null and c.superseded_at is null),
  withdrawn as (select distinct c.person_id from consents c join m on m.id = c.person_id
    where ${consentsFor} and c.withdrawn_at is not null),
  -- one row per matched person at most (a union of joins misleads the estimate into JIT compilation)
  customers as (select m.id as person_id from m
    where m.id in (select o.person_id from orders o where o.person_id is not null)
      or m.id in (select inv.person_id from invoices inv where inv.person_id is not null))
  select m.id, m.first_name, m.last_name, m.email, ${contactOut}
    (m.restricted_at is not null) as restricted,
    (m.marketing_objection_at is not null) as objected,
    m.has_address,
    (b.address is not null) as bounced,
    (v.person_id is not null) as valid_consent,
    -- a consent for this purpose and channel was withdrawn and none is valid
    (w.person_id is not null and v.person_id is null) as withdrawn_consent,
    (${use.purposeId} = any(m.purposes)) as purpose_on_record,
    (cu.person_id is not null) as existing_customer
  from m
  left join mail_bounces b on b.address = lower(trim(m.email))
  left join valid v on v.person_id = m.id
  left join withdrawn w on w.person_id = m.id
  left join customers cu on cu.person_id = m.id`;
};

/**
 * The CASE that mirrors `marketingEligibility` (src/domain/marketing/eligibility.ts) exactly, branch by
 * branch and in the same order. Its value is the basis ('consent', 'legitimate_interest') or the
 * exclusion reason.
 */
const classification = (use: MarketingUse) => {
  const email = sql.lit(use.channel === 'email');
  const liReaches =
    use.channel === 'letter' ? sql`true` : use.channel === 'email' ? sql`f.existing_customer` : sql`false`;
  return sql<string>`case
    when f.restricted then 'restricted'
    when f.objected then 'objected'
    when not f.has_address then 'no_address'
    when ${email} and f.bounced then 'bounced'
    when f.valid_consent and ${sql.lit(use.consentAllowed)} then 'consent'
    when f.withdrawn_consent then 'withdrawn'
    when ${sql.lit(use.legitimateInterestAllowed)} and f.purpose_on_record and ${liReaches}
      then 'legitimate_interest'
    else 'no_consent'
  end`;
};

const classified = (use: MarketingUse, where: RawBuilder<SqlBool>) => sql`
  select f.*, ${classification(use)} as cls from (${factsQuery(use, where)}) f`;

/** Only what the counts and the sample need: id, names, class. */
const classifiedLean = (use: MarketingUse, where: RawBuilder<SqlBool>) => sql`
  select f.id, f.first_name, f.last_name, ${classification(use)} as cls from (${factsQuery(use, where, true)}) f`;

export const matchWhere = (
  definition: SegmentDefinition,
  clock: EvaluationClock,
  visibility: Visibility,
  birthdayOn?: string,
) => {
  const parts = [departmentScope(visibility, 'p'), compileDefinition(definition, clock)];
  if (birthdayOn) parts.push(birthdayIn(birthdayKeys(birthdayOn, 0)));
  return sql<SqlBool>`${sql.join(parts, sql` and `)}`;
};

export type SampleRow = { id: string; first_name: string; last_name: string; cls: string | null };

/**
 * Counts of a segment in one statement: per class (basis or exclusion reason) the number of matched
 * persons, and a sample of 20 (the eligible ones when there is a marketing use, else the matched
 * ones), by name.
 */
export const evaluateCounts = async (
  tx: Tx,
  where: RawBuilder<SqlBool>,
  use: MarketingUse | null,
): Promise<{ counts: Record<string, number>; sample: SampleRow[] }> => {
  const row = (await withoutJit(tx, () => countsQuery(where, use).execute(tx))).rows[0];
  return { counts: row?.counts ?? {}, sample: row?.sample ?? [] };
};

/**
 * Runs `fn` with PostgreSQL's JIT off and more work_mem, then restores both. The joins of the fact sets make the
 * planner overestimate a whole-tenant evaluation by orders of magnitude, and JIT-compiling it then costs
 * more (≈ 0.7 s) than the statement itself. PGlite has no JIT; the setting is harmless there.
 */
const withoutJit = async <T>(tx: Tx, fn: () => Promise<T>): Promise<T> => {
  const { rows } = await sql<{ jit: string | null; work_mem: string }>`
    select current_setting('jit', true) as jit, current_setting('work_mem') as work_mem`.execute(tx);
  const was = rows[0];
  // a whole-tenant segment hashes and sorts ~100,000 rows: with the default 4 MB they spill to disk
  await sql`select set_config('work_mem', ${SEGMENT_WORK_MEM}, true)`.execute(tx);
  if (was?.jit && was.jit !== 'off') await sql`select set_config('jit', 'off', true)`.execute(tx);
  try {
    return await fn();
  } finally {
    if (was?.jit && was.jit !== 'off') await sql`select set_config('jit', ${was.jit}, true)`.execute(tx);
    if (was) await sql`select set_config('work_mem', ${was.work_mem}, true)`.execute(tx);
  }
};

/** Memory for the segment statement's hashes and sorts (transaction-local, restored afterwards). */
const SEGMENT_WORK_MEM = '16MB';

/** The statement of `evaluateCounts` (exported for EXPLAIN in bench/segment.bench.ts). */
export const countsQuery = (where: RawBuilder<SqlBool>, use: MarketingUse | null) =>
  use
    ? sql<{ counts: Record<string, number> | null; sample: SampleRow[] | null }>`
      with c as materialized (${classifiedLean(use, where)})
      select
        (select json_object_agg(cls, n) from (select cls, count(*)::int as n from c group by cls) g) as counts,
        (select json_agg(s) from (select id, first_name, last_name, cls from c
          where cls in ('consent', 'legitimate_interest')
          order by lower(last_name), lower(first_name), id limit 20) s) as sample`
    : sql<{ counts: Record<string, number> | null; sample: SampleRow[] | null }>`
      select
        json_build_object('matched', (select count(*)::int from persons p where ${where})) as counts,
        (select json_agg(s) from (select p.id, p.first_name, p.last_name, null as cls from persons p
          where ${where} order by lower(p.last_name), lower(p.first_name), p.id limit 20) s) as sample`;

export type ClassifiedRow = {
  id: string;
  first_name: string;
  last_name: string;
  email: string | null;
  phone: string | null;
  street: string | null;
  postal_code: string | null;
  city: string | null;
  country: string | null;
  birth_date: string | Date | null;
  restricted: boolean;
  objected: boolean;
  has_address: boolean;
  bounced: boolean;
  valid_consent: boolean;
  valid_consent_id: string | null;
  withdrawn_consent: boolean;
  purpose_on_record: boolean;
  existing_customer: boolean;
  cls: string;
};

/** Every matched person with the facts, the class and the valid consent's id (recipients, checks). */
export const classifyPersons = async (tx: Tx, where: RawBuilder<SqlBool>, use: MarketingUse) =>
  (
    await withoutJit(tx, () =>
      sql<ClassifiedRow>`select k.*, case when k.valid_consent then ${consentIdOfK(use)} end as valid_consent_id
      from (${classified(use, where)}) k
      order by lower(k.last_name), lower(k.first_name), k.id`.execute(tx),
    )
  ).rows;

/** The newest valid consent of person `k.id` for the use (the one a mail relies on). */
const consentIdOfK = (use: MarketingUse) => sql<string | null>`(select c.id from consents c
  where c.person_id = k.id and c.purpose_id = ${use.purposeId} and c.channel = ${use.channel}
    and c.withdrawn_at is null and c.superseded_at is null
  order by c.given_at desc, c.id limit 1)`;

export const personIdsWhere = (ids: string[]) => sql<SqlBool>`p.id = any(${ids}::uuid[])`;
