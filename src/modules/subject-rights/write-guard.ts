import type { Tx } from '../../db/tenant.ts';
import type { AppContext } from '../../server/context.ts';

/**
 * The one check before any write of a person's data (UI, API, import): refuses with `person_restricted`
 * (Art. 18), `field_locked` (the person refused this kind of data), `marketing_objection` (Art. 21:
 * the marketing purpose is excluded) and `subject_suppressed` (an erased person's e-mail or phone).
 * `personId` is null when the person is being created; `fields` are the API field names written.
 * Owner: subject-rights (restriction, locks, objection); suppression via erasure/suppressions.service.
 */
export const guardPersonWrite = async (
  _tx: Tx,
  _ctx: AppContext,
  _input: {
    tenantId: string;
    personId: string | null;
    fields: string[];
    email?: string | null;
    phone?: string | null;
    purposes?: string[];
  },
): Promise<void> => {
  // TODO(subject-rights helper): implement
};
