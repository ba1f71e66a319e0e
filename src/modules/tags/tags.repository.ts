import type { Tx } from '../../db/tenant.ts';

export const listTags = (tx: Tx) =>
  tx.selectFrom('tags').select(['id', 'name', 'color']).orderBy('name').execute();

export const findTagByName = (tx: Tx, name: string) =>
  tx
    .selectFrom('tags')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .executeTakeFirst();

export const insertTag = (tx: Tx, values: { tenant_id: string; name: string; color: string }) =>
  tx.insertInto('tags').values(values).returning(['id', 'name', 'color']).executeTakeFirstOrThrow();
