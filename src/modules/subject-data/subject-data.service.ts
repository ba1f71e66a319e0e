import type { Tx } from '../../db/tenant.ts';
import type { AppContext } from '../../server/context.ts';
import type { SubjectExport } from './subject-data.types.ts';

/** Compiles everything about a person (access) or what they provided (portability). Owner: subject-data. */
export const compileSubjectData = async (
  _tx: Tx,
  _ctx: AppContext,
  _input: { tenantId: string; personId: string; scope: 'access' | 'portability'; locale: 'de' | 'en' },
): Promise<SubjectExport> => {
  throw new Error('compileSubjectData: not implemented yet');
};
