import { stringify } from 'csv-stringify/sync';
import { inTenant, type Tx } from '../../db/tenant.ts';
import { type Visibility, visibilityOf } from '../../db/visibility.ts';
import { AppError } from '../../domain/errors.ts';
import { escapeCsvCell } from '../../domain/import/formula.ts';
import { canDo, canRead } from '../../domain/permissions/roles.ts';
import {
  agreementOf,
  CONSISTENCY_FIELDS,
  type ComparableRecord,
  type ConsistencyField,
  compareField,
  type FieldOutcome,
  pairRecords,
} from '../../domain/quality/consistency.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { readImportRows } from '../import/import.parsers.ts';
import {
  type ConsistencyMapping,
  fileRecord,
  mappedFields,
  suggestConsistencyMapping,
  validateConsistencyMapping,
} from './consistency.mapping.ts';
import * as repo from './consistency.repository.ts';
import type { ConsistencyReportType, ConsistencyUploadQueryType } from './consistency.schemas.ts';

/**
 * The consistency report: "how far do the records in different systems agree?". The file is read with
 * the import's readers, paired with the visible persons (id, e-mail, then the duplicate engine) and
 * compared field by field on the fields the file maps and the caller may read. Nothing is stored:
 * the report is answered (JSON or CSV) and one audit entry records that it was made, with counts only.
 */

const BATCH = 5000;
/** Each list of the report stops here; the counts are complete. */
export const LIST_LIMIT = 1000;

type Person = ComparableRecord & { id: string };

const loadPersons = async (tx: Tx, visibility: Visibility, fields: Set<ConsistencyField>) => {
  const out: Person[] = [];
  let afterId: string | null = null;
  const keep = (f: ConsistencyField, v: string | null) => (fields.has(f) ? v : null);
  for (;;) {
    const rows = await repo.personBatch(tx, { visibility, afterId, limit: BATCH });
    for (const r of rows)
      out.push({
        id: r.id,
        firstName: keep('firstName', r.first_name),
        lastName: keep('lastName', r.last_name),
        birthDate: keep('birthDate', r.birth_date),
        jobTitle: keep('jobTitle', r.job_title),
        email: keep('email', r.email),
        phone: keep('phone', r.phone),
        street: keep('street', r.street),
        postalCode: keep('postalCode', r.postal_code),
        city: keep('city', r.city),
        country: keep('country', r.country),
      });
    if (rows.length < BATCH) return out;
    afterId = rows[rows.length - 1]!.id;
  }
};

const parseMapping = (raw: string): Record<string, string> => {
  try {
    const value: unknown = JSON.parse(raw);
    if (
      value &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      Object.values(value).every((v) => typeof v === 'string')
    )
      return value as Record<string, string>;
  } catch {
    // answered below
  }
  throw new AppError('consistency_mapping_invalid', { details: { issues: [{ code: 'not_json' }] } });
};

export type ConsistencyInput = ConsistencyUploadQueryType & {
  fileName: string;
  size?: number;
  source: AsyncIterable<Uint8Array>;
};

