import { inTenant, type Tx } from '../../db/tenant.ts';
import { jurisdictionOf } from '../../domain/billing/retention.ts';
import { AppError } from '../../domain/errors.ts';
import { type Action, canDo } from '../../domain/permissions/roles.ts';
import {
  type ActivityInput,
  activityFields,
  buildRopaDocument,
  liveTexts,
  missingForConfirmation,
  type RopaPart,
  type RopaSettingsInput,
  statusOf,
} from '../../domain/ropa/ropa-document.ts';
import { type ActivityFacts, buildActivityFacts, factsFingerprint } from '../../domain/ropa/ropa-facts.ts';
import type { RopaLanguage } from '../../domain/ropa/ropa-labels.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { dpiaStatusByPurpose } from '../dpia/dpia.status.ts';
import { registerForRopa } from '../recipients/register.ropa.ts';
import { ensureDeletionConcept } from '../retention/deletion-concept.rules.ts';
import * as repo from './ropa.repository.ts';
import type {
  RopaActivityCreateInput,
  RopaActivityPatchInput,
  RopaSettingsPutInput,
} from './ropa.schemas.ts';

/**
 * The record of processing activities (Art. 30 GDPR). Every declared purpose is one activity of the
 * controller's record; its facts come from the live system on every read (data types and deletion
 * rules, persons per kind, the system register, the DPIA status), the DPO's texts override them field
 * by field, and a confirmation fixes a fingerprint of the facts so a later change of the system shows.
 * Activities as a processor (Art. 30(2)) are kept by hand. Admins read, the DPO maintains.
 */

const assertMay = (actor: Actor, action: Action) => {
  if (!canDo({ role: actor.role, action })) throw new AppError('forbidden');
};

/** The deletion concept is seeded lazily, on first use. */
const ensureConcept = (tx: Tx, tenantId: string) => ensureDeletionConcept(tx, { tenantId });

type Loaded = {
  settings: RopaSettingsInput & { version: number; updatedAt: string | null };
  jurisdiction: string;
  purposes: Map<string, Awaited<ReturnType<typeof repo.listPurposes>>[number]>;
  facts: Map<string, ActivityFacts>;
};

const settingsOf = (row: repo.SettingsRow | undefined, tenantName: string): Loaded['settings'] => ({
  controllerName: row ? row.controller_name : tenantName,
  controllerAddress: row?.controller_address ?? null,
  controllerContact: row?.controller_contact ?? null,
  jointControllers: row?.joint_controllers ?? null,
  representative: row?.representative ?? null,
  dpoName: row?.dpo_name ?? null,
  dpoContact: row?.dpo_contact ?? null,
  toms: row?.toms ?? null,
  version: row?.version ?? 0,
  updatedAt: row ? row.updated_at.toISOString() : null,
});

