import { randomUUID } from 'node:crypto';
import { asSystem, inTenant, type Tx } from '../../db/tenant.ts';
import { jurisdictionOf } from '../../domain/billing/retention.ts';
import { AppError } from '../../domain/errors.ts';
import { IMPORT_TARGETS, type ImportTarget, validateMapping } from '../../domain/import/mapping.ts';
import { minimiseMapping, purposeNeedsFromDataTypes } from '../../domain/import/minimisation.ts';
import { canDo, canWrite, seesAllDepartments } from '../../domain/permissions/roles.ts';
import type { DataCategory } from '../../domain/privacy/data-categories.ts';
import { assertPrivacyFacts } from '../../domain/privacy/privacy-facts.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { listPurposes } from '../catalogue/catalogue.repository.ts';
import { wrappingKey } from '../keys/keys.service.ts';
import { ensureDeletionConcept } from '../retention/deletion-concept.rules.ts';
import { assertReferences } from '../shared/references.ts';
import { assertImportSize } from './import.limits.ts';
import { readImportFile } from './import.parsers.ts';
import { toPersonImport } from './imports.mapper.ts';
import * as repo from './imports.repository.ts';
import type { ImportSettingsInput, ImportUploadQueryInput } from './imports.schemas.ts';
import { createBatchKey, openBatchKey, openRow, sealRow } from './imports.sealing.ts';

/** Every field a mapping writes must be writable for the user (checked when mapping and again at commit). */
export const assertMappingWritable = (actor: Actor, mapping: Partial<Record<string, ImportTarget>>) => {
  for (const target of new Set(Object.values(mapping))) {
    if (!target) continue;
    const category = IMPORT_TARGETS[target] as DataCategory;
    if (!canWrite({ role: actor.role, category }))
      throw new AppError('field_not_writable', { params: { field: target, category } });
  }
};

/** Staged batches older than this are purged: their rows and key destroyed, the batch marked expired. */
export const STAGED_IMPORT_DAYS = 7;
const PREVIEW_ROWS = 10;
const DAY = 86_400_000;

export const assertCan = (actor: Actor, action: 'imports.run' | 'imports.read') => {
  if (!canDo({ role: actor.role, action })) throw new AppError('forbidden');
};

export const findOrFail = async (tx: Tx, id: string) => {
  const row = await repo.findImport(tx, id);
  if (!row) throw new AppError('not_found', { params: { entity: 'import' } });
  return row;
};

export const assertStaged = (row: { status: string }) => {
  if (row.status !== 'staged') throw new AppError('import_not_staged', { params: { status: row.status } });
};

const savedMappings = async (tx: Tx) =>
  (await repo.listMappings(tx)).map((m) => ({ id: m.id, columns: m.columns, mapping: m.mapping }));

/** The batch's key and its staged rows opened (all, or the first `limit`). */
export const openStagedRows = async (
  tx: Tx,
  ctx: AppContext,
  row: repo.ImportRow,
  limit?: number,
): Promise<{ rowNumber: number; values: Record<string, string> }[]> => {
  const dataKey = openBatchKey(ctx, {
    tenantId: row.tenant_id,
    importId: row.id,
    wrapped: row.wrapped_key,
    masterKeyId: row.master_key_id,
  });
  if (!dataKey) return [];
  return (await repo.stagedRows(tx, row.id, limit)).map((r) => ({
    rowNumber: r.row_number,
    values: openRow({ dataKey, importId: row.id, rowNumber: r.row_number, sealed: r.data as string }),
  }));
};

/** The batch as the API shows it; the preview only while staged. */
export const presentImport = async (tx: Tx, ctx: AppContext, row: repo.ImportRow, withPreview: boolean) =>
  toPersonImport(row, {
    saved: await savedMappings(tx),
    preview: withPreview && row.status === 'staged' ? await openStagedRows(tx, ctx, row, PREVIEW_ROWS) : [],
  });

