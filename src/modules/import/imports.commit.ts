/**
 * The dry run and the commit of a staged batch. The commit re-runs the check inside its own
 * transaction (or reuses the dry run's stored outcomes when nothing the check reads changed since,
 * see `checkState`) and writes everything or nothing: invalid rows refuse the batch (409 import_has_errors)
 * unless the caller explicitly leaves them out; suppressed and field-locked rows are never imported;
 * duplicates are skipped unless asked for. Persons are written in chunks (see imports.persons.ts),
 * then the staged values and the batch key are destroyed.
 */

import type { ImportCounts } from '../../db/schema-imports.ts';
import { inTenant, type Tx } from '../../db/tenant.ts';
import { AppError } from '../../domain/errors.ts';
import type { ImportTarget } from '../../domain/import/mapping.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import {
  type BatchEvaluation,
  checkState,
  countRows,
  effectiveMapping,
  evaluateImport,
  type RowEvaluation,
  reuseEvaluation,
} from './imports.check.ts';
import { toRowOutcome } from './imports.mapper.ts';
import { createImportedPersons } from './imports.persons.ts';
import * as repo from './imports.repository.ts';
import type { ImportCommitInput } from './imports.schemas.ts';
import {
  assertCan,
  assertMappingWritable,
  assertStaged,
  findOrFail,
  presentImport,
} from './imports.service.ts';

const REPORT_ROWS = 1000;

const outcomeOf = (r: RowEvaluation, personId: string | null = null): repo.RowOutcomeValues => ({
  row_number: r.rowNumber,
  status: r.status,
  reasons: r.reasons,
  duplicate_of: r.duplicateOf,
  duplicate_row: r.duplicateRow,
  score: r.score,
  sensitive: r.sensitive,
  person_id: personId,
});

const prepare = async (tx: Tx, actor: Actor, id: string) => {
  assertCan(actor, 'imports.run');
  await repo.lockImport(tx, id);
  const batch = await findOrFail(tx, id);
  assertStaged(batch);
  if (!batch.mapping || !batch.legal_basis || !batch.purposes?.length)
    throw new AppError('import_mapping_missing');
  // the mapping may have been set by another user: the one who runs the check writes the fields
  assertMappingWritable(actor, effectiveMapping(batch));
  return batch;
};

const report = async (
  tx: Tx,
  ctx: AppContext,
  id: string,
  input: { dryRun: boolean; counts: ImportCounts },
) => {
  const batch = await findOrFail(tx, id);
  const { items, total } = await repo.listRowOutcomes(tx, id, {
    notIn: ['valid', 'created'],
    page: 1,
    pageSize: REPORT_ROWS,
  });
  return {
    import: await presentImport(tx, ctx, batch, false),
    dryRun: input.dryRun,
    counts: input.counts,
    droppedColumns: batch.dropped_columns as { column: string; target: ImportTarget }[],
    rows: items.map(toRowOutcome),
    rowsTruncated: total > items.length,
  };
};

/** The dry run: every row checked, the outcomes and counts stored on the batch; no person is written. */
export const checkImport = (ctx: AppContext, actor: Actor, id: string) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    const batch = await prepare(tx, actor, id);
    const state = await checkState(tx, ctx);
    const evaluation = await evaluateImport(tx, ctx, batch);
    await repo.setRowOutcomes(
      tx,
      id,
      evaluation.rows.map((r) => outcomeOf(r)),
    );
    await repo.setCounts(tx, id, evaluation.counts, ctx.now(), state);
    return report(tx, ctx, id, { dryRun: true, counts: evaluation.counts });
  });

/** Which rows become persons under the commit's options. */
export const rowsToCreate = (evaluation: BatchEvaluation, options: ImportCommitInput) =>
  evaluation.rows.filter(
    (r) => r.status === 'valid' || (r.status === 'duplicate' && options.duplicates === 'create'),
  );

export const commitImport = (
  ctx: AppContext,
  actor: Actor,
  id: string,
  options: ImportCommitInput,
  hooks: { onProgress?: (done: number, total: number) => void } = {},
) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    const batch = await prepare(tx, actor, id);
    // the dry run's outcomes stand while nothing the check reads changed; otherwise the full check again
    const fresh = batch.checked_state !== null && batch.checked_state === (await checkState(tx, ctx));
    const evaluation = fresh ? await reuseEvaluation(tx, ctx, batch) : await evaluateImport(tx, ctx, batch);
    const invalid = evaluation.counts.invalid + evaluation.fileErrors.length;
    if (evaluation.fileErrors.length > 0 || (invalid > 0 && !options.excludeInvalidRows))
      throw new AppError('import_has_errors', {
        params: { count: invalid },
        details: { counts: evaluation.counts, fileErrors: evaluation.fileErrors },
      });
    const create = rowsToCreate(evaluation, options);
    const created = await createImportedPersons(tx, ctx, actor, {
      batch,
      rows: create,
      onProgress: hooks.onProgress,
    });
    const outcomes = evaluation.rows.map((r) => {
      const personId = created.get(r.rowNumber) ?? null;
      if (personId) return outcomeOf({ ...r, status: 'created' }, personId);
      return outcomeOf(r.status === 'valid' ? { ...r, status: 'skipped' } : r);
    });
    await repo.setRowOutcomes(tx, id, outcomes, { destroyData: true });
    const counts = {
      ...countRows(evaluation.rows),
      created: created.size,
      skipped: evaluation.rows.length - created.size,
    };
    await repo.destroyStagedData(tx, id);
    await repo.updateImport(tx, id, {
      status: 'committed',
      committed_at: ctx.now(),
      committed_by: actor.userId,
      counts: JSON.stringify(counts),
      checked_at: ctx.now(),
    });
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'create',
      fields: ['person_imports'],
      note: `person import ${id} committed: ${created.size} persons created, ${counts.skipped} rows left out; staged rows destroyed`,
    });
    return report(tx, ctx, id, { dryRun: false, counts });
  });
