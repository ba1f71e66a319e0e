import { asSystem, inTenant } from '../../db/tenant.ts';
import type { AppContext } from '../../server/context.ts';
import { previewWithin, startSweep } from './sweeps.service.ts';

/**
 * `custos retention preview [--json]` and `custos retention sweep`, for every tenant of the
 * installation. Output names data types and counts; the JSON preview adds the due records by type
 * and id (never their content).
 */

const tenantIds = async (ctx: AppContext) =>
  (
    await asSystem(ctx.db.kysely, (tx) =>
      tx.selectFrom('tenants').select('id').orderBy('created_at').execute(),
    )
  ).map((t) => t.id);

const periodText = (r: { years: number; months: number; days: number; roundToYearEnd: boolean }) => {
  const parts = [
    r.years ? `${r.years} ${r.years === 1 ? 'year' : 'years'}` : '',
    r.months ? `${r.months} ${r.months === 1 ? 'month' : 'months'}` : '',
    r.days ? `${r.days} ${r.days === 1 ? 'day' : 'days'}` : '',
  ].filter(Boolean);
  return `${parts.join(' ') || 'immediately'}${r.roundToYearEnd ? ' from year end' : ''}`;
};

const table = (rows: string[][]) => `${rows.map((r) => r.join('\t')).join('\n')}\n`;

export const retentionPreviewCommand = async (ctx: AppContext, args: { json?: string }) => {
  const tenants = await tenantIds(ctx);
  const previews = [];
  for (const tenantId of tenants)
    previews.push({
      tenantId,
      ...(await inTenant(ctx.db.kysely, tenantId, (tx) =>
        previewWithin(tx, ctx, { tenantId, asOf: ctx.now(), limit: args.json === 'true' ? 100 : 0 }),
      )),
    });
  if (args.json === 'true') return { stdout: `${JSON.stringify(previews, null, 2)}\n` };
  const out = previews.map((p) => {
    const head = `${tenants.length > 1 ? `tenant ${p.tenantId}: ` : ''}retention preview of ${p.today} (${p.jurisdiction})\n`;
    const rows = p.dataTypes.map((d) => [
      d.dataTypeId,
      d.target,
      periodText(d.rule),
      `cutoff ${d.cutoff}`,
      `due ${d.due}`,
      `held ${d.held}`,
    ]);
    return head + (rows.length ? table(rows) : 'No active deletion rule.\n');
  });
  return { stdout: out.join('\n') };
};

export const retentionSweepCommand = async (ctx: AppContext) => {
  const tenants = await tenantIds(ctx);
  const out: string[] = [];
  for (const tenantId of tenants) {
    const report = await startSweep(ctx, { tenantId, trigger: 'cli', startedBy: null });
    const head = `${tenants.length > 1 ? `tenant ${tenantId}: ` : ''}retention sweep ${report.id} of ${report.today} (${report.jurisdiction}): ${report.total} deleted\n`;
    const rows = report.counts.map((c) => [c.dataTypeId, `deleted ${c.deleted}`, `held ${c.held}`]);
    out.push(head + (rows.length ? table(rows) : ''));
  }
  return { stdout: out.join('\n') };
};