export const compareFile = async (
  ctx: AppContext,
  actor: Actor,
  input: ConsistencyInput,
): Promise<ConsistencyReportType> => {
  if (!canDo({ role: actor.role, action: 'consistency.compare' })) throw new AppError('forbidden');
  const { rows, summary } = await readImportRows({
    fileName: input.fileName,
    source: input.source,
    size: input.size,
    sheet: input.sheet,
    encoding: input.encoding,
    delimiter: input.delimiter,
  });
  if (rows.length === 0) throw new AppError('consistency_file_empty');
  const mapping: ConsistencyMapping = input.mapping
    ? validateConsistencyMapping({ columns: summary.columns, mapping: parseMapping(input.mapping) })
    : suggestConsistencyMapping({ columns: summary.columns });
  if (!input.mapping) validateConsistencyMapping({ columns: summary.columns, mapping });
  const readable = new Set(
    (Object.keys(CONSISTENCY_FIELDS) as ConsistencyField[]).filter((f) =>
      canRead({ role: actor.role, category: CONSISTENCY_FIELDS[f] }),
    ),
  );
  const compared = mappedFields(mapping).filter((f) => readable.has(f));
  const comparedSet = new Set(compared);
  const file = rows.map((row) => {
    const { id, record } = fileRecord({ row, mapping });
    // a field the caller may not read is neither matched on nor compared
    for (const f of Object.keys(record) as ConsistencyField[]) if (!comparedSet.has(f)) delete record[f];
    return { rowNumber: row.rowNumber, id, record };
  });

  return inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    const names = new Set<ConsistencyField>(['firstName', 'lastName']);
    const persons = await loadPersons(tx, visibilityOf(actor), new Set([...comparedSet, ...names]));
    const personById = new Map(persons.map((p) => [p.id, p]));
    const forMatching = persons.map((p) =>
      Object.fromEntries(
        Object.entries(p).filter(([k]) => k === 'id' || comparedSet.has(k as ConsistencyField)),
      ),
    ) as Person[];
    const pairs = pairRecords({
      custos: forMatching,
      file: file.map((f) => f.record),
      fileIds: file.map((f) => f.id),
    });
    const outcomes = new Map<ConsistencyField, FieldOutcome[]>(compared.map((f) => [f, []]));
    const disagreements: ConsistencyReportType['disagreements'] = [];
    let disagreementCount = 0;
    let pairsWithDisagreements = 0;
    for (const pair of pairs) {
      const person = personById.get(pair.personId)!;
      const row = file[pair.fileIndex]!;
      let differs = false;
      for (const field of compared) {
        const outcome = compareField({ field, custos: person[field], file: row.record[field] });
        outcomes.get(field)!.push(outcome);
        if (outcome !== 'disagree') continue;
        differs = true;
        disagreementCount += 1;
        if (disagreements.length < LIST_LIMIT)
          disagreements.push({
            rowNumber: row.rowNumber,
            personId: person.id,
            firstName: person.firstName ?? null,
            lastName: person.lastName ?? null,
            field,
            custosValue: person[field] ?? '',
            fileValue: row.record[field] ?? '',
          });
      }
      if (differs) pairsWithDisagreements += 1;
    }
    const matchedPersons = new Set(pairs.map((p) => p.personId));
    const matchedRows = new Set(pairs.map((p) => p.fileIndex));
    const onlyInCustos = persons.filter((p) => !matchedPersons.has(p.id));
    const onlyInFile = file.filter((_, i) => !matchedRows.has(i));
    const fields = compared.map((f) => agreementOf(f, outcomes.get(f)!));
    const agree = fields.reduce((s, f) => s + f.agree, 0);
    const all = fields.reduce((s, f) => s + f.compared, 0);
    const how = (h: string) => pairs.filter((p) => p.how === h).length;
    const report: ConsistencyReportType = {
      fileName: input.fileName,
      format: summary.format,
      columns: summary.columns,
      mapping,
      suggested: !input.mapping,
      summary: {
        fileRows: rows.length,
        custosPersons: persons.length,
        matched: pairs.length,
        matchedById: how('id'),
        matchedByEmail: how('email'),
        matchedByScore: how('score'),
        onlyInCustos: onlyInCustos.length,
        onlyInFile: onlyInFile.length,
        pairsWithDisagreements,
        agreementRate: all === 0 ? null : Math.round((agree / all) * 1000) / 10,
      },
      fields,
      matched: pairs.slice(0, LIST_LIMIT).map((p) => {
        const person = personById.get(p.personId)!;
        return {
          rowNumber: file[p.fileIndex]!.rowNumber,
          personId: p.personId,
          firstName: person.firstName ?? null,
          lastName: person.lastName ?? null,
          how: p.how,
          score: p.score,
        };
      }),
      onlyInCustos: onlyInCustos.slice(0, LIST_LIMIT).map((p) => ({
        personId: p.id,
        firstName: p.firstName ?? null,
        lastName: p.lastName ?? null,
      })),
      onlyInFile: onlyInFile.slice(0, LIST_LIMIT).map((f) => ({
        rowNumber: f.rowNumber,
        firstName: f.record.firstName ?? null,
        lastName: f.record.lastName ?? null,
      })),
      disagreements,
      truncated: [pairs.length, onlyInCustos.length, onlyInFile.length, disagreementCount].some(
        (n) => n > LIST_LIMIT,
      ),
    };
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'read',
      fields: compared,
      note: `consistency report: ${rows.length} file rows, ${persons.length} persons, ${pairs.length} matched`,
    });
    return report;
  });
};

const CSV_HEADER = [
  'kind',
  'row',
  'personId',
  'firstName',
  'lastName',
  'field',
  'custosValue',
  'fileValue',
  'match',
];

/** The report as CSV (`;`, UTF-8 with BOM for Excel), every cell escaped against formula injection. */
export const reportCsv = (report: ConsistencyReportType): string => {
  const line = (cells: (string | number | null)[]) =>
    cells.map((c) => escapeCsvCell(c === null ? '' : String(c)));
  const lines = [
    ...report.fields.map((f) =>
      line([
        'agreement',
        null,
        null,
        null,
        null,
        f.field,
        `${f.agree}/${f.compared}`,
        f.agreementRate === null ? '' : `${f.agreementRate}%`,
        null,
      ]),
    ),
    ...report.matched.map((m) =>
      line(['matched', m.rowNumber, m.personId, m.firstName, m.lastName, null, null, null, m.how]),
    ),
    ...report.disagreements.map((d) =>
      line([
        'disagreement',
        d.rowNumber,
        d.personId,
        d.firstName,
        d.lastName,
        d.field,
        d.custosValue,
        d.fileValue,
        null,
      ]),
    ),
    ...report.onlyInCustos.map((p) =>
      line(['only_in_custos', null, p.personId, p.firstName, p.lastName, null, null, null, null]),
    ),
    ...report.onlyInFile.map((f) =>
      line(['only_in_file', f.rowNumber, null, f.firstName, f.lastName, null, null, null, null]),
    ),
  ];
  return `\uFEFF${stringify([CSV_HEADER, ...lines], { delimiter: ';' })}`;
};
