import { inTenant, type Tx } from '../../db/tenant.ts';
import { type Jurisdiction, jurisdictionOf } from '../../domain/billing/retention.ts';
import { AppError } from '../../domain/errors.ts';
import { type Action, canDo } from '../../domain/permissions/roles.ts';
import type { RetentionPeriod, StartType } from '../../domain/retention/periods.ts';
import {
  checkMinimum,
  comparePeriods,
  periodText,
  STATUTES,
  type Statute,
  statuteById,
} from '../../domain/retention/statutes.ts';
import { SWEEP_TARGET_IDS, SWEEP_TARGETS, type SweepTargetId } from '../../domain/retention/targets.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import * as repo from './deletion-concept.repository.ts';
import { ensureDeletionConcept } from './deletion-concept.rules.ts';
import type {
  DataTypeCreateInput,
  DataTypePatchInput,
  DeletionClassCreateInput,
  RetentionPeriodCreateInput,
  RetentionSettingsInput,
} from './deletion-concept.schemas.ts';

/**
 * The deletion concept after DIN 66398 as data: standard periods, deletion classes (period × start
 * type), data types with exactly one deletion rule each. The DPO changes it (retention.manage); the
 * admin reads it. A rule shorter than its statutory minimum is refused (422), a second active rule
 * for the same records too (409). Changes are audited as settings changes; they name no person.
 */

const assertMay = (actor: Actor, action: Action) => {
  if (!canDo({ role: actor.role, action })) throw new AppError('forbidden');
};

const periodOf = (row: {
  years: number;
  months: number;
  days: number;
  round_to_year_end: boolean;
}): RetentionPeriod => ({
  years: row.years,
  months: row.months,
  days: row.days,
  roundToYearEnd: row.round_to_year_end,
});

const statuteOut = (s: Statute) => ({
  id: s.id,
  jurisdiction: s.jurisdiction,
  basis: s.basis,
  labelDe: s.labelDe,
  labelEn: s.labelEn,
  minimumDe: periodText(s.period, 'de'),
  minimumEn: periodText(s.period, 'en'),
  ...s.period,
});

const toDataType = (row: repo.DataTypeRow) => {
  const statute = row.statute ? statuteById(row.statute) : undefined;
  return {
    id: row.id,
    jurisdiction: row.jurisdiction,
    nameDe: row.name_de,
    nameEn: row.name_en,
    descriptionDe: row.description_de,
    descriptionEn: row.description_en,
    purposeId: row.purpose_id,
    purposeLabelDe: row.purpose_label_de,
    purposeLabelEn: row.purpose_label_en,
    legalBasis: row.legal_basis,
    subjectGroup: row.subject_group,
    dataCategories: row.data_categories,
    deletionClassId: row.deletion_class_id,
    periodId: row.period_id,
    startType: row.start_type,
    period: periodOf(row),
    periodLabelDe: row.period_label_de,
    periodLabelEn: row.period_label_en,
    startEvent: row.start_event,
    target: row.target,
    statute: row.statute,
    minimum: statute ? statuteOut(statute) : null,
    method: row.method,
    active: row.active,
    builtIn: row.built_in,
    version: row.version,
    updatedAt: row.updated_at.toISOString(),
  };
};

const jurisdictionOfTenant = async (tx: Tx, tenantId: string): Promise<Jurisdiction> =>
  jurisdictionOf(await repo.tenantSettings(tx, tenantId));

/** The whole concept of one jurisdiction; the catalogue of deletion rules sorted by period. */
export const getConcept = (ctx: AppContext, actor: Actor, query: { jurisdiction?: Jurisdiction }) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'retention.read');
    await ensureDeletionConcept(tx, { tenantId: actor.tenantId });
    const tenantJurisdiction = await jurisdictionOfTenant(tx, actor.tenantId);
    const jurisdiction = query.jurisdiction ?? tenantJurisdiction;
    const dataTypes = (await repo.listDataTypes(tx, jurisdiction)).map(toDataType);
    dataTypes.sort(
      (a, b) =>
        comparePeriods(a.period, b.period) ||
        Number(b.active) - Number(a.active) ||
        a.nameDe.localeCompare(b.nameDe, 'de'),
    );
    const periods = (await repo.listPeriods(tx)).map((p) => ({
      id: p.id,
      labelDe: p.label_de,
      labelEn: p.label_en,
      ...periodOf(p),
      builtIn: p.built_in,
    }));
    periods.sort((a, b) => comparePeriods(a, b) || a.id.localeCompare(b.id));
    return {
      jurisdiction,
      tenantJurisdiction,
      periods,
      classes: (await repo.listClasses(tx)).map((c) => ({
        id: c.id,
        periodId: c.period_id,
        startType: c.start_type,
        builtIn: c.built_in,
      })),
      dataTypes,
      statutes: STATUTES.filter((s) => s.jurisdiction === jurisdiction).map(statuteOut),
      targets: SWEEP_TARGET_IDS.map((id) => ({ id, ...SWEEP_TARGETS[id] })),
    };
  });

