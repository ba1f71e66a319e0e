import type { Tx } from '../../db/tenant.ts';
import { AppError } from '../../domain/errors.ts';
import { purposesAfterObjection } from '../../domain/requests/field-locks.ts';
import type { AppContext } from '../../server/context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import * as repo from './subject-rights.repository.ts';

const WAYS = {
  one_click: 'the one-click link of a marketing mail (RFC 8058)',
  preference_page: 'the preference page',
  portal: 'the privacy portal',
} as const;

/**
 * Art. 21(2)/(3): the person objects to direct marketing themselves (one-click link of a mail sent
 * on legitimate interest, the preference page, the privacy portal). Same effect as the staff
 * `recordObjection`: marketing_objection_at set, direct-marketing purposes removed, audit entry with
 * no staff actor and a note naming the way (`via`). Idempotent: a second objection changes nothing.
 * No write guard: an objection must work for a restricted person too (it only ends processing).
 * Like the staff objection it records no suppression hash: the person stays in the CRM, excluded from
 * every marketing use by `marketing_objection_at`. Owner: signups (public withdrawal).
 */
export const recordObjectionBySubject = async (
  tx: Tx,
  ctx: AppContext,
  input: { tenantId: string; personId: string; via: 'one_click' | 'preference_page' | 'portal' },
): Promise<void> => {
  const current = await tx
    .selectFrom('persons')
    .select(['id', 'purposes', 'marketing_objection_at'])
    .where('id', '=', input.personId)
    .executeTakeFirst();
  if (!current) throw new AppError('not_found', { params: { entity: 'person' } });
  if (current.marketing_objection_at) return;
  const at = ctx.now();
  const after = purposesAfterObjection(current.purposes);
  await repo.setObjection(tx, input.personId, at, after.purposes);
  await recordAudit(tx, ctx, input.tenantId, {
    actor: null,
    action: 'update',
    subject: { type: 'person', id: input.personId },
    fields: after.removed.length > 0 ? ['marketingObjection', 'purposes'] : ['marketingObjection'],
    values: {
      old: { marketingObjectionAt: null, purposes: current.purposes },
      new: { marketingObjectionAt: at.toISOString(), purposes: after.purposes },
    },
    note:
      `objection to direct marketing (Art. 21 GDPR) by the person through ${WAYS[input.via]}` +
      (after.onlyMarketing ? '; marketing was the only purpose: consider erasure (Art. 17(1)(c))' : ''),
  });
};
