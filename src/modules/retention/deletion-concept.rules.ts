import type { Tx } from '../../db/tenant.ts';
import { CLASS_PRESETS, classId, DATA_TYPE_PRESETS, PERIOD_PRESETS } from '../../domain/retention/presets.ts';
import { SWEEP_TARGETS, type SweepTargetId } from '../../domain/retention/targets.ts';
import type { SweepRule } from './targets/target.ts';

const PRESET_IDS = DATA_TYPE_PRESETS.map((d) => d.id);

/**
 * Seeds the shipped deletion concept (standard periods, deletion classes, DE and AT data types) for
 * a tenant where it is missing; idempotent (insert … on conflict do nothing, never overwriting what
 * the DPO changed), safe to call before every read or sweep. A data type whose purpose the tenant
 * does not have is left out. Works in a tenant transaction and in the owner's set-up transaction.
 */
export const ensureDeletionConcept = async (tx: Tx, input: { tenantId: string }): Promise<void> => {
  const { tenantId } = input;
  const present = await tx
    .selectFrom('data_types')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('id', 'in', PRESET_IDS)
    .executeTakeFirst();
  if (Number(present?.n ?? 0) === PRESET_IDS.length) return;

  await tx
    .insertInto('retention_periods')
    .values(
      PERIOD_PRESETS.map((p) => ({
        tenant_id: tenantId,
        id: p.id,
        label_de: p.labelDe,
        label_en: p.labelEn,
        years: p.years,
        months: p.months,
        days: p.days,
        round_to_year_end: p.roundToYearEnd,
        built_in: true,
      })),
    )
    .onConflict((oc) => oc.columns(['tenant_id', 'id']).doNothing())
    .execute();
  // a cell the DPO already created under another id stays theirs (unique period × start type)
  const cells = await tx
    .selectFrom('deletion_classes')
    .select(['id', 'period_id', 'start_type'])
    .where('tenant_id', '=', tenantId)
    .execute();
  const classes = CLASS_PRESETS.filter(
    (c) => !cells.some((x) => x.id === c.id || (x.period_id === c.periodId && x.start_type === c.startType)),
  );
  if (classes.length > 0)
    await tx
      .insertInto('deletion_classes')
      .values(
        classes.map((c) => ({
          tenant_id: tenantId,
          id: c.id,
          period_id: c.periodId,
          start_type: c.startType,
          built_in: true,
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
  const classOfCell = new Map(
    (
      await tx
        .selectFrom('deletion_classes')
        .select(['id', 'period_id', 'start_type'])
        .where('tenant_id', '=', tenantId)
        .execute()
    ).map((c) => [`${c.period_id}/${c.start_type}`, c.id]),
  );
  const purposes = new Set(
    (await tx.selectFrom('purposes').select('id').where('tenant_id', '=', tenantId).execute()).map(
      (p) => p.id,
    ),
  );
  // a target the DPO already gave to one of their own active data types keeps that rule
  const taken = new Set(
    (
      await tx
        .selectFrom('data_types')
        .select(['jurisdiction', 'target'])
        .where('tenant_id', '=', tenantId)
        .where('active', '=', true)
        .where('target', 'is not', null)
        .execute()
    ).map((d) => `${d.jurisdiction}/${d.target}`),
  );
  const dataTypes = DATA_TYPE_PRESETS.filter((d) => purposes.has(d.purposeId));
  if (dataTypes.length === 0) return;
  await tx
    .insertInto('data_types')
    .values(
      dataTypes.map((d) => ({
        tenant_id: tenantId,
        id: d.id,
        jurisdiction: d.jurisdiction,
        name_de: d.nameDe,
        name_en: d.nameEn,
        description_de: d.descriptionDe,
        description_en: d.descriptionEn,
        purpose_id: d.purposeId,
        legal_basis: d.legalBasis,
        subject_group: d.subjectGroup,
        data_categories: d.dataCategories,
        deletion_class_id:
          classOfCell.get(`${d.periodId}/${d.startType}`) ?? classId(d.periodId, d.startType),
        start_event: d.startEvent,
        target: d.target,
        statute: d.statute,
        method: d.method,
        active: !(d.target && taken.has(`${d.jurisdiction}/${d.target}`)),
        built_in: true,
      })),
    )
    .onConflict((oc) => oc.columns(['tenant_id', 'id']).doNothing())
    .execute();
};

/** The active data types with a target in the given jurisdiction, as rules the sweep carries out. */
export const activeRules = async (tx: Tx, input: { jurisdiction: string }): Promise<SweepRule[]> => {
  const rows = await tx
    .selectFrom('data_types as d')
    .innerJoin('deletion_classes as c', (j) =>
      j.onRef('c.tenant_id', '=', 'd.tenant_id').onRef('c.id', '=', 'd.deletion_class_id'),
    )
    .innerJoin('retention_periods as p', (j) =>
      j.onRef('p.tenant_id', '=', 'c.tenant_id').onRef('p.id', '=', 'c.period_id'),
    )
    .select(['d.id', 'd.target', 'p.years', 'p.months', 'p.days', 'p.round_to_year_end'])
    .where('d.jurisdiction', '=', input.jurisdiction)
    .where('d.active', '=', true)
    .where('d.target', 'is not', null)
    .orderBy('d.id')
    .execute();
  return rows
    .filter((r): r is typeof r & { target: SweepTargetId } => r.target !== null && r.target in SWEEP_TARGETS)
    .map((r) => ({
      dataTypeId: r.id,
      target: r.target,
      period: { years: r.years, months: r.months, days: r.days, roundToYearEnd: r.round_to_year_end },
    }));
};
