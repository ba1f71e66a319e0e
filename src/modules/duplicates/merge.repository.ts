import { sql } from 'kysely';
import type { Tx } from '../../db/tenant.ts';

/** SQL of the merge of two persons. Row-level security (tenant) is in force on `tx`. */

/** The facts a merge is refused on: restriction, open requests, active person-level legal holds. */
export const mergeFacts = async (tx: Tx, personId: string, today: string) => {
  const [requests, holds] = await Promise.all([
    tx
      .selectFrom('dsr_requests')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('person_id', '=', personId)
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow(),
    tx
      .selectFrom('legal_holds')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('object_type', '=', 'person')
      .where('object_id', '=', personId)
      .where('released_at', 'is', null)
      .where((eb) => eb.or([eb('until', 'is', null), eb('until', '>=', today)]))
      .executeTakeFirstOrThrow(),
  ]);
  return { openRequests: requests.n, activeHolds: holds.n };
};

export const tagIdsOf = async (tx: Tx, personId: string) =>
  (await tx.selectFrom('person_tags').select('tag_id').where('person_id', '=', personId).execute()).map(
    (r) => r.tag_id,
  );

export const addTags = async (tx: Tx, tenantId: string, personId: string, tagIds: string[]) => {
  if (tagIds.length === 0) return;
  await tx
    .insertInto('person_tags')
    .values(tagIds.map((tag_id) => ({ tenant_id: tenantId, person_id: personId, tag_id })))
    .onConflict((oc) => oc.doNothing())
    .execute();
};

const n = (r: { numUpdatedRows?: bigint }) => Number(r.numUpdatedRows ?? 0n);

/** Tables whose rows move to the survivor as they are (no sealed columns under the person's key). */
export const PLAIN_TABLES = [
  'deals',
  'quotes',
  'orders',
  'invoices',
  'cases',
  'tasks',
  'outbound_mails',
  'consent_signups',
  'campaign_responses',
  'redaction_findings',
  'person_import_rows',
] as const;

export const movePlain = async (tx: Tx, from: string, to: string) => {
  const moved: Record<string, number> = {};
  for (const table of PLAIN_TABLES)
    moved[table] = n(
      await tx
        .updateTable(table as 'deals')
        .set({ person_id: to } as never)
        .where('person_id', '=', from)
        .executeTakeFirst(),
    );
  return moved;
};

/**
 * Campaign recipients: where both persons were recipients of the same run, the survivor's row stays
 * and the merged person's responses point to it; the other rows move.
 */
export const moveCampaignRecipients = async (tx: Tx, from: string, to: string) => {
  await sql`update campaign_responses r set recipient_id = s.id
    from campaign_recipients m join campaign_recipients s
      on s.campaign_id = m.campaign_id and s.run_key = m.run_key and s.person_id = ${to}
    where m.person_id = ${from} and r.recipient_id = m.id`.execute(tx);
  await sql`delete from campaign_recipients m using campaign_recipients s
    where m.person_id = ${from} and s.person_id = ${to}
      and s.campaign_id = m.campaign_id and s.run_key = m.run_key`.execute(tx);
  return n(
    await tx
      .updateTable('campaign_recipients')
      .set({ person_id: to })
      .where('person_id', '=', from)
      .executeTakeFirst(),
  );
};

/** Released person-level legal holds (active ones refuse the merge) and portal logins follow the person. */
export const moveReferences = async (tx: Tx, from: string, to: string) => {
  await tx
    .updateTable('legal_holds')
    .set({ object_id: to })
    .where('object_type', '=', 'person')
    .where('object_id', '=', from)
    .execute();
  for (const table of ['portal_login_tokens', 'portal_sessions'] as const)
    await sql`update ${sql.table(table)} set person_ids = array(select distinct unnest(array_replace(person_ids, ${from}::uuid, ${to}::uuid)))
      where ${from}::uuid = any(person_ids)`.execute(tx);
  // an import row that found the merged person as a duplicate now names the survivor
  await tx
    .updateTable('person_import_rows')
    .set({ duplicate_of: to })
    .where('duplicate_of', '=', from)
    .execute();
  // earlier merges into the merged person now point at the survivor
  await tx.updateTable('person_merges').set({ survivor_id: to }).where('survivor_id', '=', from).execute();
};

// ---- rows with values sealed under the person's data key -------------------------------------

export const sealedInteractions = (tx: Tx, personId: string) =>
  tx.selectFrom('interactions').select(['id', 'body']).where('person_id', '=', personId).execute();

export const moveInteraction = (tx: Tx, id: string, to: string, body: string | null) =>
  tx.updateTable('interactions').set({ person_id: to, body }).where('id', '=', id).execute();

