import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import cliProgress from 'cli-progress';
import { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { DEFAULT_IMPORT_OPTIONS, type ImportOptions, parseErpCsv } from '../domain/billing/erp-csv.ts';
import { AppError } from '../domain/errors.ts';
import { runMatch } from '../modules/matching/match.cli.ts';
import { isInitialized } from '../modules/setup/setup.service.ts';
import { buildApp } from '../server/app.ts';
import { openContext } from '../server/bootstrap.ts';
import { localeFrom, messageFor } from '../server/messages.ts';
import { runViaSocket, startControlSocket } from './control-socket.ts';
import { codeOfError, OPERATIONS } from './operations.ts';

const locale = localeFrom(process.env.LC_ALL || process.env.LANG?.replace('_', '-'));

const fail = (code: string, message: string): never => {
  process.stderr.write(`custos: ${message} [${code}]\n`);
  process.exit(1);
};

/** Runs an operator command: in a running server if one holds the embedded database, else in-process. */
const run = async (op: string, args: Record<string, string | undefined>): Promise<void> => {
  const config = loadConfig();
  if (!config.databaseUrl) {
    const remote = await runViaSocket(config.dataDir, op, args);
    if (remote) {
      if (remote.status === 200 && 'stdout' in remote.body) {
        process.stdout.write(remote.body.stdout);
        if (remote.body.exitCode) process.exitCode = remote.body.exitCode;
        return;
      }
      const body = remote.body as { code: string; message: string };
      return fail(body.code, body.message);
    }
  }
  let ctx: Awaited<ReturnType<typeof openContext>> | undefined;
  try {
    // restore replaces the whole database (then migrates and checks the key itself): whatever is there now,
    // even a database of another master key, is not opened as an installation first.
    ctx = await openContext(config, { applyMigrations: op !== 'migrate' && op !== 'restore' });
    const result = await OPERATIONS[op]!(ctx, args);
    process.stdout.write(result.stdout);
    if (result.exitCode) process.exitCode = result.exitCode;
  } catch (error) {
    if (error instanceof AppError) {
      const details = Array.isArray(error.details) ? ` ${JSON.stringify(error.details)}` : '';
      await ctx?.close();
      return fail(error.code, messageFor(error.code, locale, error.params) + details);
    }
    await ctx?.close();
    return fail(codeOfError(error), (error as Error).message);
  }
  await ctx.close();
};

const start = async () => {
  const config = loadConfig();
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
    'new key (base64, 32 bytes) when CUSTOS_MASTER_KEY is used instead of the key file',
  )
  .addHelpText(
    'after',
    '\nExamples:\n  npx custos keys rotate\n  openssl rand -base64 32 > new.key && npx custos keys rotate --new-key-file new.key',
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

const readInput = (file: string, what: string) => {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    return fail('not_found', `cannot read the ${what} ${file}: ${(error as NodeJS.ErrnoException).code}`);
  }
};

/**
 * `custos import invoices`: reads the CSV and the mapping here, checks the rows with a progress bar
 * when stderr is a terminal, then hands everything to the import operation (in a running server over
 * its socket, or in-process), which checks again against the database and writes all or nothing.
 */
const importInvoices = async (o: {
  in: string;
  map: string;
  dryRun?: boolean;
  delimiter: string;
  decimal: string;
  dateFormat: string;
  currency: string;
  paymentTerm: string;
}) => {
  const csv = readInput(o.in, 'CSV file');
  const mapping = readInput(o.map, 'mapping file');
  const delimiter = o.delimiter === '\\t' || o.delimiter === 'tab' ? '\t' : o.delimiter;
  if (process.stderr.isTTY) {
    try {
      const bar = new cliProgress.SingleBar(
        { format: 'Checking rows [{bar}] {value}/{total}', stream: process.stderr, hideCursor: true },
        cliProgress.Presets.shades_classic,
      );
      let started = false;
      parseErpCsv(
        csv,
        JSON.parse(mapping),
        {
          ...DEFAULT_IMPORT_OPTIONS,
          delimiter,
          decimal: o.decimal,
          dateFormat: o.dateFormat,
        } as ImportOptions,
        (done, total) => {
          if (!started) bar.start(total, 0);
          started = true;
          bar.update(done);
        },
      );
      if (started) bar.stop();
    } catch {
      // a malformed mapping or option: the operation below names it
    }
    process.stderr.write(o.dryRun ? 'Checking against the database…\n' : 'Importing…\n');
  }
  await run('invoices.import', {
    csv,
    mapping,
    fileName: path.basename(o.in),
    dryRun: o.dryRun ? 'true' : 'false',
    delimiter,
    decimal: o.decimal,
    dateFormat: o.dateFormat,
    currency: o.currency,
    paymentTermDays: o.paymentTerm,
  });
};

const collect = (value: string, previous: string[] = []) => [...previous, value];

/**
 * `custos import --file`: persons from a CSV, xlsx or vCard file. On a terminal the rows are counted
 * here first with a progress bar; the operation (in the running server over its socket, or in-process)
 * reads the file by its absolute path and checks and imports all or nothing.
 */
const importPersons = async (o: {
  file?: string;
  map?: string;
  legalBasis?: string;
  purpose?: string[];
  sourceKind?: string;
  sourceDetail?: string;
  kind?: string;
  duplicates?: string;
  as?: string;
  dryRun?: boolean;
  excludeInvalid?: boolean;
  json?: boolean;
}) => {
  if (!o.file)
    return fail('validation_failed', 'the option --file <file> is required (or: custos import invoices)');
  const file = path.resolve(o.file);
  const mapping = o.map ? readInput(o.map, 'mapping file') : undefined;
  if (process.stderr.isTTY && !o.json) {
    const bar = new cliProgress.SingleBar(
      {
        format: 'Reading rows [{bar}] {percentage}% {value}/{total} KiB',
        stream: process.stderr,
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    try {
      const { readImportFile } = await import('../modules/import/import.parsers.ts');
      const total = Math.max(1, Math.ceil(fs.statSync(file).size / 1024));
      bar.start(total, 0);
      let read = 0;
      async function* counted() {
        for await (const chunk of fs.createReadStream(file)) {
          read += (chunk as Buffer).byteLength;
          bar.update(Math.min(total, Math.ceil(read / 1024)));
          yield chunk as Buffer;
        }
      }
      await readImportFile({ fileName: path.basename(file), source: counted(), onRow: () => {} });
      bar.update(total);
    } catch {
      // an unreadable file: the operation below names the problem
    }
    bar.stop();
    process.stderr.write(o.dryRun ? 'Checking against the database…\n' : 'Checking and importing…\n');
  }
  await run('persons.import', {
    file,
    mapping,
    legalBasis: o.legalBasis,
    purposes: o.purpose ? JSON.stringify(o.purpose) : undefined,
    sourceKind: o.sourceKind,
    sourceDetail: o.sourceDetail,
    personKind: o.kind,
    duplicates: o.duplicates,
    as: o.as,
    dryRun: o.dryRun ? 'true' : 'false',
    excludeInvalid: o.excludeInvalid ? 'true' : 'false',
    json: o.json ? 'true' : 'false',
  });
};

const importCommand = program
  .command('import')
  .description(
    'Import persons from a CSV, Excel (.xlsx) or vCard file (all or nothing, with a report); or invoices (import invoices)',
  )
  .option('--file <file>', 'the file: CSV (any delimiter and encoding), .xlsx or .vcf')
  .option(
    '--map <file>',
    'JSON mapping of file columns to person fields, e.g. {"Vorname": "firstName"}; default: suggested',
  )
  .option(
    '--legal-basis <basis>',
    'legal basis of the whole batch: consent, contract, legitimate_interest, …',
  )
  .option('--purpose <id>', 'a declared purpose (repeat for several)', collect)
  .option('--source-kind <kind>', 'where the list came from: event, business_card, import, …', 'import')
  .option('--source-detail <text>', 'e.g. the event or the system the file was exported from')
  .option('--kind <kind>', 'customer, prospect or contact_person', 'prospect')
  .option('--duplicates <mode>', 'skip (default: left out for review) or create', 'skip')
  .option('--as <email>', 'the user the import is recorded for (default: the first administrator)')
  .option('--dry-run', 'check every row and write nothing')
  .option('--exclude-invalid', 'import the valid rows and leave the invalid ones out')
  .option('--json', 'print the report as JSON (errors as {"error": {code, message}})')
  .addHelpText(
    'after',
    '\nExamples:\n  npx custos import --file kunden.csv --legal-basis contract --purpose sales --source-detail "ERP-Export" --dry-run\n' +
      '  npx custos import --file messe.xlsx --map messe.map.json --legal-basis consent --purpose newsletter --exclude-invalid --json\n' +
      '  npx custos import invoices --in rechnungen.csv --map mapping.json --dry-run\n' +
      '\nFields: firstName, lastName, fullName, email, phone, birthDate, jobTitle, address.street, address.houseNumber,\n' +
      'address.postalCode, address.city, address.country, organization, notes, tags. Exit code 1: the batch has\n' +
      'invalid rows and nothing was imported.',
  )
  .action(importPersons)
  // the options above belong to the person import; `import invoices --map …` has its own
  .enablePositionalOptions();
importCommand
  .command('invoices')
  .description(
    "Import invoices from an ERP's CSV export with a column mapping; all or nothing, every bad row named",
  )
  .requiredOption('--in <file>', 'the CSV file (UTF-8, a byte order mark is fine)')
  .requiredOption(
    '--map <file>',
    'JSON mapping of invoice fields to column headers, e.g. {"number": "Belegnr"}',
  )
  .option('--dry-run', 'check everything and write nothing')
  .option('--delimiter <char>', 'column separator: ";" "," "|" or "tab"', ';')
  .option('--decimal <char>', 'decimal separator of amounts: "," or "."', ',')
  .option('--date-format <format>', 'DD.MM.YYYY, YYYY-MM-DD, DD/MM/YYYY or MM/DD/YYYY', 'DD.MM.YYYY')
  .option('--currency <code>', 'currency of rows without one', 'EUR')
  .option('--payment-term <days>', 'days until due for rows without a due date', '14')
  .addHelpText(
    'after',
    '\nExamples:\n  npx custos import invoices --in rechnungen.csv --map mapping.json --dry-run\n' +
      "  npx custos import invoices --in export.csv --map mapping.json --delimiter ',' --decimal . --date-format YYYY-MM-DD\n" +
      '\nmapping.json names the column of each field: number, issuedAt, dueAt, paidAt, customerNumber, customerEmail,\n' +
      'billingName, billingStreet, billingPostalCode, billingCity, billingCountry, customerGroup, product, description,\n' +
      'quantity, unitPrice, taxRate, currency, orderNumber, externalRef. Rows with the same number are one invoice.',
  )
  .action(importInvoices);

program
  .command('consistency')
  .description(
    'Compare an export of another system (ERP, another branch’s CRM) with the persons: matched, only here, only there, disagreements per field (nothing stored)',
  )
  .requiredOption('--file <file>', 'the file: CSV (any delimiter and encoding), .xlsx or .vcf')
  .option(
    '--map <file>',
    'JSON mapping of file columns to fields, e.g. {"Kundennr": "id", "Ort": "address.city"}; default: suggested',
  )
  .option(
    '--as <email>',
    'the user the comparison is made and recorded for (default: the first administrator)',
  )
  .option('--json', 'print the whole report (with the disagreeing values) as JSON')
  .addHelpText(
    'after',
    '\nExample:\n  npx custos consistency --file erp-kunden.csv --map map.json --json > report.json\n' +
      '\nFields: id (a Custos person id), firstName, lastName, fullName, birthDate, jobTitle, email, phone,\n' +
      'address.street, address.houseNumber, address.postalCode, address.city, address.country.',
  )
  .action(async (o: { file: string; map?: string; as?: string; json?: boolean }) => {
    await run('consistency', {
      file: path.resolve(o.file),
      mapping: o.map ? readInput(o.map, 'mapping file') : undefined,
      as: o.as,
      json: o.json ? 'true' : 'false',
    });
  });

program
  .command('match')
  .description(
    "Find duplicate persons in a CSV file with the product's duplicate engine (no database, nothing imported)",
  )
  .requiredOption('--in <file>', 'the CSV file (header row, UTF-8; the delimiter is detected)')
  .requiredOption('--map <file>', 'JSON mapping of Custos fields to column headers, e.g. {"id": "rec_id"}')
  .requiredOption('--out <file>', 'where to write the pairs: id_a,id_b,score')
  .addHelpText(
    'after',
    '\nExample:\n  npx custos match --in persons.csv --map map.json --out pairs.csv\n' +
      '\nmap.json names the column of each field: id (required), firstName, lastName, street, houseNumber,\n' +
      'addressExtra, postalCode, city, region, birthDate (YYYYMMDD or ISO), nationalId, email, phone.\n' +
      'Every pair at or above the threshold of the duplicate suggestions is written.',
  )
  .action((o) => {
    try {
      const result = runMatch({
        inFile: path.resolve(o.in),
        mapFile: path.resolve(o.map),
        outFile: path.resolve(o.out),
      });
      process.stdout.write(`${result.pairs} pairs among ${result.records} records written to ${o.out}\n`);
    } catch (error) {
      if (error instanceof AppError) return fail(error.code, messageFor(error.code, locale, error.params));
      return fail(codeOfError(error), (error as Error).message);
    }
  });

await program.parseAsync(process.argv);
