import { type Insertable, sql, type Updateable } from 'kysely';
import type { CampaignRecipientsTable, CampaignsTable } from '../../db/schema-marketing.ts';
import type { Tx } from '../../db/tenant.ts';
import { departmentScope, type Visibility, visibilityOf } from '../../db/visibility.ts';
import type { CampaignStatus } from '../../domain/marketing/campaign-rules.ts';
import type { Role } from '../../domain/permissions/roles.ts';

/** All SQL of campaigns, their recipients and responses. Row-level security is on `tx`. */

const campaignColumns = [
  'id',
  'tenant_id',
  'name',
  'kind',
  'occasion',
  'segment_id',
  'purpose_id',
  'language',
  'subject',
  'body',
  'link_url',
  'status',
  'recurrence',
  'recurrence_date',
  'scheduled_at',
  'last_run_key',
  'sent_at',
  'cancelled_at',
  'version',
  'created_by',
  'created_at',
  'updated_at',
] as const;

export const findCampaign = (tx: Tx, id: string) =>
  tx.selectFrom('campaigns').select(campaignColumns).where('id', '=', id).executeTakeFirst();
export type CampaignRow = NonNullable<Awaited<ReturnType<typeof findCampaign>>>;

export const listCampaigns = (tx: Tx) =>
  tx.selectFrom('campaigns').select(campaignColumns).orderBy('created_at', 'desc').orderBy('id').execute();

export const insertCampaign = (tx: Tx, values: Insertable<CampaignsTable> & { id: string }) =>
  tx.insertInto('campaigns').values(values).execute();

