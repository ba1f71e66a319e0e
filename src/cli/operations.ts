import { ConfigError } from '../config.ts';
import { migrate } from '../db/migrate.ts';
import { asSystem, inTenant } from '../db/tenant.ts';
import { AppError } from '../domain/errors.ts';
import { ROLES, type Role } from '../domain/permissions/roles.ts';
import { verifyAudit } from '../modules/audit/audit.service.ts';
import {
  DatabaseInUseError,
  RestoreIncompleteError,
  restoreBackup,
  writeBackup,
} from '../modules/backup/backup.service.ts';
import { runDueCampaigns } from '../modules/campaigns/campaigns.scheduler.ts';
import { consistencyCommand } from '../modules/consistency/consistency.cli.ts';
import { importPersonsCommand } from '../modules/import/imports.cli.ts';
import { InvoiceImportRequest } from '../modules/invoices/invoice-import.schemas.ts';
import { type ImportReport, runImport } from '../modules/invoices/invoice-import.service.ts';
import { rotateMasterKey } from '../modules/keys/rotation.service.ts';
import { retentionPreviewCommand, retentionSweepCommand } from '../modules/retention/sweeps.cli.ts';
import { checkOperation } from '../modules/self-check/self-check.cli.ts';
import { Email, Password } from '../modules/setup/setup.schemas.ts';
import { initInstallation } from '../modules/setup/setup.service.ts';
import { createTokenForEmail, revokeTokenByIdOrPrefix } from '../modules/tokens/tokens.service.ts';
import { createUser, listUsers, updateUser } from '../modules/users/users.service.ts';
import type { AppContext } from '../server/context.ts';
import { MasterKeyError, readKeyFile } from '../server/master-key.ts';
import { runViaSocket } from './control-socket.ts';

/** A broken audit chain: not bad input but a finding; the CLI prints it and exits 1. */
export class AuditChainBroken extends Error {}

/** A restore asked of (or while) a running server: refused, the operator stops the server first. */
export class ServerRunningError extends Error {}

/** The stable code printed for errors that are findings or set-up problems rather than bad input. */
export const codeOfError = (error: unknown): string =>
  error instanceof AuditChainBroken
    ? 'audit_chain_broken'
    : error instanceof MasterKeyError
      ? 'master_key_invalid'
      : error instanceof ServerRunningError || error instanceof DatabaseInUseError
        ? 'server_running'
        : error instanceof RestoreIncompleteError
          ? 'restore_incomplete'
          : error instanceof ConfigError
            ? 'config_invalid'
            : 'internal_error';

/**
 * The operator commands, each a function of the installation context that returns what to print.
 * The CLI runs them in-process, or hands them to a running server over its control socket
 * (PGlite admits one process), so both paths run the same code.
 */
/** `exitCode`: a finding rather than an error (e.g. `custos check` with violations): print stdout, then exit with it. */
export type OperationResult = { stdout: string; exitCode?: number };
type Args = Record<string, string | undefined>;

const parse = <T>(
  schema: {
    safeParse: (
      v: unknown,
    ) => { success: true; data: T } | { success: false; error: { issues: { message: string }[] } };
  },
  value: unknown,
  field: string,
): T => {
  const r = schema.safeParse(value);
  if (!r.success)
    throw new AppError('validation_failed', {
      details: [{ path: field, message: r.error.issues[0]?.message }],
    });
  return r.data;
};

const onlyTenant = async (ctx: AppContext) => {
  const tenant = await asSystem(ctx.db.kysely, (tx) =>
    tx.selectFrom('tenants').select('id').orderBy('created_at').executeTakeFirst(),
  );
  if (!tenant) throw new AppError('not_initialized');
  return tenant.id;
};

const userIdByEmail = async (ctx: AppContext, email: string) => {
  const user = await asSystem(ctx.db.kysely, (tx) =>
    tx
      .selectFrom('users')
      .select(['id', 'tenant_id'])
      .where('email', '=', email.toLowerCase())
      .executeTakeFirst(),
  );
  if (!user) throw new AppError('not_found', { params: { entity: 'user' } });
  return user;
};

