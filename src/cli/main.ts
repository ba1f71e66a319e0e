import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Command } from 'commander';
import { isInitialized } from '../modules/setup/setup.service.ts';
import { buildApp } from '../server/app.ts';
import { openContext } from '../server/bootstrap.ts';
import { registerFileCommands } from './commands/files.ts';
import { startControlSocket } from './control-socket.ts';
import { codeOfError } from './operations.ts';
import { configOrFail, fail, locale, run } from './runner.ts';

const start = async () => {
  const config = configOrFail();
  let ctx: Awaited<ReturnType<typeof openContext>>;
  try {
    ctx = await openContext(config);
  } catch (error) {
    // A wrong or corrupt master key, a locked data folder, an unreachable database: say so, start nothing.
    return fail(codeOfError(error), (error as Error).message);
  }
  if (config.benchBaseline) {
    process.stderr.write(
      '\nWARNING: CUSTOS_BENCH_BASELINE=1 - audit trail and encryption are OFF. For benchmarks only, never for real data.\n\n',
    );
  }
  const app = await buildApp({ ctx });
  const stopSocket = config.databaseUrl ? async () => {} : await startControlSocket(ctx);
  const url = `http://localhost:${config.port}`;
  if (!(await isInitialized(ctx))) {
    ctx.setupCode = randomBytes(6).toString('hex');
    process.stdout.write(
      `\nCustos is not set up yet. Either open ${url} and enter the set-up code ${ctx.setupCode},\n` +
        'or run: npx custos init --admin-email you@example.com --admin-password "a long password"\n\n',
    );
  }
  await app.listen({ port: config.port, host: config.host });
  process.stdout.write(
    `Custos is running at ${url} (${ctx.db.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL'})\n`,
  );
  const shutdown = async () => {
    await app.close();
    await stopSocket();
    await ctx.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
};

const program = new Command()
  .name('custos')
  // a command's options end at its sub-command: `import --map` (persons) vs `import invoices --map`
  .enablePositionalOptions()
  .description('Custos: a CRM with GDPR compliance in the data model.')
  .addHelpText(
    'after',
    '\nExamples:\n  npx custos init --admin-email admin@example.de --admin-password "correct horse battery"\n' +
      '  npx custos start\n' +
      '\nEnvironment: PORT, CUSTOS_DATA_DIR, DATABASE_URL, CUSTOS_MASTER_KEY (see README).',
  );

program
  .command('start')
  .description('Start the server (API and web UI); applies migrations first')
  .addHelpText('after', '\nExample:\n  PORT=8080 npx custos start')
  .action(start);

program
  .command('init')
  .description('Set up an empty installation: one tenant and one administrator')
  .requiredOption('--admin-email <email>', 'e-mail address of the administrator')
  .requiredOption('--admin-password <password>', 'password, at least 12 characters')
  .option('--admin-name <name>', 'display name of the administrator', 'Administrator')
  .option('--organization <name>', 'name of your company', 'Custos')
  .addHelpText(
    'after',
    '\nExample:\n  npx custos init --admin-email admin@example.de --admin-password "correct horse battery"',
  )
  .action((o) =>
    run('init', {
      adminEmail: o.adminEmail,
      adminPassword: o.adminPassword,
      adminName: o.adminName,
      organization: o.organization,
    }),
  );

program
  .command('audit')
  .description('Audit trail')
  .addHelpText('after', '\nExample:\n  npx custos audit verify')
  .addHelpText('after', '\nExample:\n  npx custos audit verify')
  .command('verify')
  .description('Verify the hash chain of the audit trail; exit 1 naming the first broken entry')
  .addHelpText('after', '\nExample:\n  npx custos audit verify')
  .action(() => run('audit.verify', {}));

program
  .command('keys')
  .description('Master key')
  .addHelpText('after', '\nExample:\n  npx custos keys rotate')
  .addHelpText('after', '\nExample:\n  npx custos keys rotate')
  .command('rotate')
  .description('Re-wrap every data key with a new master key; resumable, the server keeps running')
  .option(
    '--new-key-file <file>',
    'new key (base64, 32 bytes) when CUSTOS_MASTER_KEY is used and CUSTOS_MASTER_KEY_NEXT is not set',
  )
  .addHelpText(
    'after',
    '\nExamples:\n  npx custos keys rotate\n  CUSTOS_MASTER_KEY_NEXT=<new key, given to every instance first> npx custos keys rotate\n  openssl rand -base64 32 > new.key && npx custos keys rotate --new-key-file new.key',
  )
  .action((o) => run('keys.rotate', { newKeyFile: o.newKeyFile }));

program
  .command('campaigns')
  .description('Marketing campaigns')
  .addHelpText('after', '\nExample:\n  npx custos campaigns run-due')
  .command('run-due')
  .description(
    'Send the campaigns that are due now (the server does this every minute unless CUSTOS_SCHEDULER=0)',
  )
  .addHelpText('after', '\nExample:\n  npx custos campaigns run-due')
  .action(() => run('campaigns.run-due', {}));

program
  .command('check')
  .description(
    'Self-check of the live data (Art. 5(2) GDPR) for every tenant: one line per check, no personal data; exit 1 on any violation',
  )
  .option('--json', 'the full reports as JSON, with the ids of the records found')
  .addHelpText(
    'after',
    '\nExamples:\n  npx custos check\n  npx custos check --json > self-check.json\n' +
      '\nExit code 0: no violations (warnings may be listed); 1: violations, or the check could not run.',
  )
  .action((o) => run('check', { json: o.json ? 'true' : 'false', locale }));

const retention = program
  .command('retention')
  .description('Retention sweep after the deletion concept (the server runs it daily after 02:00 Berlin)')
  .addHelpText('after', '\nExamples:\n  npx custos retention preview\n  npx custos retention sweep');
retention
  .command('preview')
  .description('Show what the retention sweep would delete today and why, per data type')
  .option('--json', 'print JSON with the due records by type and id')
  .addHelpText('after', '\nExamples:\n  npx custos retention preview\n  npx custos retention preview --json')
  .action((o) => run('retention.preview', { json: o.json ? 'true' : undefined }));
retention
  .command('sweep')
  .description('Run the retention sweep now and print the deletions per data type (exit 1 while one runs)')
  .addHelpText('after', '\nExample:\n  npx custos retention sweep')
  .action(() => run('retention.sweep', {}));

program
  .command('migrate')
  .description('Apply pending database migrations (start does this too)')
  .addHelpText('after', '\nExample:\n  DATABASE_URL=postgres://custos@db/custos npx custos migrate')
  .action(() => run('migrate', {}));

program
  .command('backup')
  .description('Write a complete plain-SQL dump of the database (as pg_dump does, for PGlite too)')
  .requiredOption('--out <file>', 'the backup file to write (mode 0600, replaced atomically)')
  .addHelpText(
    'after',
    '\nExamples:\n  npx custos backup --out /backups/custos-$(date +%F).sql\n' +
      '  DATABASE_URL=postgres://custos@db/custos npx custos backup --out custos.sql\n' +
      '\nWith the embedded database this works while the server runs (the server writes the file).\n' +
      'The file holds personal data and wrapped keys: store it encrypted. Keep the master key and the\n' +
      'erasure journal (CUSTOS_ERASURE_JOURNAL) apart from it.',
  )
  .action((o) => run('backup', { out: path.resolve(o.out) }));

program
  .command('restore')
  .description(
    'Replace the database with a backup, apply newer migrations, then re-apply every erasure of the erasure journal',
  )
  .requiredOption('--in <file>', 'a file written by custos backup')
  .addHelpText(
    'after',
    '\nExamples:\n  npx custos restore --in /backups/custos-2026-05-04.sql\n' +
      '  CUSTOS_DATA_DIR=/srv/custos-new CUSTOS_MASTER_KEY=… npx custos restore --in custos.sql\n' +
      '\nStop the server first. The master key must be the one of the backed-up installation. A damaged\n' +
      'file or a wrong key changes nothing.',
  )
  .action((o) => run('restore', { in: path.resolve(o.in) }));

const user = program
  .command('user')
  .description('Manage users')
  .addHelpText('after', '\nExample:\n  npx custos user list');
user
  .command('add')
  .description('Add a user')
  .requiredOption('--email <email>', 'e-mail address')
  .requiredOption('--password <password>', 'password, at least 12 characters')
  .requiredOption('--role <role>', 'admin, dpo, sales, marketing, support, accounting or readonly')
  .option('--name <name>', 'display name')
  .addHelpText(
    'after',
    '\nExample:\n  npx custos user add --email anna@example.de --role sales --password "…"',
  )
  .action((o) => run('user.add', { email: o.email, password: o.password, role: o.role, name: o.name }));
user
  .command('list')
  .description('List users (tab-separated)')
  .addHelpText('after', '\nExample:\n  npx custos user list')
  .action(() => run('user.list', {}));
user
  .command('disable')
  .description('Disable a user and end their sessions')
  .requiredOption('--email <email>', 'e-mail address')
  .addHelpText('after', '\nExample:\n  npx custos user disable --email anna@example.de')
  .action((o) => run('user.disable', { email: o.email }));

const token = program
  .command('token')
  .description('Manage API tokens')
  .addHelpText('after', '\nExample:\n  npx custos token create --email admin@example.de --name erp-sync');
token
  .command('create')
  .description("Create an API token with the user's rights; prints only the token")
  .requiredOption('--email <email>', 'the user the token acts for')
  .requiredOption('--name <name>', 'what the token is for')
  .addHelpText(
    'after',
    '\nExample:\n  TOKEN=$(npx custos token create --email admin@example.de --name erp-sync)',
  )
  .action((o) => run('token.create', { email: o.email, name: o.name }));
token
  .command('revoke')
  .description('Revoke a token by id or by its first characters')
  .argument('<token>', 'token id or prefix (cst_…)')
  .addHelpText('after', '\nExample:\n  npx custos token revoke cst_AbCdEf')
  .action((t) => run('token.revoke', { token: t }));

registerFileCommands(program);

await program.parseAsync(process.argv);
