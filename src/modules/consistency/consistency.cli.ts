/**
 * `custos consistency --file F [--map MAP.json] [--as EMAIL] [--json]` (operation `consistency`):
 * the consistency report of the web UI for an operator, in the server that holds the data (control
 * socket) or in-process. The CLI sends an absolute path; the file is read where the operation runs.
 * Nothing is stored; the report goes to stdout only.
 */
import fs from 'node:fs';
import path from 'node:path';
import { asSystem } from '../../db/tenant.ts';
import { AppError } from '../../domain/errors.ts';
import type { Role } from '../../domain/permissions/roles.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { compareFile } from './consistency.service.ts';

type Args = Record<string, string | undefined>;

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

export const consistencyCommand = async (ctx: AppContext, args: Args) => {
  const file = args.file;
  if (!file || !path.isAbsolute(file))
    throw new AppError('validation_failed', {
      details: [{ path: 'file', message: 'an absolute path is required' }],
    });
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    throw new AppError('import_file_unreadable', { details: { reason: 'not_found' } });
  }
  const actor = await actorFor(ctx, args.as);
  const report = await compareFile(ctx, actor, {
    fileName: path.basename(file),
    size,
    source: fs.createReadStream(file),
    mapping: args.mapping,
    format: 'json',
  });
  if (args.json === 'true') return { stdout: `${JSON.stringify(report, null, 2)}\n` };
  const s = report.summary;
  const rate = (r: number | null) => (r === null ? '–' : `${r}%`);
  const lines = [
    `${report.fileName}: ${s.fileRows} rows, ${s.custosPersons} persons in Custos`,
    `matched ${s.matched} (id ${s.matchedById}, e-mail ${s.matchedByEmail}, engine ${s.matchedByScore}), only in Custos ${s.onlyInCustos}, only in the file ${s.onlyInFile}`,
    `agreement ${rate(s.agreementRate)}; pairs with disagreements ${s.pairsWithDisagreements}`,
    ...report.fields.map(
      (f) =>
        `  ${f.field}: ${rate(f.agreementRate)} (${f.agree}/${f.compared}, empty in file ${f.missingInFile}, in Custos ${f.missingInCustos})`,
    ),
    'mapping: ' +
      Object.entries(report.mapping)
        .map(([c, t]) => `${c} → ${t}`)
        .join(', '),
    '(the disagreements with their values: --json)',
  ];
  return { stdout: `${lines.join('\n')}\n` };
};