export const OPERATIONS: Record<string, (ctx: AppContext, args: Args) => Promise<OperationResult>> = {
  init: async (ctx, args) => {
    const adminEmail = parse(Email, args.adminEmail, 'admin-email');
    const adminPassword = parse(Password, args.adminPassword, 'admin-password');
    await initInstallation(ctx, {
      organizationName: args.organization ?? 'Custos',
      adminName: args.adminName ?? 'Administrator',
      adminEmail,
      adminPassword,
    });
    return { stdout: `Custos is set up. Administrator: ${adminEmail}\n` };
  },
  'token.create': async (ctx, args) => {
    const email = parse(Email, args.email, 'email');
    const name = args.name?.trim();
    if (!name) throw new AppError('validation_failed', { details: [{ path: 'name', message: 'required' }] });
    const { token } = await createTokenForEmail(ctx, { email, name });
    return { stdout: `${token}\n` };
  },
  'token.revoke': async (ctx, args) => {
    await revokeTokenByIdOrPrefix(ctx, args.token ?? '');
    return { stdout: 'Token revoked.\n' };
  },
  'user.add': async (ctx, args) => {
    const role = args.role as Role;
    if (!ROLES.includes(role)) {
      throw new AppError('validation_failed', {
        details: [{ path: 'role', message: `one of ${ROLES.join(', ')}` }],
      });
    }
    const user = await createUser(ctx, {
      tenantId: await onlyTenant(ctx),
      input: {
        email: parse(Email, args.email, 'email'),
        displayName: args.name?.trim() || (args.email ?? ''),
        password: parse(Password, args.password, 'password'),
        role,
        departmentIds: [],
      },
    });
    return { stdout: `${user.id}\n` };
  },
  'user.list': async (ctx) => {
    const users = await listUsers(ctx, { tenantId: await onlyTenant(ctx) });
    const lines = users.map((u) =>
      [
        u.email,
        u.role,
        u.disabled ? 'disabled' : 'active',
        u.totpEnabled ? '2fa' : 'no-2fa',
        u.departments.map((d) => d.name).join(','),
      ].join('\t'),
    );
    return { stdout: `${['email\trole\tstatus\t2fa\tdepartments', ...lines].join('\n')}\n` };
  },
  'user.disable': async (ctx, args) => {
    const user = await userIdByEmail(ctx, parse(Email, args.email, 'email'));
    await updateUser(ctx, { tenantId: user.tenant_id, id: user.id, patch: { disabled: true } });
    return { stdout: 'User disabled; their sessions are ended.\n' };
  },
  'audit.verify': async (ctx) => {
    const result = await verifyAudit(ctx);
    if (!result.ok && result.broken) {
      throw new AuditChainBroken(
        `Audit chain broken at entry ${result.broken.seq} of tenant ${result.broken.tenantId} (${result.broken.reason}); ${result.verified} entries before it verified.`,
      );
    }
    return { stdout: `Audit chain intact: ${result.verified} entries verified.\n` };
  },
  'keys.rotate': async (ctx, args) => {
    const newKey = args.newKeyFile ? readKeyFile(args.newKeyFile) : undefined;
    const result = await rotateMasterKey(ctx, { newKey });
    const tail = result.keyFile
      ? 'The key file master.key now holds the new key.\n'
      : 'Now restart every instance with CUSTOS_MASTER_KEY set to the new key (and without CUSTOS_MASTER_KEY_NEXT).\n';
    const left =
      result.remaining > 0
        ? `${result.remaining} keys are still under an older key (an instance of an older version?): run the rotation again.\n`
        : '';
    return {
      stdout:
        `Master key rotated to id ${result.keyId}; ${result.rewrapped} data keys re-wrapped, ` +
        `${result.tenantSecrets} tenant keys and TOTP secrets re-sealed, ${result.stragglers} stragglers re-wrapped, ${result.remaining} left.\n${left}${tail}`,
    };
  },
  /** `custos import --file`: persons from CSV, xlsx or vCard; the file is read where the operation runs. */
  'persons.import': importPersonsCommand,
  /** The consistency report of a file against the persons (`custos consistency`); nothing stored. */
  consistency: consistencyCommand,
  /**
   * Invoices from an ERP's CSV export (text and mapping read by the CLI from files, so the command works
   * the same through the control socket). The operator imports for the whole tenant; all or nothing.
   */
  'invoices.import': async (ctx, args) => {
    let mapping: unknown;
    try {
      mapping = JSON.parse(args.mapping ?? '');
    } catch {
      throw new AppError('validation_failed', { details: [{ path: 'map', message: 'not a JSON object' }] });
    }
    const input = parse(
      InvoiceImportRequest,
      {
        fileName: args.fileName,
        csv: args.csv,
        mapping,
        options: {
          delimiter: args.delimiter ?? ';',
          decimal: args.decimal ?? ',',
          dateFormat: args.dateFormat ?? 'DD.MM.YYYY',
          defaultCurrency: args.currency ?? 'EUR',
          paymentTermDays: Number(args.paymentTermDays ?? 14),
        },
        dryRun: args.dryRun === 'true',
      },
      'import',
    );
    const tenantId = await onlyTenant(ctx);
    let report: ImportReport;
    try {
      report = await inTenant(ctx.db.kysely, tenantId, (tx) =>
        runImport(
          tx,
          ctx,
          {
            tenantId,
            visibility: { allDepartments: true, departmentIds: [] },
            createdBy: null,
            auditActor: null,
          },
          input,
        ),
      );
    } catch (error) {
      if (error instanceof AppError && error.code === 'import_failed') {
        const { errors } = error.details as ImportReport;
        throw new AppError('import_failed', {
          params: error.params,
          details: errors.map(
            (e) => `row ${e.row}${e.column ? ` (${e.column})` : ''}: ${e.code}: ${e.message}`,
          ),
        });
      }
      throw error;
    }
    const skipped = report.skipped
      ? ` (${report.skipped} blank ${report.skipped === 1 ? 'row' : 'rows'} skipped)`
      : '';
    return {
      stdout: report.dryRun
        ? `Dry run: ${report.invoices} invoices with ${report.lines} lines from ${report.rows} rows${skipped} would be imported. Nothing was written.\n`
        : `Imported ${report.invoices} invoices with ${report.lines} lines from ${report.rows} rows${skipped}. Import batch ${report.batchId}.\n`,
    };
  },
  /** The server writes the file when it runs the command (over the socket): the CLI sends an absolute path. */
  backup: async (ctx, args) => {
    if (!args.out)
      throw new AppError('validation_failed', { details: [{ path: 'out', message: 'required' }] });
    const r = await writeBackup(ctx, { out: args.out });
    return {
      stdout: `Backup written to ${r.file} (${r.bytes} bytes, migration ${r.migration}, ${r.createdAt}).\n`,
    };
  },
  /**
   * Never inside a running server: it would swap the database under live sessions and caches. With
   * the embedded database a server answering on the data folder's socket (this very process, when the
   * command came over the socket) means: stop it first. With PostgreSQL the service refuses while
   * other sessions are connected.
   */
  restore: async (ctx, args) => {
    if (!args.in) throw new AppError('validation_failed', { details: [{ path: 'in', message: 'required' }] });
    if (ctx.db.kind === 'pglite' && (await runViaSocket(ctx.config.dataDir, 'ping', {})) !== null) {
      throw new ServerRunningError(
        `A Custos server is running on ${ctx.config.dataDir}. Stop it (Ctrl+C or SIGTERM), then run the restore again; nothing was changed.`,
      );
    }
    const r = await restoreBackup(ctx, { in: args.in });
    const migrated = r.migrationsApplied.length
      ? ` Applied migrations since the backup: ${r.migrationsApplied.join(', ')}.`
      : '';
    return {
      stdout:
        `Restored the backup of ${r.createdAt} (migration ${r.migration}).${migrated}\n` +
        `Re-applied ${r.reapplied} ${r.reapplied === 1 ? 'erasure' : 'erasures'} from the erasure journal (${r.entries} ${r.entries === 1 ? 'entry' : 'entries'}).\n` +
        (r.rolledBack === 0
          ? ''
          : `Skipped ${r.rolledBack} journal ${r.rolledBack === 1 ? 'entry' : 'entries'} of erasures that were rolled back.\n`) +
        (r.unresolved.length === 0
          ? ''
          : `Not re-applied: ${r.unresolved.length} journal ${r.unresolved.length === 1 ? 'entry has' : 'entries have'} no outcome and no database records the erasure; check whether it happened (erasure request, DPO) and erase by hand if so:\n` +
            r.unresolved
              .map((u) => `  entry ${u.id}: tenant ${u.tenantId}, person ${u.personId}, ${u.erasedAt}\n`)
              .join('')),
    };
  },
  /** Sends the campaigns that are due now (what the server's scheduler does every minute). */
  'campaigns.run-due': async (ctx) => {
    const ran = await runDueCampaigns(ctx);
    const lines = ran.map((r) => `campaign ${r.campaignId} (${r.runKey}): ${r.recipients} recipients\n`);
    return { stdout: ran.length ? lines.join('') : 'No campaign is due.\n' };
  },
  /** The self-check of every tenant (`custos check`): exit code 1 when any tenant has a violation. */
  check: (ctx, args) =>
    checkOperation(ctx, { json: args.json === 'true', locale: args.locale === 'de' ? 'de' : 'en' }),
  /** What the retention sweep would delete today, per data type (counts; --json adds the records by id). */
  'retention.preview': (ctx, args) => retentionPreviewCommand(ctx, args),
  /** Runs (or resumes) the retention sweep now; 409 retention_sweep_running while one runs. */
  'retention.sweep': (ctx) => retentionSweepCommand(ctx),
  migrate: async (ctx) => {
    const applied = await migrate({ db: ctx.db });
    return {
      stdout: applied.length
        ? `Applied migrations: ${applied.join(', ')}\n`
        : 'The database is up to date.\n',
    };
  },
};
