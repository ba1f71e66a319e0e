import { type Selectable, sql } from 'kysely';
import type { ConsentChannel, ConsentsTable, ConsentWordingsTable } from '../../db/schema-marketing.ts';
import type { Tx } from '../../db/tenant.ts';

export type WordingRow = Selectable<ConsentWordingsTable>;
export type ConsentRow = Selectable<ConsentsTable>;
export type ConsentWithWordingRow = ConsentRow & {
  w_version: number;
  w_language: 'de' | 'en';
  w_text: string;
  w_text_sha256: string;
  w_advertiser: string;
  w_product_scope: string | null;
};

export const findWording = (tx: Tx, id: string) =>
  tx.selectFrom('consent_wordings').selectAll().where('id', '=', id).executeTakeFirst();

export const currentWording = (
  tx: Tx,
  input: { purposeId: string; channel: ConsentChannel; language: 'de' | 'en' },
) =>
  tx
    .selectFrom('consent_wordings')
    .selectAll()
    .where('purpose_id', '=', input.purposeId)
    .where('channel', '=', input.channel)
    .where('language', '=', input.language)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();

export const listWordings = (
  tx: Tx,
  filter: { purposeId?: string; channel?: ConsentChannel; language?: 'de' | 'en' },
) => {
  let q = tx.selectFrom('consent_wordings').selectAll();
  if (filter.purposeId) q = q.where('purpose_id', '=', filter.purposeId);
  if (filter.channel) q = q.where('channel', '=', filter.channel);
  if (filter.language) q = q.where('language', '=', filter.language);
  return q.orderBy('purpose_id').orderBy('channel').orderBy('language').orderBy('version', 'desc').execute();
};

export const nextWordingVersion = async (
  tx: Tx,
  input: { purposeId: string; channel: ConsentChannel; language: 'de' | 'en' },
) =>
  Number(
    (
      await tx
        .selectFrom('consent_wordings')
        .select(sql<number>`coalesce(max(version), 0)::int`.as('v'))
        .where('purpose_id', '=', input.purposeId)
        .where('channel', '=', input.channel)
        .where('language', '=', input.language)
        .executeTakeFirst()
    )?.v ?? 0,
  ) + 1;

export const insertWording = (tx: Tx, values: Omit<WordingRow, 'created_at'> & { created_at: Date }) =>
  tx.insertInto('consent_wordings').values(values).execute();

export const findPurpose = (tx: Tx, id: string) =>
  tx
    .selectFrom('purposes')
    .select(['id', 'label_de', 'label_en', 'legal_bases'])
    .where('id', '=', id)
    .executeTakeFirst();

export const findPersonForConsent = (tx: Tx, id: string) =>
  tx
    .selectFrom('persons')
    .select(['id', 'purposes', 'version', 'email', 'phone'])
    .where('id', '=', id)
    .executeTakeFirst();

export const addPersonPurpose = (tx: Tx, id: string, purposes: string[]) =>
  tx
    .updateTable('persons')
    .set({ purposes, version: sql`version + 1`, updated_at: sql`now()` } as never)
    .where('id', '=', id)
    .execute();

const withWording = (tx: Tx) =>
  tx
    .selectFrom('consents as c')
    .innerJoin('consent_wordings as w', (j) =>
      j.onRef('w.id', '=', 'c.wording_id').onRef('w.tenant_id', '=', 'c.tenant_id'),
    )
    .selectAll('c')
    .select([
      'w.version as w_version',
      'w.language as w_language',
      'w.text as w_text',
      'w.text_sha256 as w_text_sha256',
      'w.advertiser as w_advertiser',
      'w.product_scope as w_product_scope',
    ]);

export const findConsent = (tx: Tx, id: string): Promise<ConsentWithWordingRow | undefined> =>
  withWording(tx).where('c.id', '=', id).executeTakeFirst() as Promise<ConsentWithWordingRow | undefined>;

export const listConsents = (tx: Tx, personId: string): Promise<ConsentWithWordingRow[]> =>
  withWording(tx)
    .where('c.person_id', '=', personId)
    .orderBy('c.given_at', 'desc')
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id', 'desc')
    .execute() as Promise<ConsentWithWordingRow[]>;

/** The valid consent (not withdrawn, not superseded) of a person for a purpose and channel, locked. */
export const findValidConsent = (
  tx: Tx,
  input: { personId: string; purposeId: string; channel: ConsentChannel },
) =>
  tx
    .selectFrom('consents')
    .select(['id'])
    .where('person_id', '=', input.personId)
    .where('purpose_id', '=', input.purposeId)
    .where('channel', '=', input.channel)
    .where('withdrawn_at', 'is', null)
    .where('superseded_at', 'is', null)
    .forUpdate()
    .execute();

export const insertConsent = (tx: Tx, values: Record<string, unknown>) =>
  tx
    .insertInto('consents')
    .values(values as never)
    .execute();

export const markSuperseded = (tx: Tx, ids: string[], at: Date, byId: string) =>
  tx
    .updateTable('consents')
    .set({ superseded_at: at, superseded_by_id: byId })
    .where('id', 'in', ids)
    .where('superseded_at', 'is', null)
    .execute();

export const markWithdrawn = (
  tx: Tx,
  id: string,
  values: { at: Date; method: ConsentRow['withdrawal_method']; note: string | null },
) =>
  tx
    .updateTable('consents')
    .set({ withdrawn_at: values.at, withdrawal_method: values.method, withdrawal_note: values.note })
    .where('id', '=', id)
    .where('withdrawn_at', 'is', null)
    .where('superseded_at', 'is', null)
    .returning('id')
    .executeTakeFirst();

export const markUsed = (tx: Tx, ids: string[], at: Date) =>
  tx.updateTable('consents').set({ last_used_at: at }).where('id', 'in', ids).execute();
