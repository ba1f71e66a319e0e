/**
 * The outcome of every row: paged for the wizard, and the downloadable error report as CSV (row,
 * status, reasons, duplicate of). Every cell goes through `escapeCsvCell`, so a spreadsheet never runs
 * anything from it. The outcomes hold no values of the file, only codes and ids.
 */
import { stringify } from 'csv-stringify/sync';
import { inTenant } from '../../db/tenant.ts';
import { escapeCsvCell } from '../../domain/import/formula.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { toRowOutcome } from './imports.mapper.ts';
import * as repo from './imports.repository.ts';
import { assertCan, findOrFail } from './imports.service.ts';

export const importRows = (
  ctx: AppContext,
  actor: Actor,
  id: string,
  query: { status?: string; page: number; pageSize: number },
) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertCan(actor, 'imports.read');
    await findOrFail(tx, id);
    const { items, total } = await repo.listRowOutcomes(tx, id, query);
    return { items: items.map(toRowOutcome), total };
  });

export const REPORT_HEADER = [
  'row',
  'status',
  'reasons',
  'duplicate_of_person',
  'duplicate_of_row',
  'score',
  'sensitive_notes',
  'person_id',
];

export const importReportCsv = (ctx: AppContext, actor: Actor, id: string) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertCan(actor, 'imports.read');
    const batch = await findOrFail(tx, id);
    const rows = await repo.allRowOutcomes(tx, id);
    const lines = rows
      .filter((r) => r.status !== null)
      .map((r) =>
        [
          String(r.row_number),
          r.status ?? '',
          r.reasons.join(' '),
          r.duplicate_of ?? '',
          r.duplicate_row === null ? '' : String(r.duplicate_row),
          r.score === null ? '' : r.score.toFixed(2),
          r.sensitive ? 'yes' : '',
          r.person_id ?? '',
        ].map(escapeCsvCell),
      );
    const csv = `\uFEFF${stringify([REPORT_HEADER.map(escapeCsvCell), ...lines], { delimiter: ';' })}`;
    const base = batch.file_name
      .replace(/\.[^.]*$/, '')
      .replace(/[^\p{L}\p{N}._-]+/gu, '_')
      .slice(0, 80);
    return { fileName: `import-report-${base || 'batch'}.csv`, csv };
  });