/** Everything the record needs from the live system, in one tenant transaction. */
const load = async (tx: Tx, ctx: AppContext, tenantId: string): Promise<Loaded> => {
  await ensureConcept(tx, tenantId);
  await repo.addMissingPurposeActivities(tx, tenantId);
  const tenant = await repo.findTenant(tx, tenantId);
  const jurisdiction = jurisdictionOf(tenant?.settings);
  const [settingsRow, purposes, dataTypes, persons, register, dpia] = [
    await repo.findSettings(tx),
    await repo.listPurposes(tx),
    await repo.listDataTypes(tx, jurisdiction),
    await repo.personStats(tx),
    await registerForRopa(tx),
    await dpiaStatusByPurpose(tx, { now: ctx.now() }),
  ];
  const facts = new Map<string, ActivityFacts>();
  for (const p of purposes)
    facts.set(
      p.id,
      buildActivityFacts({
        purpose: {
          id: p.id,
          label: { de: p.label_de, en: p.label_en },
          description: { de: p.description_de, en: p.description_en },
          legalBases: p.legal_bases,
        },
        dataTypes: dataTypes.map((d) => ({
          id: d.id,
          purposeId: d.purpose_id,
          name: { de: d.name_de, en: d.name_en },
          legalBasis: d.legal_basis,
          subjectGroup: d.subject_group,
          dataCategories: d.data_categories,
          period: { de: d.period_de, en: d.period_en },
          startType: d.start_type,
          startEvent: d.start_event,
        })),
        persons: persons.map((s) => ({
          purposeId: s.purpose_id,
          kind: s.kind,
          count: s.n,
          withSpecial: s.special,
        })),
        register,
        dpia,
      }),
    );
  return {
    settings: settingsOf(settingsRow, tenant?.name ?? ''),
    jurisdiction,
    purposes: new Map(purposes.map((p) => [p.id, p])),
    facts,
  };
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const activityInput = (row: repo.ActivityRow, facts: ActivityFacts | null): ActivityInput => ({
  id: row.id,
  part: row.part,
  purposeId: row.purpose_id,
  status: row.status,
  confirmedAt: row.confirmed_at,
  changed: row.status === 'confirmed' && facts !== null && row.confirmed_facts !== factsFingerprint(facts),
  name: row.name,
  description: row.description,
  legalBases: row.legal_bases,
  subjectCategories: row.subject_categories,
  dataCategories: row.data_categories,
  recipients: row.recipients,
  transfers: row.transfers,
  erasure: row.erasure,
  toms: row.toms,
  controllerName: row.controller_name,
  controllerContact: row.controller_contact,
  controllerRepresentative: row.controller_representative,
  controllerDpo: row.controller_dpo,
  processingCategories: row.processing_categories,
});

const liveOf = (row: repo.ActivityRow, loaded: Loaded, language: RopaLanguage) => {
  const facts = row.purpose_id ? (loaded.facts.get(row.purpose_id) ?? null) : null;
  const purpose = row.purpose_id ? loaded.purposes.get(row.purpose_id) : undefined;
  if (!facts) return { toms: loaded.settings.toms ?? '' };
  return liveTexts({
    facts,
    purpose: purpose
      ? {
          label: { de: purpose.label_de, en: purpose.label_en },
          description: { de: purpose.description_de, en: purpose.description_en },
        }
      : null,
    generalToms: loaded.settings.toms,
    language,
  });
};

const missingOf = (row: repo.ActivityRow, loaded: Loaded) => {
  const facts = row.purpose_id ? (loaded.facts.get(row.purpose_id) ?? null) : null;
  const activity = activityInput(row, facts);
  const fields = activityFields({ activity, live: liveOf(row, loaded, 'de'), language: 'de' });
  return missingForConfirmation({ settings: loaded.settings, part: row.part, fields });
};

const toActivity = (row: repo.ActivityRow, loaded: Loaded) => {
  const facts = row.purpose_id ? (loaded.facts.get(row.purpose_id) ?? null) : null;
  const purpose = row.purpose_id ? loaded.purposes.get(row.purpose_id) : undefined;
  const input = activityInput(row, facts);
  const { id, part, purposeId, confirmedAt: _c, changed: _x, status: _s, ...texts } = input;
  return {
    id,
    part,
    purposeId,
    purpose: purpose ? { id: purpose.id, label: { de: purpose.label_de, en: purpose.label_en } } : null,
    ...texts,
    status: statusOf(input),
    confirmedAt: iso(row.confirmed_at),
    confirmedBy: row.confirmed_by_name ?? null,
    version: row.version,
    facts,
    live: {
      de: liveOf(row, loaded, 'de') as Record<string, string>,
      en: liveOf(row, loaded, 'en') as Record<string, string>,
    },
    missing: missingOf(row, loaded),
  };
};

const viewOf = async (tx: Tx, loaded: Loaded) => ({
  settings: loaded.settings,
  jurisdiction: loaded.jurisdiction,
  activities: (await repo.listActivities(tx)).map((row) => toActivity(row, loaded)),
});

/** The whole record with the live facts (ropa.read). */
export const getRopa = (ctx: AppContext, actor: Actor) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'ropa.read');
    return viewOf(tx, await load(tx, ctx, actor.tenantId));
  });

/** Saves the controller's details (Art. 30(1)(a)) and the general TOMs (ropa.manage). */
export const putSettings = (ctx: AppContext, actor: Actor, input: RopaSettingsPutInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'ropa.manage');
    const current = await repo.findSettings(tx);
    const currentVersion = current?.version ?? 0;
    if (input.version !== currentVersion)
      throw new AppError('version_conflict', { params: { current: currentVersion } });
    const values = {
      controller_name: input.controllerName ?? null,
      controller_address: input.controllerAddress ?? null,
      controller_contact: input.controllerContact ?? null,
      joint_controllers: input.jointControllers ?? null,
      representative: input.representative ?? null,
      dpo_name: input.dpoName ?? null,
      dpo_contact: input.dpoContact ?? null,
      toms: input.toms ?? null,
      updated_at: ctx.now(),
      updated_by: actor.userId,
    };
    if (current) {
      if (!(await repo.updateSettings(tx, currentVersion, values)))
        throw new AppError('version_conflict', { params: { current: currentVersion } });
    } else await repo.insertSettings(tx, { tenant_id: actor.tenantId, ...values });
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'settings_change',
      fields: Object.keys(input)
        .filter((k) => k !== 'version')
        .map((k) => `ropa.${k}`),
      note: 'record of processing activities: controller details',
    });
    return viewOf(tx, await load(tx, ctx, actor.tenantId));
  });

