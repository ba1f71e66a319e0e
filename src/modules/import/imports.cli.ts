/**
 * `custos import --file F …` (operation `persons.import`): the same steps as the wizard — upload,
 * mapping and facts, check, commit — in the server that holds the data (control socket) or in-process.
 * The CLI sends an absolute path; the file is read where the operation runs (same machine and user as
 * the data folder). A dry run, or a batch that could not be committed, does not stay staged in the
 * CLI: the staged rows are discarded at once (the report is printed). Exit code 1 when the batch has
 * errors and nothing was imported.
 */
import fs from 'node:fs';
import path from 'node:path';
import { asSystem } from '../../db/tenant.ts';
import { AppError } from '../../domain/errors.ts';
import type { Role } from '../../domain/permissions/roles.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { messageFor } from '../../server/messages.ts';
import { checkImport, commitImport } from './imports.commit.ts';
import { ImportCommit, ImportSettings } from './imports.schemas.ts';
import { discardImport, setImportSettings, uploadImport } from './imports.service.ts';

type Args = Record<string, string | undefined>;

const invalid = (field: string, message: string) =>
  new AppError('validation_failed', { details: [{ path: field, message }] });

/** The acting user: `--as EMAIL`, else the first administrator of the (only) tenant. */
const actorFor = async (ctx: AppContext, email: string | undefined): Promise<Actor> => {
  const user = await asSystem(ctx.db.kysely, (tx) => {
    let q = tx
      .selectFrom('users')
      .select(['id', 'tenant_id', 'role'])
      .where('disabled_at', 'is', null)
      .orderBy('created_at');
    q = email ? q.where('email', '=', email.trim().toLowerCase()) : q.where('role', '=', 'admin');
    return q.executeTakeFirst();
  });
  if (!user) throw new AppError(email ? 'unknown_user' : 'not_initialized');
  return {
    tenantId: user.tenant_id,
    userId: user.id,
    role: user.role as Role,
    departmentIds: [],
    via: 'token',
  };
};

const parseJson = (text: string | undefined, field: string): unknown => {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw invalid(field, 'not valid JSON');
  }
};

type Report = Awaited<ReturnType<typeof checkImport>>;

const summaryText = (report: Report, committed: boolean) => {
  const c = report.counts;
  const head = committed
    ? `Imported ${c.created} persons from ${report.import.fileName} (batch ${report.import.id}).`
    : `Dry run of ${report.import.fileName}: nothing was written.`;
  const lines = [
    head,
    `rows ${c.total}: valid ${c.valid}, invalid ${c.invalid}, duplicate ${c.duplicate}, suppressed ${c.suppressed}, field-locked ${c.fieldLocked}, sensitive notes ${c.sensitive}`,
  ];
  if (report.droppedColumns.length > 0)
    lines.push(
      `dropped (no declared purpose needs them): ${report.droppedColumns.map((d) => d.column).join(', ')}`,
    );
  for (const r of report.rows.slice(0, 50))
    lines.push(
      `row ${r.rowNumber}: ${r.status}${r.reasons.length ? ` (${r.reasons.join(', ')})` : ''}${r.duplicateOf ? ` duplicate of person ${r.duplicateOf.personId}` : ''}${r.duplicateOfRow ? ` duplicate of row ${r.duplicateOfRow}` : ''}`,
    );
  if (report.rows.length > 50 || report.rowsTruncated)
    lines.push('… (all rows: --json, or the report in the web UI)');
  return `${lines.join('\n')}\n`;
};

export const importPersonsCommand = async (ctx: AppContext, args: Args) => {
  const json = args.json === 'true';
  try {
    return await runImportCommand(ctx, args);
  } catch (error) {
    if (!json || !(error instanceof AppError)) throw error;
    const body = {
      error: {
        code: error.code,
        message: messageFor(error.code, 'en', error.params),
        details: error.details,
      },
    };
    return { stdout: `${JSON.stringify(body, null, 2)}\n`, exitCode: 1 };
  }
};

const runImportCommand = async (ctx: AppContext, args: Args) => {
  const json = args.json === 'true';
  const file = args.file;
  if (!file || !path.isAbsolute(file)) throw invalid('file', 'an absolute path is required');
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch (error) {
    throw invalid('file', `cannot read the file (${(error as NodeJS.ErrnoException).code})`);
  }
  const actor = await actorFor(ctx, args.as);
  const commit = ImportCommit.safeParse({
    excludeInvalidRows: args.excludeInvalid === 'true',
    duplicates: args.duplicates ?? 'skip',
  });
  if (!commit.success) throw invalid('duplicates', 'skip or create');
  const batch = await uploadImport(ctx, actor, {
    fileName: path.basename(file),
    size,
    source: fs.createReadStream(file),
  });
  let committed = false;
  try {
    const mapping =
      (parseJson(args.mapping, 'map') as Record<string, string> | undefined) ??
      batch.suggestedMapping.mapping;
    const settings = ImportSettings.safeParse({
      mapping,
      personKind: args.personKind ?? 'prospect',
      legalBasis: args.legalBasis,
      purposes: parseJson(args.purposes, 'purpose'),
      source: { kind: args.sourceKind ?? 'import', detail: args.sourceDetail },
    });
    if (!settings.success)
      throw invalid(
        String(settings.error.issues[0]?.path.join('.')),
        settings.error.issues[0]?.message ?? 'invalid',
      );
    await setImportSettings(ctx, actor, batch.id, settings.data);
    const check = await checkImport(ctx, actor, batch.id);
    const blocked = check.counts.invalid > 0 && !commit.data.excludeInvalidRows;
    if (args.dryRun === 'true' || blocked) {
      const out = json ? `${JSON.stringify(check, null, 2)}\n` : summaryText(check, false);
      const note =
        blocked && args.dryRun !== 'true'
          ? 'The batch has invalid rows: nothing was imported (use --exclude-invalid to leave them out).\n'
          : '';
      return { stdout: out + (json ? '' : note), exitCode: check.counts.invalid > 0 ? 1 : 0 };
    }
    const report = await commitImport(ctx, actor, batch.id, commit.data);
    committed = true;
    return { stdout: json ? `${JSON.stringify(report, null, 2)}\n` : summaryText(report, true) };
  } finally {
    // a CLI batch that was not committed is not kept: its staged rows and key are destroyed now
    if (!committed) await discardImport(ctx, actor, batch.id).catch(() => undefined);
  }
};
