/**
 * The check of a staged batch, shared by the dry run and the commit (which runs it again inside its
 * own transaction): each row mapped with the minimised mapping, validated (`checkImportedRow`), its
 * notes scanned for sensitive data, its e-mail and phone tested against the suppression list of
 * erased persons (keyed hashes, computed here for all rows at once), and the duplicate engine run
 * over the file's rows and the persons that share a blocking value with them (loaded in one query).
 * A duplicate of a person with a locked field the row would write is `field_locked`.
 */
import { sql } from 'kysely';
import type { CountryCode } from 'libphonenumber-js';
import type { ImportCounts, ImportRowStatus } from '../../db/schema-imports.ts';
import type { Tx } from '../../db/tenant.ts';
import { mapRow, type PersonDraft } from '../../domain/import/apply-mapping.ts';
import type { ColumnMapping } from '../../domain/import/mapping.ts';
import { type CheckedPerson, checkImportedRow } from '../../domain/import/row-check.ts';
import { FINDING_KINDS, type FindingKind } from '../../domain/import/types.ts';
import { findDuplicates } from '../../domain/matching/engine.ts';
import type { MatchRecord } from '../../domain/matching/types.ts';
import { lockableFieldOf } from '../../domain/requests/field-locks.ts';
import { detectSensitive } from '../../domain/sensitive/detect.ts';
import type { AppContext } from '../../server/context.ts';
import { suppressionHashes, suppressionKey } from '../erasure/suppression-keys.ts';
import { auditKeyFor } from '../keys/keys.service.ts';
import { tenantPhoneRegion } from '../persons/persons.contact.ts';
import { allRowOutcomes, type ImportRow, outsideState } from './imports.repository.ts';
import { openStagedRows } from './imports.service.ts';

export type RowEvaluation = {
  rowNumber: number;
  status: ImportRowStatus;
  reasons: string[];
  duplicateOf: string | null;
  duplicateRow: number | null;
  score: number | null;
  sensitive: boolean;
  person: CheckedPerson;
};

export type BatchEvaluation = {
  rows: RowEvaluation[];
  counts: ImportCounts;
  /** errors that no row can be blamed for (file-level findings, findings beyond the listed ones) */
  fileErrors: string[];
};

/** The confirmed mapping without the columns minimisation dropped. */
export const effectiveMapping = (row: ImportRow): ColumnMapping => {
  const dropped = new Set(row.dropped_columns.map((d) => d.column));
  return Object.fromEntries(
    Object.entries(row.mapping ?? {}).filter(([column]) => !dropped.has(column)),
  ) as ColumnMapping;
};

const readerErrors = (row: ImportRow) => {
  const byRow = new Map<number, string[]>();
  const fileErrors: string[] = [];
  let listed = 0;
  for (const f of row.findings) {
    if (f.severity !== 'error') continue;
    listed += 1;
    if (f.rowNumber === null) fileErrors.push(f.kind);
    else byRow.set(f.rowNumber, [...(byRow.get(f.rowNumber) ?? []), f.kind]);
  }
  const counted = Object.entries(row.finding_counts)
    .filter(([kind]) => FINDING_KINDS[kind as FindingKind] === 'error')
    .reduce((n, [, c]) => n + c, 0);
  if (counted > listed) fileErrors.push('too_many_findings');
  return { byRow, fileErrors };
};

const suppressedSet = async (tx: Tx) =>
  new Set(
    (await tx.selectFrom('suppressions').select(['kind', 'hash']).execute()).map(
      (s) => `${s.kind}:${s.hash}`,
    ),
  );

const distinct = (values: (string | undefined | null)[]) => [
  ...new Set(values.filter((v): v is string => typeof v === 'string' && v !== '')),
];

/** Persons that share an e-mail, phone, postal code, birth date or last name with a row of the file. */
const candidatePersons = async (tx: Tx, people: CheckedPerson[]) => {
  const emails = distinct(people.map((p) => p.email));
  const phones = distinct(people.map((p) => p.phone));
  const postcodes = distinct(people.map((p) => p.address?.postalCode));
  const births = distinct(people.map((p) => p.birthDate));
  const lastNames = distinct(people.map((p) => p.lastName?.toLowerCase()));
  if (people.length === 0) return [];
  const { rows } = await sql<{
    id: string;
    first_name: string;
    last_name: string;
    street: string | null;
    postal_code: string | null;
    city: string | null;
    birth_date: string | null;
    email: string | null;
    phone: string | null;
  }>`select id, first_name, last_name, street, postal_code, city, birth_date::text as birth_date, email, phone
     from persons
     where email = any(${emails}::text[]) or phone = any(${phones}::text[])
        or postal_code = any(${postcodes}::text[]) or birth_date::text = any(${births}::text[])
        or lower(last_name) = any(${lastNames}::text[])`.execute(tx);
  return rows;
};