const textColumns = (input: Partial<RopaActivityPatchInput>) => {
  const map = {
    name: 'name',
    description: 'description',
    legalBases: 'legal_bases',
    subjectCategories: 'subject_categories',
    dataCategories: 'data_categories',
    recipients: 'recipients',
    transfers: 'transfers',
    erasure: 'erasure',
    toms: 'toms',
    controllerName: 'controller_name',
    controllerContact: 'controller_contact',
    controllerRepresentative: 'controller_representative',
    controllerDpo: 'controller_dpo',
    processingCategories: 'processing_categories',
  } as const;
  const values: Partial<Record<(typeof map)[keyof typeof map], string | null>> = {};
  for (const [key, column] of Object.entries(map))
    if (key in input && input[key as keyof typeof map] !== undefined)
      values[column] = input[key as keyof typeof map] ?? null;
  return values;
};

const findActivity = async (tx: Tx, id: string) => {
  const row = await repo.findActivity(tx, id);
  if (!row) throw new AppError('not_found', { params: { entity: 'ropa_activity' } });
  return row;
};

/** Adds a hand-kept activity: Art. 30(1) outside the declared purposes, or Art. 30(2) (ropa.manage). */
export const createActivity = (ctx: AppContext, actor: Actor, input: RopaActivityCreateInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'ropa.manage');
    if (input.part === 'processor' && !input.controllerName)
      throw new AppError('ropa_incomplete', {
        params: { fields: 'controllerName' },
        details: { fields: ['controllerName'] },
      });
    const { part, ...texts } = input;
    const now = ctx.now();
    const { id } = await repo.insertActivity(tx, {
      tenant_id: actor.tenantId,
      part,
      ...textColumns(texts),
      created_at: now,
      updated_at: now,
    });
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'create',
      note: `ropa activity ${id} created (${part})`,
    });
    const loaded = await load(tx, ctx, actor.tenantId);
    return toActivity(await findActivity(tx, id), loaded);
  });

/** Edits, confirms or reopens an activity (ropa.manage; 409 version_conflict, 422 ropa_incomplete). */
export const patchActivity = (ctx: AppContext, actor: Actor, id: string, input: RopaActivityPatchInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'ropa.manage');
    const row = await findActivity(tx, id);
    if (row.version !== input.version)
      throw new AppError('version_conflict', { params: { current: row.version } });
    const texts = textColumns(input);
    if (row.part === 'processor' && 'controller_name' in texts && !texts.controller_name)
      throw new AppError('ropa_incomplete', {
        params: { fields: 'controllerName' },
        details: { fields: ['controllerName'] },
      });
    if (row.part === 'controller' && row.purpose_id && input.active === false)
      throw new AppError('invalid_status_change');
    const now = ctx.now();
    const changedTexts = Object.entries(texts).some(([k, v]) => row[k as keyof typeof texts] !== v);
    const loaded = await load(tx, ctx, actor.tenantId);
    const next = { ...row, ...texts };
    let status: Partial<Parameters<typeof repo.updateActivity>[3]> = {};
    if (input.status === 'confirmed') {
      const missing = missingOf(next, loaded);
      if (missing.length > 0)
        throw new AppError('ropa_incomplete', {
          params: { fields: missing.join(', ') },
          details: { fields: missing },
        });
      const facts = row.purpose_id ? loaded.facts.get(row.purpose_id) : undefined;
      status = {
        status: 'confirmed',
        confirmed_at: now,
        confirmed_by: actor.userId,
        confirmed_facts: facts ? factsFingerprint(facts) : null,
      };
    } else if (input.status === 'draft' || (changedTexts && row.status === 'confirmed'))
      status = { status: 'draft', confirmed_at: null, confirmed_by: null, confirmed_facts: null };
    const values = {
      ...texts,
      ...status,
      ...(input.active === undefined ? {} : { active: input.active }),
      updated_at: now,
    };
    if (!(await repo.updateActivity(tx, id, row.version, values)))
      throw new AppError('version_conflict', { params: { current: row.version } });
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'update',
      fields: Object.keys(values)
        .filter((k) => k !== 'updated_at')
        .map((k) => `ropa_activity.${k}`),
      note: `ropa activity ${id}${input.status ? ` ${input.status}` : ''}`,
    });
    return toActivity(await findActivity(tx, id), loaded);
  });

/** The record as a document in one language, for the export (ropa.read). The export is audited. */
export const ropaDocument = (
  ctx: AppContext,
  actor: Actor,
  input: { language: RopaLanguage; part?: RopaPart; format: string },
) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'ropa.read');
    const loaded = await load(tx, ctx, actor.tenantId);
    const rows = await repo.listActivities(tx);
    const document = buildRopaDocument({
      language: input.language,
      now: ctx.now(),
      settings: loaded.settings,
      parts: input.part ? [input.part] : ['controller', 'processor'],
      activities: rows.map((row) => ({
        activity: activityInput(row, row.purpose_id ? (loaded.facts.get(row.purpose_id) ?? null) : null),
        live: liveOf(row, loaded, input.language),
      })),
    });
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'export',
      note: `record of processing activities (${input.format}, ${input.language}${input.part ? `, ${input.part}` : ''})`,
    });
    return document;
  });