const audit = (tx: Tx, ctx: AppContext, actor: Actor, fields: string[], note: string) =>
  recordAudit(tx, ctx, actor.tenantId, { actor, action: 'settings_change', fields, note });

export const createPeriod = (ctx: AppContext, actor: Actor, input: RetentionPeriodCreateInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'retention.manage');
    await ensureDeletionConcept(tx, { tenantId: actor.tenantId });
    if (await repo.findPeriod(tx, input.id)) throw new AppError('conflict', { details: { id: input.id } });
    await repo.insertPeriod(tx, {
      tenant_id: actor.tenantId,
      id: input.id,
      label_de: input.labelDe,
      label_en: input.labelEn,
      years: input.years,
      months: input.months,
      days: input.days,
      round_to_year_end: input.roundToYearEnd,
    });
    await audit(tx, ctx, actor, ['retention_period'], `retention period ${input.id} created`);
    const row = await repo.findPeriod(tx, input.id);
    if (!row) throw new AppError('not_found', { params: { entity: 'retention_period' } });
    return {
      id: row.id,
      labelDe: row.label_de,
      labelEn: row.label_en,
      ...periodOf(row),
      builtIn: row.built_in,
    };
  });

export const createClass = (ctx: AppContext, actor: Actor, input: DeletionClassCreateInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'retention.manage');
    await ensureDeletionConcept(tx, { tenantId: actor.tenantId });
    if (!(await repo.findPeriod(tx, input.periodId)))
      throw new AppError('not_found', { params: { entity: 'retention_period' } });
    const id = input.id ?? `${input.periodId}_${input.startType}`;
    if (id.length > 63) throw new AppError('validation_failed', { details: { field: 'id' } });
    const existing = await repo.findClassByCell(tx, input.periodId, input.startType);
    if (existing || (await repo.findClass(tx, id)))
      throw new AppError('conflict', { details: { id: existing?.id ?? id } });
    await repo.insertClass(tx, {
      tenant_id: actor.tenantId,
      id,
      period_id: input.periodId,
      start_type: input.startType,
    });
    await audit(tx, ctx, actor, ['deletion_class'], `deletion class ${id} created`);
    return { id, periodId: input.periodId, startType: input.startType, builtIn: false };
  });

/**
 * The rules every data type keeps: a declared purpose, an existing class whose start type is the
 * target's, a statute of its own country, a period not shorter than the statute's, and no other
 * active data type of the same country for its records.
 */
const checkRule = async (
  tx: Tx,
  rule: {
    id: string;
    jurisdiction: string;
    purposeId: string;
    deletionClassId: string;
    target: string | null;
    statute: string | null;
    active: boolean;
  },
) => {
  if (!(await repo.purposeExists(tx, rule.purposeId)))
    throw new AppError('unknown_purpose', { params: { purpose: rule.purposeId } });
  const cls = await repo.findClass(tx, rule.deletionClassId);
  if (!cls) throw new AppError('not_found', { params: { entity: 'deletion_class' } });
  const target = rule.target ? SWEEP_TARGETS[rule.target as SweepTargetId] : null;
  if (target && target.startType !== cls.start_type)
    throw new AppError('validation_failed', {
      details: { field: 'deletionClassId', startType: cls.start_type, targetStartType: target.startType },
    });
  if (rule.statute && statuteById(rule.statute)?.jurisdiction !== rule.jurisdiction)
    throw new AppError('validation_failed', {
      details: { field: 'statute', jurisdiction: rule.jurisdiction },
    });
  checkMinimum({ period: periodOf(cls), statute: rule.statute });
  if (rule.target && rule.active) {
    const holder = await repo.targetHolder(tx, {
      jurisdiction: rule.jurisdiction,
      target: rule.target,
      exceptId: rule.id,
    });
    if (holder)
      throw new AppError('retention_rule_conflict', {
        params: { dataType: holder.name_de, dataType_de: holder.name_de, dataType_en: holder.name_en },
        details: { dataTypeId: holder.id },
      });
  }
  return cls.start_type as StartType;
};

const findDataType = async (tx: Tx, id: string) => {
  const row = await repo.findDataType(tx, id);
  if (!row) throw new AppError('not_found', { params: { entity: 'data_type' } });
  return row;
};

export const createDataType = (ctx: AppContext, actor: Actor, input: DataTypeCreateInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'retention.manage');
    await ensureDeletionConcept(tx, { tenantId: actor.tenantId });
    if (await repo.dataTypeExists(tx, input.id))
      throw new AppError('conflict', { details: { id: input.id } });
    const active = input.active ?? true;
    const statute = input.statute ?? null;
    await checkRule(tx, { ...input, statute, active });
    await repo.insertDataType(tx, {
      tenant_id: actor.tenantId,
      id: input.id,
      jurisdiction: input.jurisdiction,
      name_de: input.nameDe,
      name_en: input.nameEn,
      description_de: input.descriptionDe ?? '',
      description_en: input.descriptionEn ?? '',
      purpose_id: input.purposeId,
      legal_basis: input.legalBasis,
      subject_group: input.subjectGroup,
      data_categories: [...new Set(input.dataCategories)],
      deletion_class_id: input.deletionClassId,
      start_event: input.startEvent,
      target: input.target,
      statute,
      method: input.target ? SWEEP_TARGETS[input.target].method : 'document_only',
      active,
    });
    await audit(tx, ctx, actor, ['data_type'], `data type ${input.id} created`);
    return toDataType(await findDataType(tx, input.id));
  });