const matchRecord = (id: string, p: PersonDraft): MatchRecord => ({
  id,
  firstName: p.firstName,
  lastName: p.lastName,
  street: p.address?.street,
  postalCode: p.address?.postalCode,
  city: p.address?.city,
  birthDate: p.birthDate,
  email: p.email,
  phone: p.phone,
});

const lockedFields = async (tx: Tx, personIds: string[]) => {
  const out = new Map<string, string[]>();
  if (personIds.length === 0) return out;
  const rows = await tx
    .selectFrom('field_locks')
    .select(['person_id', 'field'])
    .where(sql<boolean>`person_id = any(${personIds}::uuid[])`)
    .execute();
  for (const r of rows) out.set(r.person_id, [...(out.get(r.person_id) ?? []), r.field]);
  return out;
};

/** The fields (lockable ones) a checked row would write. */
const writtenFields = (p: CheckedPerson) =>
  Object.entries(p)
    .filter(([k, v]) => v !== undefined && k !== 'disposableEmail')
    .map(([k]) => (k === 'tags' ? 'tags' : k))
    .filter((k) => lockableFieldOf(k) !== null);

/** What the check reads besides the file; the dry run stores it, the commit compares it. */
export const checkState = async (tx: Tx, ctx: AppContext) =>
  `${ctx.now().toISOString().slice(0, 10)}|${await tenantPhoneRegion(tx)}|${await outsideState(tx)}`;

/** The validation of one staged row (pure: the same values, mapping, region and day give the same result). */
const validateRow = (
  input: { rowNumber: number; values: Record<string, string> },
  setting: { mapping: ColumnMapping; region: CountryCode; today: string },
) => {
  const { rowNumber, values } = input;
  const draft = mapRow({ row: { rowNumber, values }, mapping: setting.mapping });
  return checkImportedRow({ values, draft, ...setting });
};

/**
 * The commit's shortcut when nothing the check reads changed since the dry run (same `checkState`):
 * the stored outcomes are the check's result; only the rows that may become persons are opened and
 * validated again for their normalised values. The duplicate engine does not run a second time.
 */
export const reuseEvaluation = async (
  tx: Tx,
  ctx: AppContext,
  batch: ImportRow,
): Promise<BatchEvaluation> => {
  const setting = {
    mapping: effectiveMapping(batch),
    region: (await tenantPhoneRegion(tx)) as CountryCode,
    today: ctx.now().toISOString().slice(0, 10),
  };
  const stored = new Map((await allRowOutcomes(tx, batch.id)).map((o) => [o.row_number, o]));
  const staged = await openStagedRows(tx, ctx, batch);
  const rows: RowEvaluation[] = staged.map((s) => {
    const o = stored.get(s.rowNumber);
    if (!o?.status) throw new Error(`import row ${s.rowNumber} has no stored outcome`);
    const open = o.status === 'valid' || o.status === 'duplicate';
    return {
      rowNumber: s.rowNumber,
      status: o.status,
      reasons: o.reasons,
      duplicateOf: o.duplicate_of,
      duplicateRow: o.duplicate_row,
      score: o.score,
      sensitive: o.sensitive,
      person: open ? validateRow(s, setting).person : {},
    };
  });
  return { rows, counts: countRows(rows), fileErrors: readerErrors(batch).fileErrors };
};

