import type { Tx } from '../../db/tenant.ts';
import { AppError } from '../../domain/errors.ts';
import { firstLockedWrite, isDirectMarketingPurpose } from '../../domain/requests/field-locks.ts';
import type { AppContext } from '../../server/context.ts';
import { assertNotSuppressed } from '../erasure/suppressions.service.ts';
import * as repo from './subject-rights.repository.ts';

/**
 * The one check before any write of a person's data (UI, API, import): refuses with `person_restricted`
 * (Art. 18), `field_locked` (the person refused this kind of data), `marketing_objection` (Art. 21:
 * the marketing purpose is excluded) and `subject_suppressed` (an erased person's e-mail or phone).
 * `personId` is null when the person is being created; `fields` are the API field names written.
 * Owner: subject-rights (restriction, locks, objection); suppression via erasure/suppressions.service.
 */
export const guardPersonWrite = async (
  tx: Tx,
  ctx: AppContext,
  input: {
    tenantId: string;
    personId: string | null;
    fields: string[];
    email?: string | null;
    phone?: string | null;
    purposes?: string[];
  },
): Promise<void> => {
  if (input.personId) {
    const facts = await repo.findGuardFacts(tx, input.personId);
    if (facts) {
      if (facts.restricted_at) throw new AppError('person_restricted');
      const locked = firstLockedWrite(input.fields, facts.locked_fields ?? []);
      if (locked) throw new AppError('field_locked', { params: { field: locked.field } });
      if (facts.marketing_objection_at && input.purposes?.some(isDirectMarketingPurpose))
        throw new AppError('marketing_objection');
    }
  }
  // only values written now are checked: an existing person keeps their own address
  if (input.email || input.phone)
    await assertNotSuppressed(tx, ctx, { tenantId: input.tenantId, email: input.email, phone: input.phone });
};

/**
 * Art. 18: no new processing of a restricted person (interactions, cases, deals, quotes, orders,
 * tasks, tags); the data is only stored. A missing person passes (the caller reports not_found).
 */
export const assertNotRestricted = async (tx: Tx, personId: string | null | undefined): Promise<void> => {
  if (!personId) return;
  if (await repo.isRestricted(tx, personId)) throw new AppError('person_restricted');
};
