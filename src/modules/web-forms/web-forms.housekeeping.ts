import { asSystem } from '../../db/tenant.ts';
import { receivedDay } from '../../domain/web-forms/metadata.ts';
import type { AppContext } from '../../server/context.ts';

/**
 * Submissions nobody accepted go when their form's retention is over (purge_on, set at arrival from
 * the form's retention days), with their own data key and any open sensitive-data finding. Accepted
 * ones belong to their person and go with the person. Runs with the signups' housekeeping across
 * tenants as the owner role; returns how many went.
 */
export const purgeWebFormSubmissions = async (ctx: AppContext, options: { now?: Date } = {}) => {
  const today = receivedDay(options.now ?? ctx.now());
  return asSystem(ctx.db.kysely, async (tx) => {
    const gone = await tx
      .deleteFrom('web_form_submissions')
      .where('status', '<>', 'accepted')
      .where('purge_on', '<=', today)
      .returning('id')
      .execute();
    const ids = gone.map((g) => g.id);
    if (ids.length > 0) {
      await tx.deleteFrom('subject_keys').where('subject_id', 'in', ids).execute();
      await tx
        .deleteFrom('redaction_findings')
        .where('source_kind', '=', 'form_submission')
        .where('source_id', 'in', ids)
        .execute();
    }
    return ids.length;
  });
};
