import { type RawBuilder, sql } from 'kysely';
import type { Tx } from '../../db/tenant.ts';
import { SPECIAL_CATEGORY_BASES } from '../../domain/privacy/legal-bases.ts';
import { MAX_REFS } from '../../domain/self-check/checks.ts';

/**
 * The self-check's own checks, one SQL statement each, run inside the tenant transaction (row-level
 * security confines them to the tenant). Each statement selects the breaking records as
 * `id, person_id, sort` plus boolean flags and returns only the count, the first MAX_REFS references
 * and the count per flag: never a name, a value or any other personal data.
 */

export type CheckResult = {
  count: number;
  refs: { id: string; personId: string | null }[];
  flags: Record<string, number>;
};

type Row = { count: number; refs: { id: string; personId: string | null }[] | null } & Record<
  string,
  unknown
>;

/** Counts the rows of `breaking` (columns id, person_id, sort and the boolean `flags`). */
const summarize = async (tx: Tx, breaking: RawBuilder<unknown>, flags: readonly string[] = []) => {
  const flagSql = flags.map(
    (flag) => sql`, count(*) filter (where ${sql.ref(flag)})::int as ${sql.ref(flag)}`,
  );
  const { rows } = await sql<Row>`
    with breaking as materialized (${breaking})
    select count(*)::int as count,
      (select json_agg(json_build_object('id', r.id, 'personId', r.person_id) order by r.sort, r.id)
         from (select id, person_id, sort from breaking order by sort, id limit ${MAX_REFS}) r) as refs
      ${sql.join(flagSql, sql``)}
    from breaking`.execute(tx);
  const row = rows[0]!;
  const counts: Record<string, number> = {};
  for (const flag of flags) counts[flag] = Number(row[flag] ?? 0);
  return { count: Number(row.count), refs: row.refs ?? [], flags: counts } satisfies CheckResult;
};

/**
 * A purpose of person `p` (`u.id`, declared as `d`) whose legal basis is not covered: the person's
 * basis is not one the purpose allows, and the purpose does not rest on a consent of the person in
 * the ledger. A consent recorded for a purpose adds the purpose to the record without changing the
 * record's basis (e.g. a customer under contract who subscribes to the newsletter), and an ended
 * consent stays documented there as Art. 7(1) proof until the retention sweep removes it.
 */
const BASIS_NOT_COVERED = sql`not (p.legal_basis = any (d.legal_bases))
  and not ('consent' = any (d.legal_bases) and exists (
    select 1 from consents c where c.tenant_id = p.tenant_id and c.person_id = p.id and c.purpose_id = u.id))`;

/**
 * person_without_purpose: a person with a purpose the tenant has not declared (Art. 5(1)(b)), or with
 * a legal basis one of the person's purposes does not allow (Art. 6(1)).
 */
export const personsWithoutPurpose = (tx: Tx) =>
  summarize(
    tx,
    sql`select p.id, p.id as person_id, p.created_at as sort,
        exists (select 1 from unnest(p.purposes) u(id)
                where not exists (select 1 from purposes d where d.id = u.id)) as undeclared,
        exists (select 1 from unnest(p.purposes) u(id) join purposes d on d.id = u.id
                where ${BASIS_NOT_COVERED}) as basis_not_allowed
      from persons p
      left join (
        select b.basis, array_agg(d.id) as ids
        from purposes d cross join unnest(d.legal_bases) b(basis) group by b.basis
      ) allowed on allowed.basis = p.legal_basis
      -- cheap first: all purposes declared and allowing the person's basis (nearly every person)
      where not (p.purposes <@ coalesce(allowed.ids, '{}'::text[]))
        and exists (
          select 1 from unnest(p.purposes) u(id) left join purposes d on d.id = u.id
          where d.id is null or (${BASIS_NOT_COVERED}))`,
    ['undeclared', 'basis_not_allowed'],
  );

/** special_without_art9: health data (accessibility needs) whose basis is no Art. 9(2) condition. */
export const specialWithoutArt9 = (tx: Tx) =>
  summarize(
    tx,
    sql`select p.id, p.id as person_id, p.created_at as sort
      from persons p
      where p.accessibility_needs is not null
        and (p.accessibility_legal_basis is null
             or not (p.accessibility_legal_basis = any (${[...SPECIAL_CATEGORY_BASES]}::text[])))`,
  );

/**
 * consent_without_proof: a consent in force (neither withdrawn nor superseded) whose proof record is
 * empty, whose wording is missing, altered (its text no longer matches the stored SHA-256) or belongs
 * to another purpose or channel, or a double opt-in consent without a confirmed sign-up (A5).
 */
export const consentsWithoutProof = (tx: Tx) =>
  summarize(
    tx,
    sql`select c.id, c.person_id, c.given_at as sort,
        c.proof = '{}'::jsonb or coalesce(c.proof ->> 'sealed', '') in ('', '{}') as empty_proof,
        w.id is null or not w.intact or w.purpose_id <> c.purpose_id or w.channel <> c.channel
          as wording_mismatch,
        c.method = 'double_opt_in' and not exists (
          select 1 from consent_signups s where s.id = c.signup_id and s.confirmed_at is not null)
          as doi_unconfirmed
      from consents c
      left join (
        select id, purpose_id, channel, text_sha256 = encode(sha256(convert_to(text, 'UTF8')), 'hex') as intact
        from consent_wordings
      ) w on w.id = c.wording_id
      where c.withdrawn_at is null and c.superseded_at is null
        and (c.proof = '{}'::jsonb or coalesce(c.proof ->> 'sealed', '') in ('', '{}')
          or w.id is null or not w.intact or w.purpose_id <> c.purpose_id or w.channel <> c.channel
          or (c.method = 'double_opt_in' and not exists (
            select 1 from consent_signups s where s.id = c.signup_id and s.confirmed_at is not null)))`,
    ['empty_proof', 'wording_mismatch', 'doi_unconfirmed'],
  );

/** request_overdue: open requests whose due day in force (extended or not) lies before `today`. */
export const requestsOverdue = (tx: Tx, input: { today: string }) =>
  summarize(
    tx,
    sql`select r.id, r.person_id, coalesce(r.extended_due_at, r.due_at) as sort,
        r.extended_due_at is not null as extended
      from dsr_requests r
      where r.status = 'open' and coalesce(r.extended_due_at, r.due_at) < ${input.today}::date`,
    ['extended'],
  );

/**
 * breach_overdue: open breaches the controller knew of before `notifyBefore` (72 hours ago) that are
 * neither notified to the authority nor assessed as without risk, and give no reasons for the delay.
 */
export const breachesOverdue = (tx: Tx, input: { notifyBefore: Date }) =>
  summarize(
    tx,
    sql`select b.id, null::uuid as person_id, b.aware_at as sort, b.risk is null as unassessed
      from breaches b
      where b.status = 'open' and b.authority_notified_at is null
        and b.risk is distinct from 'none'
        and coalesce(btrim(b.late_reason), '') = ''
        and b.aware_at < ${input.notifyBefore}`,
    ['unassessed'],
  );