const COLUMNS = {
  nameDe: 'name_de',
  nameEn: 'name_en',
  descriptionDe: 'description_de',
  descriptionEn: 'description_en',
  legalBasis: 'legal_basis',
  subjectGroup: 'subject_group',
  dataCategories: 'data_categories',
  startEvent: 'start_event',
  purposeId: 'purpose_id',
  deletionClassId: 'deletion_class_id',
  statute: 'statute',
  active: 'active',
} as const;

/**
 * The class of a matrix cell, created when the cell is still empty (inside the caller's transaction:
 * a refused change leaves no class behind).
 */
const classOfCell = async (
  tx: Tx,
  ctx: AppContext,
  actor: Actor,
  cell: { periodId: string; startType: StartType },
): Promise<string> => {
  const existing = await repo.findClassByCell(tx, cell.periodId, cell.startType);
  if (existing) return existing.id;
  if (!(await repo.findPeriod(tx, cell.periodId)))
    throw new AppError('not_found', { params: { entity: 'retention_period' } });
  const id = `${cell.periodId}_${cell.startType}`.slice(0, 63);
  if (await repo.findClass(tx, id)) throw new AppError('conflict', { details: { id } });
  await repo.insertClass(tx, {
    tenant_id: actor.tenantId,
    id,
    period_id: cell.periodId,
    start_type: cell.startType,
  });
  await audit(tx, ctx, actor, ['deletion_class'], `deletion class ${id} created`);
  return id;
};

/** Changes a data type at the version read; only changed columns count and are audited. */
export const updateDataType = (ctx: AppContext, actor: Actor, id: string, patch: DataTypePatchInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'retention.manage');
    const row = await findDataType(tx, id);
    if (patch.version !== row.version)
      throw new AppError('version_conflict', { params: { current: row.version } });
    const values: Record<string, unknown> = {};
    if (patch.periodId !== undefined || patch.startType !== undefined) {
      if (patch.deletionClassId !== undefined)
        throw new AppError('validation_failed', { details: { field: 'deletionClassId' } });
      patch = {
        ...patch,
        deletionClassId: await classOfCell(tx, ctx, actor, {
          periodId: patch.periodId ?? row.period_id,
          startType: patch.startType ?? row.start_type,
        }),
      };
    }
    for (const [key, column] of Object.entries(COLUMNS)) {
      let value = patch[key as keyof typeof COLUMNS];
      if (value === undefined) continue;
      if (key === 'dataCategories') value = [...new Set(value as DataTypePatchInput['dataCategories'] & {})];
      if (JSON.stringify(row[column]) !== JSON.stringify(value)) values[column] = value;
    }
    if (Object.keys(values).length === 0) return toDataType(row);
    await checkRule(tx, {
      id,
      jurisdiction: row.jurisdiction,
      target: row.target,
      purposeId: (values.purpose_id as string | undefined) ?? row.purpose_id,
      deletionClassId: (values.deletion_class_id as string | undefined) ?? row.deletion_class_id,
      statute: values.statute !== undefined ? (values.statute as string | null) : row.statute,
      active: (values.active as boolean | undefined) ?? row.active,
    });
    if (
      !(await repo.updateDataType(tx, {
        id,
        version: patch.version,
        values: { ...values, updated_at: ctx.now() },
      }))
    )
      throw new AppError('version_conflict', { params: { current: row.version } });
    await audit(
      tx,
      ctx,
      actor,
      Object.keys(values).map((c) => `data_type.${c}`),
      `data type ${id} updated`,
    );
    return toDataType(await findDataType(tx, id));
  });

export const getSettings = (ctx: AppContext, actor: Actor) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'retention.read');
    return { jurisdiction: await jurisdictionOfTenant(tx, actor.tenantId) };
  });

/** Sets the tenant's jurisdiction: its deletion rules, and the retention of new invoices, follow it. */
export const putSettings = (ctx: AppContext, actor: Actor, input: RetentionSettingsInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'retention.manage');
    const current = await jurisdictionOfTenant(tx, actor.tenantId);
    if (current !== input.jurisdiction) {
      await repo.setJurisdiction(tx, actor.tenantId, input.jurisdiction);
      await audit(
        tx,
        ctx,
        actor,
        ['tenant.jurisdiction'],
        `jurisdiction ${current} -> ${input.jurisdiction}`,
      );
    }
    return { jurisdiction: input.jurisdiction };
  });
