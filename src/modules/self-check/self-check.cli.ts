import { exitCodeOf, summaryLine } from '../../domain/self-check/report.ts';
import type { AppContext } from '../../server/context.ts';
import { checkAllTenants } from './self-check.service.ts';

/**
 * `custos check`: the self-check of every tenant for an operator's monitoring. The summary has one
 * line per check (status, id, count, label), never a record reference or personal data; `--json`
 * gives the reports as the API does (with record ids). Exit code 1 when any tenant has a violation.
 */
export const checkOperation = async (
  ctx: AppContext,
  input: { json: boolean; locale: 'de' | 'en' },
): Promise<{ stdout: string; exitCode: number }> => {
  const reports = await checkAllTenants(ctx);
  const exitCode = exitCodeOf(reports);
  if (input.json)
    return { stdout: `${JSON.stringify({ ok: exitCode === 0, tenants: reports }, null, 2)}\n`, exitCode };
  const de = input.locale === 'de';
  const blocks = reports.map((report) => {
    const violations = report.findings.filter((f) => f.severity === 'violation' && f.count > 0).length;
    const verdict = report.ok
      ? de
        ? 'keine Verstöße'
        : 'no violations'
      : de
        ? `${violations} ${violations === 1 ? 'Prüfung' : 'Prüfungen'} mit Verstößen`
        : `${violations} ${violations === 1 ? 'check' : 'checks'} with violations`;
    const head = `${de ? 'Selbstprüfung' : 'Self-check'} ${report.tenant.name} (${report.tenant.id}) ${report.checkedAt}: ${verdict}`;
    return [head, ...report.findings.map((f) => summaryLine(f, input.locale))].join('\n');
  });
  return { stdout: `${blocks.join('\n\n')}\n`, exitCode };
};
