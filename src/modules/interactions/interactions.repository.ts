import type { Tx } from '../../db/tenant.ts';

export const listInteractions = (tx: Tx, personId: string) =>
  tx
    .selectFrom('interactions as i')
    .leftJoin('users as u', 'u.id', 'i.employee_id')
    .selectAll('i')
    .select('u.display_name as employee_name')
    .where('i.person_id', '=', personId)
    .orderBy('i.occurred_at', 'desc')
    .orderBy('i.id')
    .limit(500)
    .execute();
export type InteractionRow = Awaited<ReturnType<typeof listInteractions>>[number];

export const insertInteraction = (
  tx: Tx,
  values: {
    id: string;
    tenant_id: string;
    person_id: string;
    organization_id: string | null;
    kind: string;
    direction: string | null;
    occurred_at: Date;
    subject: string;
    body: string | null;
    employee_id: string;
  },
) => tx.insertInto('interactions').values(values).execute();

export const findInteraction = (tx: Tx, id: string) =>
  tx
    .selectFrom('interactions as i')
    .leftJoin('users as u', 'u.id', 'i.employee_id')
    .selectAll('i')
    .select('u.display_name as employee_name')
    .where('i.id', '=', id)
    .executeTakeFirstOrThrow();