/** Messages of the person's cases (read before the cases move). */
export const caseMessagesOf = (tx: Tx, personId: string) =>
  tx
    .selectFrom('case_messages as m')
    .innerJoin('cases as c', 'c.id', 'm.case_id')
    .select(['m.id', 'm.body'])
    .where('c.person_id', '=', personId)
    .execute();

export const setCaseMessageBody = (tx: Tx, id: string, body: string) =>
  tx.updateTable('case_messages').set({ body }).where('id', '=', id).execute();

export const consentsOf = (tx: Tx, personId: string) =>
  tx.selectFrom('consents').select(['id', 'proof']).where('person_id', '=', personId).execute();

/** Consents may change their person only in a merge (migration 0018): the flag holds for this transaction. */
export const allowConsentMove = (tx: Tx) => sql`select set_config('custos.merge', 'on', true)`.execute(tx);

export const moveConsent = (tx: Tx, id: string, to: string, proof: string) =>
  tx.updateTable('consents').set({ person_id: to, proof }).where('id', '=', id).execute();

export const webFormSubmissionsOf = (tx: Tx, personId: string) =>
  tx
    .selectFrom('web_form_submissions')
    .select(['id', 'values_enc'])
    .where('person_id', '=', personId)
    .execute();

export const moveWebFormSubmission = (tx: Tx, id: string, to: string, valuesEnc: string) =>
  tx
    .updateTable('web_form_submissions')
    .set({ person_id: to, values_enc: valuesEnc })
    .where('id', '=', id)
    .execute();

/** The merged person's photo moves only when the survivor has none (one photo per person). */
export const photoToMove = async (tx: Tx, from: string, to: string) => {
  const [mine, theirs] = await Promise.all([
    tx.selectFrom('person_photos').select('image_enc').where('person_id', '=', from).executeTakeFirst(),
    tx.selectFrom('person_photos').select('person_id').where('person_id', '=', to).executeTakeFirst(),
  ]);
  return mine && !theirs ? mine.image_enc : null;
};

export const movePhoto = (tx: Tx, from: string, to: string, imageEnc: Buffer) =>
  tx
    .updateTable('person_photos')
    .set({ person_id: to, image_enc: imageEnc })
    .where('person_id', '=', from)
    .execute();

export const disclosuresOf = (tx: Tx, personId: string) =>
  tx.selectFrom('disclosures').select(['id', 'note']).where('person_id', '=', personId).execute();

export const moveDisclosure = (tx: Tx, id: string, to: string, note: string | null) =>
  tx.updateTable('disclosures').set({ person_id: to, note }).where('id', '=', id).execute();

export const fieldLocksOf = (tx: Tx, personId: string) =>
  tx.selectFrom('field_locks').selectAll().where('person_id', '=', personId).execute();

export const insertFieldLock = (tx: Tx, row: Awaited<ReturnType<typeof fieldLocksOf>>[number]) =>
  tx
    .insertInto('field_locks')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .execute();

// ---- the merge record, the suggestions and the merged person ------------------------------------

export const insertMerge = (
  tx: Tx,
  row: {
    id: string;
    tenant_id: string;
    survivor_id: string;
    merged_person_id: string;
    field_choices: string;
    provenance: string;
    snapshot_enc: string | null;
    merged_by: string | null;
    merged_at: Date;
  },
) => tx.insertInto('person_merges').values(row).execute();

/** The merged pair is kept as decided ('merged'); other suggestions naming the merged person go. */
export const settleSuggestions = async (
  tx: Tx,
  input: { tenantId: string; survivorId: string; mergedId: string; by: string | null; at: Date },
) => {
  const [a, b] =
    input.survivorId < input.mergedId
      ? [input.survivorId, input.mergedId]
      : [input.mergedId, input.survivorId];
  await tx
    .deleteFrom('duplicate_suggestions')
    .where((eb) => eb.or([eb('person_a', '=', input.mergedId), eb('person_b', '=', input.mergedId)]))
    .where((eb) => eb.not(eb.and([eb('person_a', '=', a), eb('person_b', '=', b)])))
    .execute();
  await tx
    .insertInto('duplicate_suggestions')
    .values({
      tenant_id: input.tenantId,
      person_a: a,
      person_b: b,
      score: 0,
      explanation: '[]',
      status: 'merged',
      found_at: input.at,
      decided_by: input.by,
      decided_at: input.at,
    })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'person_a', 'person_b']).doUpdateSet({
        status: 'merged',
        decided_by: input.by,
        decided_at: input.at,
      }),
    )
    .execute();
};

export const deletePerson = (tx: Tx, personId: string, version: number) =>
  tx
    .deleteFrom('persons')
    .where('id', '=', personId)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();

export const mergesOf = (tx: Tx, survivorId: string) =>
  tx
    .selectFrom('person_merges')
    .selectAll()
    .where('survivor_id', '=', survivorId)
    .orderBy('merged_at')
    .execute();
