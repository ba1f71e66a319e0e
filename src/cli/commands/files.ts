/**
 * The commands that read files: `custos import` (persons; `import invoices`), `custos consistency`
 * and `custos match`.
 */
import fs from 'node:fs';
import path from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { DEFAULT_IMPORT_OPTIONS, type ImportOptions, parseErpCsv } from '../../domain/billing/erp-csv.ts';
import { AppError } from '../../domain/errors.ts';
import { runMatch } from '../../modules/matching/match.cli.ts';
import { messageFor } from '../../server/messages.ts';
import { codeOfError } from '../operations.ts';
import { fail, locale, readInput, run } from '../runner.ts';

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
      const { readImportFile } = await import('../../modules/import/import.parsers.ts');
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

export const registerFileCommands = (program: Command) => {
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
};
