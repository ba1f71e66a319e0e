import { sql } from 'kysely';
import type { Tx } from '../../db/tenant.ts';
import { departmentScope, type Visibility } from '../../db/visibility.ts';

/** All SQL of the consistency report. Row-level security (tenant) is already in force on `tx`. */

/** The compared columns of the visible persons, a batch at a time in id order. */
export const personBatch = (
  tx: Tx,
  input: { visibility: Visibility; afterId: string | null; limit: number },
) => {
  let q = tx
    .selectFrom('persons as p')
    .where(departmentScope(input.visibility, 'p'))
    .select([
      'p.id',
      'p.first_name',
      'p.last_name',
      'p.job_title',
      'p.email',
      'p.phone',
      'p.street',
      'p.postal_code',
      'p.city',
      'p.country',
    ])
    .select(sql<string | null>`p.birth_date::text`.as('birth_date'))
    .orderBy('p.id')
    .limit(input.limit);
  if (input.afterId) q = q.where('p.id', '>', input.afterId);
  return q.execute();
};