export const evaluateImport = async (
  tx: Tx,
  ctx: AppContext,
  batch: ImportRow,
  options: { onProgress?: (phase: string) => void } = {},
): Promise<BatchEvaluation> => {
  const mapping = effectiveMapping(batch);
  const region = (await tenantPhoneRegion(tx)) as CountryCode;
  const today = ctx.now().toISOString().slice(0, 10);
  const { byRow, fileErrors } = readerErrors(batch);
  const staged = await openStagedRows(tx, ctx, batch);
  options.onProgress?.('validate');
  const rows: RowEvaluation[] = staged.map(({ rowNumber, values }) => {
    const { reasons, person } = validateRow({ rowNumber, values }, { mapping, region, today });
    reasons.push(...(byRow.get(rowNumber) ?? []));
    const sensitive = person.notes ? detectSensitive({ text: person.notes }).length > 0 : false;
    return {
      rowNumber,
      status: reasons.length > 0 ? 'invalid' : 'valid',
      reasons,
      duplicateOf: null,
      duplicateRow: null,
      score: null,
      sensitive,
      person,
    };
  });

  // erased persons: their e-mail and phone as keyed hashes
  options.onProgress?.('suppression');
  const suppressed = await suppressedSet(tx);
  if (suppressed.size > 0) {
    const key = suppressionKey(await auditKeyFor(tx, ctx, batch.tenant_id), batch.tenant_id);
    for (const r of rows) {
      const hits = suppressionHashes(key, { email: r.person.email, phone: r.person.phone }, region as 'DE')
        .filter((h) => suppressed.has(`${h.kind}:${h.hash}`))
        .map((h) => `suppressed_${h.kind}`);
      if (hits.length > 0) {
        r.status = 'suppressed';
        r.reasons = [...hits, ...r.reasons];
      }
    }
  }

  // duplicates: of existing persons, and of earlier rows of the same file
  options.onProgress?.('duplicates');
  const open = rows.filter((r) => r.status === 'valid');
  const existing = await candidatePersons(
    tx,
    open.map((r) => r.person),
  );
  const records: MatchRecord[] = [
    ...existing.map((p) =>
      matchRecord(`p${p.id}`, {
        firstName: p.first_name,
        lastName: p.last_name,
        birthDate: p.birth_date ?? undefined,
        email: p.email ?? undefined,
        phone: p.phone ?? undefined,
        address: {
          street: p.street ?? undefined,
          postalCode: p.postal_code ?? undefined,
          city: p.city ?? undefined,
        },
      }),
    ),
    ...open.map((r) => matchRecord(`r${r.rowNumber}`, r.person)),
  ];
  const byNumber = new Map(open.map((r) => [r.rowNumber, r]));
  const { pairs } = findDuplicates({ records });
  for (const pair of pairs) {
    const [a, b] = [pair.a, pair.b];
    if (a.startsWith('p') && b.startsWith('p')) continue;
    if (a.startsWith('r') && b.startsWith('r')) {
      const [x, y] = [Number(a.slice(1)), Number(b.slice(1))].sort((m, n) => m - n) as [number, number];
      const later = byNumber.get(y)!;
      if (later.duplicateRow === null || x < later.duplicateRow) {
        later.duplicateRow = x;
        if (later.duplicateOf === null) later.score = pair.score;
      }
      continue;
    }
    const [person, rowId] = a.startsWith('p') ? [a, b] : [b, a];
    const r = byNumber.get(Number(rowId.slice(1)))!;
    if (r.duplicateOf === null || (r.score ?? 0) < pair.score) {
      r.duplicateOf = person.slice(1);
      r.score = pair.score;
    }
  }
  const locks = await lockedFields(tx, distinct(open.map((r) => r.duplicateOf)));
  for (const r of open) {
    if (r.duplicateOf !== null) {
      const locked = locks.get(r.duplicateOf) ?? [];
      const hit = writtenFields(r.person).find((f) => locked.includes(lockableFieldOf(f)!));
      if (hit) {
        r.status = 'field_locked';
        r.reasons = [`field_locked:${lockableFieldOf(hit)}`];
      } else {
        r.status = 'duplicate';
        r.reasons = ['duplicate_of_person'];
      }
    } else if (r.duplicateRow !== null) {
      r.status = 'duplicate';
      r.reasons = ['duplicate_in_file'];
    }
  }
  return { rows, counts: countRows(rows), fileErrors };
};

export const countRows = (rows: { status: ImportRowStatus; sensitive: boolean }[]): ImportCounts => {
  const counts: ImportCounts = {
    total: rows.length,
    valid: 0,
    invalid: 0,
    duplicate: 0,
    suppressed: 0,
    fieldLocked: 0,
    sensitive: 0,
    created: 0,
    skipped: 0,
  };
  for (const r of rows) {
    if (r.sensitive) counts.sensitive += 1;
    if (r.status === 'field_locked') counts.fieldLocked += 1;
    else counts[r.status] += 1;
  }
  return counts;
};