/** Counts the bytes that pass, so the batch records the file's real size. */
async function* counting(source: AsyncIterable<Uint8Array>, counter: { bytes: number }) {
  for await (const chunk of source) {
    counter.bytes += chunk.byteLength;
    yield chunk;
  }
}

/**
 * Reads the uploaded file (streamed for CSV) and stages it: every row sealed under a new batch key,
 * in chunks; the summary (format, encoding, delimiter, columns, findings) on the batch. A file that
 * cannot be a table at all is refused and nothing is stored.
 */
export const uploadImport = async (
  ctx: AppContext,
  actor: Actor,
  input: ImportUploadQueryInput & {
    fileName: string;
    size?: number;
    source: AsyncIterable<Uint8Array>;
    maxBytes?: number;
  },
) => {
  assertCan(actor, 'imports.run');
  const fileName = input.fileName.trim().replace(/[\\/]/g, '_').slice(0, 255);
  if (fileName === '') throw new AppError('import_file_name_missing');
  if (input.size !== undefined) assertImportSize({ size: input.size, maxBytes: input.maxBytes });
  return inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    const id = randomUUID();
    const master = await wrappingKey(tx, ctx, actor.tenantId);
    const key = createBatchKey({ master, tenantId: actor.tenantId, importId: id });
    await repo.insertImport(tx, {
      id,
      tenant_id: actor.tenantId,
      file_name: fileName,
      file_size: input.size ?? 0,
      format: 'csv',
      row_count: 0,
      wrapped_key: key.wrapped,
      master_key_id: key.masterKeyId,
      created_by: actor.userId,
      updated_at: ctx.now(),
      created_at: ctx.now(),
    });
    const counter = { bytes: 0 };
    let pending: { tenant_id: string; import_id: string; row_number: number; data: string }[] = [];
    const summary = await readImportFile({
      fileName,
      source: counting(input.source, counter),
      size: input.size,
      maxBytes: input.maxBytes,
      encoding: input.encoding,
      delimiter: input.delimiter,
      sheet: input.sheet,
      onRow: async (row) => {
        pending.push({
          tenant_id: actor.tenantId,
          import_id: id,
          row_number: row.rowNumber,
          data: sealRow({ dataKey: key.dataKey, importId: id, rowNumber: row.rowNumber, values: row.values }),
        });
        if (pending.length >= 2000) {
          const chunk = pending;
          pending = [];
          await repo.insertRows(tx, chunk);
        }
      },
    });
    await repo.insertRows(tx, pending);
    await repo.updateImport(tx, id, {
      format: summary.format,
      encoding: summary.encoding,
      delimiter: summary.delimiter,
      sheet: summary.sheet ?? null,
      columns: JSON.stringify(summary.columns),
      row_count: summary.rowCount,
      findings: JSON.stringify(summary.findings),
      finding_counts: JSON.stringify(summary.findingCounts),
      file_size: counter.bytes,
    });
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'create',
      fields: ['person_imports'],
      note: `person import ${id} staged: ${summary.rowCount} rows (${summary.format})`,
    });
    return presentImport(tx, ctx, await findOrFail(tx, id), true);
  });
};

export const getImport = (ctx: AppContext, actor: Actor, id: string) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertCan(actor, 'imports.read');
    // the preview shows file values: only to those who may run the import
    return presentImport(
      tx,
      ctx,
      await findOrFail(tx, id),
      canDo({ role: actor.role, action: 'imports.run' }),
    );
  });

export const listImports = (
  ctx: AppContext,
  actor: Actor,
  query: { status?: string; page: number; pageSize: number },
) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertCan(actor, 'imports.read');
    const { items, total } = await repo.listImports(tx, query);
    const saved = await savedMappings(tx);
    return { items: items.map((row) => toPersonImport(row, { saved })), total };
  });

/** What each declared purpose needs, from the deletion concept's data types of the tenant's jurisdiction. */
const purposeNeeds = async (tx: Tx, tenantId: string) => {
  await ensureDeletionConcept(tx, { tenantId });
  const settings = (await tx.selectFrom('tenants').select('settings').executeTakeFirst())?.settings;
  const dataTypes = await tx
    .selectFrom('data_types')
    .select(['purpose_id', 'data_categories'])
    .where('jurisdiction', '=', jurisdictionOf(settings))
    .execute();
  return purposeNeedsFromDataTypes({
    dataTypes: dataTypes.map((d) => ({ purposeId: d.purpose_id, dataCategories: d.data_categories })),
  });
};

