import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canSeeRecord, ROLES } from '../domain/permissions/roles.ts';
import { type Database, openDatabase } from './database.ts';
import { departmentScope, visibilityOf } from './visibility.ts';

const SALES = '00000000-0000-4000-8000-000000000001';
const SERVICE = '00000000-0000-4000-8000-000000000002';
const BILLING = '00000000-0000-4000-8000-000000000003';

const DEPARTMENT_SETS: string[][] = [[], [SALES], [SERVICE], [SALES, SERVICE], [BILLING], [SALES, BILLING]];

/** The SQL condition of logical data separation must say exactly what the domain rule says. */
describe('departmentScope (SQL) agrees with canSeeRecord (domain)', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase({ dataDir: 'memory://' });
  });
  afterAll(() => db.close());

  const visibleInSql = async (role: (typeof ROLES)[number], user: string[], record: string[]) => {
    const scope = departmentScope(visibilityOf({ role, departmentIds: user }), 'r');
    const { rows } = await sql<{ visible: boolean }>`
      select ${scope} as visible from (select ${sql.val(record)}::uuid[] as department_ids) as r`.execute(
      db.kysely,
    );
    return rows[0]?.visible;
  };

  it.each(ROLES)('%s: every user × record department combination', async (role) => {
    for (const userDepartments of DEPARTMENT_SETS) {
      for (const recordDepartments of DEPARTMENT_SETS) {
        const expected = canSeeRecord({ role, userDepartments, recordDepartments });
        expect(
          await visibleInSql(role, userDepartments, recordDepartments),
          `${role} in [${userDepartments}] on record [${recordDepartments}]`,
        ).toBe(expected);
      }
    }
  });
});