/** Changes a campaign at this version; false when it changed meanwhile. */
export const updateCampaignAt = async (
  tx: Tx,
  id: string,
  version: number,
  values: Updateable<CampaignsTable>,
) => {
  const rows = await tx
    .updateTable('campaigns')
    .set({ ...values, version: sql`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .execute();
  return rows.length > 0;
};

/** Moves a campaign between statuses, only from the given ones (the concurrency guard). */
export const moveCampaign = async (
  tx: Tx,
  id: string,
  from: readonly CampaignStatus[],
  values: Updateable<CampaignsTable>,
) => {
  const rows = await tx
    .updateTable('campaigns')
    .set({ ...values, version: sql`version + 1` })
    .where('id', '=', id)
    .where('status', 'in', from)
    .returning(campaignColumns)
    .execute();
  return rows[0];
};

/**
 * Claims a run: status → sending and last_run_key → runKey, only from these statuses and only when
 * this run key has not run yet. Of two schedulers or senders at once, exactly one gets the row.
 */
export const claimRun = async (
  tx: Tx,
  id: string,
  input: { from: readonly CampaignStatus[]; runKey: string; at: Date },
) => {
  const rows = await tx
    .updateTable('campaigns')
    .set({ status: 'sending', last_run_key: input.runKey, updated_at: input.at, version: sql`version + 1` })
    .where('id', '=', id)
    .where('status', 'in', input.from)
    .where((eb) => eb.or([eb('last_run_key', 'is', null), eb('last_run_key', '<>', input.runKey)]))
    .returning(campaignColumns)
    .execute();
  return rows[0];
};

/** Campaigns the scheduler looks at: scheduled e-mail campaigns whose start time has come (or has none). */
export const scheduledCampaigns = (tx: Tx, now: Date) =>
  tx
    .selectFrom('campaigns')
    .select(campaignColumns)
    .where('status', '=', 'scheduled')
    .where('kind', '=', 'email')
    .where((eb) => eb.or([eb('scheduled_at', 'is', null), eb('scheduled_at', '<=', now)]))
    .orderBy('scheduled_at')
    .execute();

export const statsOf = (tx: Tx, campaignIds: string[]) =>
  campaignIds.length === 0
    ? Promise.resolve([])
    : tx
        .selectFrom('campaign_recipients')
        .select(['campaign_id', 'status', (eb) => eb.fn.countAll<string>().as('n')])
        .where('campaign_id', 'in', campaignIds)
        .groupBy(['campaign_id', 'status'])
        .execute();

export const purposeBases = async (tx: Tx, purposeId: string) =>
  (await tx.selectFrom('purposes').select('legal_bases').where('id', '=', purposeId).executeTakeFirst())
    ?.legal_bases;

export const segmentUsable = async (tx: Tx, id: string) =>
  Boolean(
    await tx
      .selectFrom('segments')
      .select('id')
      .where('id', '=', id)
      .where('archived_at', 'is', null)
      .executeTakeFirst(),
  );

// ---- recipients ---------------------------------------------------------------------------------

export type RecipientInsert = Insertable<CampaignRecipientsTable> & { id: string };

/** Inserts recipient rows; a person already in this run (unique campaign, run key, person) is left out. */
export const insertRecipients = async (tx: Tx, rows: RecipientInsert[]) => {
  const inserted: string[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    if (chunk.length === 0) continue;
    const r = await tx
      .insertInto('campaign_recipients')
      .values(chunk)
      .onConflict((oc) => oc.columns(['tenant_id', 'campaign_id', 'run_key', 'person_id']).doNothing())
      .returning('id')
      .execute();
    inserted.push(...r.map((x) => x.id));
  }
  return inserted;
};

/**
 * An interrupted run (the process ended between handing a batch to the mail service and recording its
 * outcome) leaves recipients 'pending' whose mail is already in the outbox table. Before a resume
 * sends to the pending rows, each such row takes its mail's outcome: in the outbox or sent → 'sent';
 * still 'queued' (it may or may not have reached the SMTP server) → 'failed' with the reason
 * 'interrupted', and the mail row too, so nobody gets the campaign twice. A mail counts for a row when
 * it is of the campaign and the person and no other recipient row claims it (earlier runs' mails are
 * linked to their rows). Returns how many rows were settled, by status.
 */
export const settleInterruptedRecipients = async (tx: Tx, campaignId: string, runKey: string) => {
  const { rows } = await sql<{ status: string }>`
    with hit as (
      select distinct on (r.id) r.id as rid, m.id as mid, m.status as mstatus,
             coalesce(m.sent_at, m.created_at) as at
        from campaign_recipients r
        join outbound_mails m on m.campaign_id = r.campaign_id and m.person_id = r.person_id
       where r.campaign_id = ${campaignId} and r.run_key = ${runKey} and r.status = 'pending'
         and not exists (select 1 from campaign_recipients o where o.mail_id = m.id)
       order by r.id, m.created_at desc
    ), unconfirmed as (
      update outbound_mails m set status = 'failed', error = 'interrupted: delivery not confirmed'
        from hit where m.id = hit.mid and hit.mstatus = 'queued'
      returning m.id
    )
    update campaign_recipients r
       set status = case when hit.mstatus in ('sent', 'outbox') then 'sent'
                         when hit.mstatus = 'bounced' then 'bounced' else 'failed' end,
           mail_id = hit.mid,
           sent_at = case when hit.mstatus in ('sent', 'outbox') then hit.at else null end,
           skip_reason = case when hit.mstatus = 'queued' then 'interrupted' else null end
      from hit
     where r.id = hit.rid
    returning r.status`.execute(tx);
  const settled: Record<string, number> = {};
  for (const r of rows) settled[r.status] = (settled[r.status] ?? 0) + 1;
  return settled;
};

export const recipientsOfRun = (tx: Tx, campaignId: string, runKey: string) =>
  tx
    .selectFrom('campaign_recipients')
    .select(['id', 'person_id', 'status', 'basis', 'consent_id', 'token_hash'])
    .where('campaign_id', '=', campaignId)
    .where('run_key', '=', runKey)
    .execute();

export const skipRecipients = async (tx: Tx, skips: { id: string; reason: string }[]) => {
  const byReason = new Map<string, string[]>();
  for (const s of skips) byReason.set(s.reason, [...(byReason.get(s.reason) ?? []), s.id]);
  for (const [reason, ids] of byReason)
    await tx
      .updateTable('campaign_recipients')
      .set({ status: 'skipped', skip_reason: reason })
      .where('id', 'in', ids)
      .where('status', '=', 'pending')
      .execute();
};

/** Writes the outcome of each recipient of a batch (one statement). */
export const recordOutcomes = async (
  tx: Tx,
  outcomes: {
    id: string;
    status: 'sent' | 'printed' | 'failed' | 'bounced';
    mailId: string | null;
    basis: 'consent' | 'legitimate_interest';
    consentId: string | null;
    tokenHash: string;
  }[],
  at: Date,
) => {
  if (outcomes.length === 0) return;
  const values = sql.join(
    outcomes.map(
      (o) =>
        sql`(${o.id}::uuid, ${o.status}::text, ${o.mailId}::uuid, ${o.basis}::text, ${o.consentId}::uuid, ${o.tokenHash}::text)`,
    ),
  );
  await sql`
    update campaign_recipients r
       set status = v.status, mail_id = v.mail_id, basis = v.basis, consent_id = v.consent_id,
           token_hash = v.token_hash,
           sent_at = case when v.status in ('sent', 'printed') then ${at}::timestamptz else null end,
           skip_reason = null
      from (values ${values}) as v(id, status, mail_id, basis, consent_id, token_hash)
     where r.id = v.id`.execute(tx);
};

export const listRecipients = (tx: Tx, campaignId: string, visibility: Visibility, status?: string) => {
  let q = tx
    .selectFrom('campaign_recipients as r')
    .innerJoin('persons as p', 'p.id', 'r.person_id')
    .select([
      'r.id',
      'r.person_id',
      'p.first_name',
      'p.last_name',
      'r.run_key',
      'r.status',
      'r.skip_reason',
      'r.basis',
      'r.sent_at',
    ])
    .where('r.campaign_id', '=', campaignId)
    .where(departmentScope(visibility, 'p'));
  if (status) q = q.where('r.status', '=', status as never);
  return q.orderBy('r.created_at').orderBy('p.last_name').orderBy('p.first_name').orderBy('r.id').execute();
};

/** The recipients of a letter campaign already printed (a reprint). */
export const printedRecipients = (tx: Tx, campaignId: string) =>
  tx
    .selectFrom('campaign_recipients')
    .select(['id', 'person_id', 'basis', 'consent_id'])
    .where('campaign_id', '=', campaignId)
    .where('status', '=', 'printed')
    .execute();

export const setTokenHashes = async (tx: Tx, rows: { id: string; tokenHash: string }[]) => {
  if (rows.length === 0) return;
  const values = sql.join(rows.map((r) => sql`(${r.id}::uuid, ${r.tokenHash}::text)`));
  await sql`update campaign_recipients r set token_hash = v.token_hash
      from (values ${values}) as v(id, token_hash) where r.id = v.id`.execute(tx);
};

/** The person's recipient row in a campaign (latest run). */
export const recipientOfPerson = (tx: Tx, campaignId: string, personId: string) =>
  tx
    .selectFrom('campaign_recipients')
    .select(['id', 'status'])
    .where('campaign_id', '=', campaignId)
    .where('person_id', '=', personId)
    .where('status', 'in', ['sent', 'printed', 'bounced', 'failed'])
    .orderBy('created_at', 'desc')
    .executeTakeFirst();

export const orderOfPerson = (tx: Tx, orderId: string, personId: string) =>
  tx
    .selectFrom('orders')
    .select('id')
    .where('id', '=', orderId)
    .where('person_id', '=', personId)
    .executeTakeFirst();

// ---- responses and the report -----------------------------------------------------------------

export const insertResponse = async (
  tx: Tx,
  values: {
    id: string;
    tenant_id: string;
    campaign_id: string;
    recipient_id: string | null;
    person_id: string;
    kind: 'clicked' | 'replied' | 'ordered' | 'unsubscribed';
    occurred_at: Date;
    order_id: string | null;
    recorded_by: string | null;
  },
) => {
  const rows = await tx
    .insertInto('campaign_responses')
    .values(values)
    .onConflict((oc) =>
      oc
        .columns(['tenant_id', 'recipient_id', 'kind'])
        .where('recipient_id', 'is not', null)
        .where('kind', 'in', ['clicked', 'unsubscribed'])
        .doNothing(),
    )
    .returning('id')
    .execute();
  return rows.length > 0;
};

/** Counts per customer group (persons → organisation → group; null: none) of one campaign. */
export const reportRows = (tx: Tx, campaignId: string) =>
  sql<{
    customer_group_id: string | null;
    name: string | null;
    recipients: string;
    responded: string;
    clicked: string;
    replied: string;
    ordered: string;
  }>`
    with reached as (
      select distinct r.person_id from campaign_recipients r
       where r.campaign_id = ${campaignId} and r.status in ('sent', 'printed')
    ), resp as (
      select person_id,
             bool_or(kind = 'clicked') as clicked,
             bool_or(kind = 'replied') as replied,
             bool_or(kind = 'ordered') as ordered
        from campaign_responses where campaign_id = ${campaignId} group by person_id
    )
    select o.customer_group_id, g.name,
           count(*) as recipients,
           count(*) filter (where resp.clicked or resp.replied or resp.ordered) as responded,
           count(*) filter (where resp.clicked) as clicked,
           count(*) filter (where resp.replied) as replied,
           count(*) filter (where resp.ordered) as ordered
      from reached
      join persons p on p.id = reached.person_id
      left join organizations o on o.id = p.organization_id
      left join customer_groups g on g.id = o.customer_group_id
      left join resp on resp.person_id = reached.person_id
     group by o.customer_group_id, g.name`.execute(tx);

export const responseTotals = (tx: Tx, campaignId: string) =>
  tx
    .selectFrom('campaign_responses')
    .select(['kind', (eb) => eb.fn.count<string>('person_id').distinct().as('n')])
    .where('campaign_id', '=', campaignId)
    .groupBy('kind')
    .execute();

/**
 * The department visibility of a campaign's creator: a campaign reaches only the persons its creator
 * may see (logical data separation), also when the scheduler sends it later.
 */
export const creatorVisibility = async (tx: Tx, userId: string | null): Promise<Visibility> => {
  if (!userId) return { allDepartments: true, departmentIds: [] };
  const user = await tx.selectFrom('users').select('role').where('id', '=', userId).executeTakeFirst();
  const departments = await tx
    .selectFrom('user_departments')
    .select('department_id')
    .where('user_id', '=', userId)
    .execute();
  return visibilityOf({
    role: (user?.role ?? 'readonly') as Role,
    departmentIds: departments.map((d) => d.department_id),
  });
};