/**
 * The mapping and the facts of the whole batch: the mapping checked against the file's columns
 * (`import_mapping_invalid`), every mapped field writable by the role, legal basis and purposes
 * checked against the purpose catalogue like a person's, then minimised: columns no declared purpose
 * needs are dropped and listed. A new mapping makes the last check stale.
 */
export const setImportSettings = (ctx: AppContext, actor: Actor, id: string, body: ImportSettingsInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertCan(actor, 'imports.run');
    await repo.lockImport(tx, id);
    const row = await findOrFail(tx, id);
    assertStaged(row);
    const mapping = validateMapping({ columns: row.columns, mapping: body.mapping });
    assertMappingWritable(actor, mapping);
    const departmentIds = body.departmentIds ?? (seesAllDepartments(actor.role) ? [] : actor.departmentIds);
    await assertReferences(tx, actor, { departmentIds });
    const purposes = [...new Set(body.purposes)];
    assertPrivacyFacts({
      facts: {
        legalBasis: body.legalBasis,
        purposes,
        collectedAt: ctx.now(),
        expiresAt: null,
        specialCategoryBasis: null,
        holdsSpecialCategory: Object.values(mapping).includes('accessibilityNeeds'),
      },
      catalogue: await listPurposes(tx),
    });
    const minimised = minimiseMapping({
      columns: row.columns,
      mapping,
      purposes,
      needs: await purposeNeeds(tx, actor.tenantId),
    });
    let mappingId = row.mapping_id;
    if (body.saveMappingAs) {
      const saved = await repo.upsertMapping(tx, {
        tenant_id: actor.tenantId,
        name: body.saveMappingAs,
        columns: row.columns,
        mapping,
        created_by: actor.userId,
      });
      mappingId = saved.id;
    }
    await repo.updateImport(tx, id, {
      mapping: JSON.stringify(mapping),
      dropped_columns: JSON.stringify(minimised.dropped),
      mapping_id: mappingId,
      person_kind: body.personKind,
      legal_basis: body.legalBasis,
      purposes,
      source_kind: body.source.kind,
      source_detail: body.source.detail ?? null,
      department_ids: departmentIds,
      counts: null,
      checked_at: null,
      checked_state: null,
    });
    return presentImport(tx, ctx, await findOrFail(tx, id), true);
  });

/** Discards a staged batch: its sealed rows and its key are destroyed; the batch stays as a record. */
export const discardImport = (ctx: AppContext, actor: Actor, id: string) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertCan(actor, 'imports.run');
    await repo.lockImport(tx, id);
    const row = await findOrFail(tx, id);
    assertStaged(row);
    await repo.destroyStagedData(tx, id);
    await repo.updateImport(tx, id, { status: 'discarded', discarded_at: ctx.now() });
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'erase',
      fields: ['person_imports'],
      note: `person import ${id} discarded; staged rows destroyed`,
    });
  });

/**
 * Housekeeping (with the scheduler's other purges): staged batches older than `STAGED_IMPORT_DAYS`
 * lose their staged rows and key and are marked expired. Across tenants as the owner role.
 */
export const purgeStaleImports = async (ctx: AppContext, options: { now?: Date; days?: number } = {}) => {
  const now = options.now ?? ctx.now();
  const before = new Date(now.getTime() - (options.days ?? STAGED_IMPORT_DAYS) * DAY);
  return asSystem(ctx.db.kysely, async (tx) => {
    const stale = await repo.staleStagedImports(tx, before);
    for (const { id } of stale) {
      await repo.destroyStagedData(tx, id);
      await repo.updateImport(tx, id, { status: 'expired', discarded_at: now });
    }
    return { expired: stale.length };
  });
};
