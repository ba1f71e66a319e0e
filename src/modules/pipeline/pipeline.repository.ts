import { sql } from 'kysely';
import type { Tx } from '../../db/tenant.ts';

export const listStages = (tx: Tx) =>
  tx
    .selectFrom('pipeline_stages as s')
    .selectAll('s')
    .select(
      sql<number>`(select count(*)::int from deals d where d.stage_id = s.id and d.closed_at is null)`.as(
        'open_deals',
      ),
    )
    .orderBy('s.position')
    .orderBy('s.created_at')
    .execute();
export type StageRow = Awaited<ReturnType<typeof listStages>>[number];

export const findStage = (tx: Tx, id: string) =>
  tx.selectFrom('pipeline_stages').selectAll().where('id', '=', id).executeTakeFirst();

/** Locks the tenant's stages for a configuration change, so two admins cannot break the rules together. */
export const lockStages = (tx: Tx) => tx.selectFrom('pipeline_stages').select('id').forUpdate().execute();

export const insertStage = (
  tx: Tx,
  values: {
    tenant_id: string;
    name_de: string;
    name_en: string;
    position: number;
    probability: number;
    outcome: string;
  },
) => tx.insertInto('pipeline_stages').values(values).returning('id').executeTakeFirstOrThrow();

export const updateStage = (tx: Tx, id: string, values: Record<string, unknown>) =>
  tx
    .updateTable('pipeline_stages')
    .set(values as never)
    .where('id', '=', id)
    .execute();

export const setPositions = async (tx: Tx, positions: { id: string; position: number }[]) => {
  if (positions.length === 0) return;
  await sql`update pipeline_stages s set position = v.position
    from (values ${sql.join(positions.map((p) => sql`(${p.id}::uuid, ${p.position}::int)`))}) as v(id, position)
    where s.id = v.id and s.position <> v.position`.execute(tx);
};
