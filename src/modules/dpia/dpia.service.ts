import { randomUUID } from 'node:crypto';
import type { StoredDpiaRisk } from '../../db/schema-dpia.ts';
import { inTenant, type Tx } from '../../db/tenant.ts';
import {
  assertSignOff,
  assessRisk,
  defaultReviewDate,
  missingContent,
  overallResidual,
} from '../../domain/dpia/dpia-rules.ts';
import { AppError } from '../../domain/errors.ts';
import { type Action, canDo } from '../../domain/permissions/roles.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import * as repo from './dpia.repository.ts';
import type { DpiaCreateInput, DpiaPatchInput, DpiaSignOffInput, ScreeningPutInput } from './dpia.schemas.ts';
import { berlinToday, screenPurposes } from './dpia.status.ts';
import { renderDpiaPdf } from './dpia-pdf.ts';

/**
 * Data protection impact assessments (Art. 35 GDPR). Reading for ropa.read (admin, DPO), changing for
 * dpia.manage (DPO). One series per purpose; a signed-off DPIA is read-only (also in the database), a
 * review starts a new revision that replaces it once signed off. A DPIA describes processing, not
 * people, so nothing here is sealed; every change is in the audit trail without a subject.
 */

const assertMay = (actor: Actor, action: Action) => {
  if (!canDo({ role: actor.role, action })) throw new AppError('forbidden');
};

export const toDpia = (row: repo.DpiaRow) => {
  const risks = row.risks.map((r) => ({ ...r, ...assessRisk(r) }));
  return {
    id: row.id,
    purposeId: row.purpose_id,
    seriesId: row.series_id,
    revision: row.revision,
    previousId: row.previous_id,
    title: row.title,
    status: row.status,
    triggers: row.triggers,
    answers: row.answers,
    risks,
    residualLevel: overallResidual(row.risks),
    dpoOpinion: row.dpo_opinion,
    consultationAt: row.consultation_at,
    consultationReference: row.consultation_reference,
    reviewAt: row.review_at,
    signedOffAt: row.signed_off_at ? row.signed_off_at.toISOString() : null,
    signedOffBy: row.signed_off_at ? (row.signed_off_by_name ?? null) : null,
    missing: missingContent({ answers: row.answers, risks: row.risks, dpoOpinion: row.dpo_opinion }),
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
};
export type DpiaView = ReturnType<typeof toDpia>;

const findDpia = async (tx: Tx, id: string) => {
  const row = await repo.findDpia(tx, id);
  if (!row) throw new AppError('not_found', { params: { entity: 'dpia' } });
  return row;
};

const findDraft = async (tx: Tx, id: string, version: number) => {
  const row = await findDpia(tx, id);
  if (row.status !== 'draft') throw new AppError('dpia_signed_off');
  if (row.version !== version) throw new AppError('version_conflict', { params: { current: row.version } });
  return row;
};

const audit = (
  tx: Tx,
  ctx: AppContext,
  actor: Actor,
  action: 'create' | 'update' | 'export',
  fields: string[],
  note: string,
) => recordAudit(tx, ctx, actor.tenantId, { actor, action, fields, note });

export const listDpias = (ctx: AppContext, actor: Actor) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'ropa.read');
    return { items: (await repo.listDpias(tx)).map(toDpia) };
  });

export const getDpia = (ctx: AppContext, actor: Actor, id: string) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'ropa.read');
    return toDpia(await findDpia(tx, id));
  });

/** The screening of every declared purpose (Schwellwertanalyse) with its DPIA standing. */
export const listScreenings = (ctx: AppContext, actor: Actor) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'ropa.read');
    return { items: await screenPurposes(tx, { now: ctx.now() }) };
  });

const findScreened = async (tx: Tx, now: Date, purposeId: string) => {
  const screening = (await screenPurposes(tx, { now })).find((s) => s.purposeId === purposeId);
  if (!screening) throw new AppError('unknown_purpose', { params: { purpose: purposeId } });
  return screening;
};

/** Stores the DPO's screening answers of a purpose (first answers without version, then with it). */
export const putScreening = (ctx: AppContext, actor: Actor, purposeId: string, input: ScreeningPutInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'dpia.manage');
    const now = ctx.now();
    await findScreened(tx, now, purposeId);
    const values = {
      criteria: [...new Set(input.criteria)],
      note: input.note ?? null,
      screened_by: actor.userId,
      screened_at: now,
    };
    const stored = await repo.findScreening(tx, purposeId);
    if (!stored) {
      if (input.version !== undefined && input.version !== 1)
        throw new AppError('version_conflict', { params: { current: 0 } });
      const inserted = await repo.insertScreening(tx, {
        tenant_id: actor.tenantId,
        purpose_id: purposeId,
        ...values,
      });
      if (!inserted) throw new AppError('version_conflict', { params: { current: 1 } });
    } else {
      const version = input.version ?? -1;
      if (!(await repo.updateScreening(tx, purposeId, version, values)))
        throw new AppError('version_conflict', { params: { current: stored.version } });
    }
    await audit(
      tx,
      ctx,
      actor,
      'update',
      ['dpia_screening.criteria', 'dpia_screening.note'],
      `dpia screening ${purposeId}`,
    );
    return findScreened(tx, now, purposeId);
  });

/** Starts the DPIA of a purpose (one series per purpose: 409 conflict when it exists; review it instead). */
export const createDpia = (ctx: AppContext, actor: Actor, input: DpiaCreateInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'dpia.manage');
    const now = ctx.now();
    const screening = await findScreened(tx, now, input.purposeId);
    if (await repo.findSeriesOfPurpose(tx, input.purposeId)) throw new AppError('conflict');
    const id = randomUUID();
    await repo.insertDpia(tx, {
      id,
      tenant_id: actor.tenantId,
      purpose_id: input.purposeId,
      series_id: id,
      title: input.title ?? `DSFA ${screening.labelDe}`,
      triggers: screening.triggers,
      answers: '{}',
      risks: '[]',
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    await audit(tx, ctx, actor, 'create', ['dpia'], `dpia ${input.purposeId} started`);
    return toDpia(await findDpia(tx, id));
  });

const storedRisks = (risks: NonNullable<DpiaPatchInput['risks']>): StoredDpiaRisk[] => {
  const ids = new Set<string>();
  return risks.map((r) => {
    const id = r.id && !ids.has(r.id) ? r.id : randomUUID();
    ids.add(id);
    return {
      id,
      title: r.title,
      description: r.description ?? null,
      likelihood: r.likelihood,
      severity: r.severity,
      measures: r.measures.map((m) => ({ text: m.text, kind: m.kind })),
      residualLikelihood: r.residualLikelihood ?? null,
      residualSeverity: r.residualSeverity ?? null,
    };
  });
};

/** Changes a draft: questionnaire answers (merged), risks (replaced), opinion, Art. 36 consultation. */
export const updateDpia = (ctx: AppContext, actor: Actor, id: string, patch: DpiaPatchInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'dpia.manage');
    const row = await findDraft(tx, id, patch.version);
    const values: Parameters<typeof repo.updateDpia>[3] = {};
    if (patch.title !== undefined) values.title = patch.title;
    if (patch.answers !== undefined) {
      const merged: Record<string, string> = { ...row.answers };
      for (const [key, value] of Object.entries(patch.answers)) {
        if (value) merged[key] = value;
        else delete merged[key];
      }
      values.answers = JSON.stringify(merged);
    }
    if (patch.risks !== undefined) values.risks = repo.jsonRisks(storedRisks(patch.risks));
    if (patch.dpoOpinion !== undefined) values.dpo_opinion = patch.dpoOpinion;
    if (patch.consultationAt !== undefined) values.consultation_at = patch.consultationAt;
    if (patch.consultationReference !== undefined)
      values.consultation_reference = patch.consultationReference;
    const fields = Object.keys(values);
    if (fields.length === 0) return toDpia(row);
    if (!(await repo.updateDpia(tx, id, patch.version, { ...values, updated_at: ctx.now() })))
      throw new AppError('version_conflict', { params: { current: row.version } });
    await audit(
      tx,
      ctx,
      actor,
      'update',
      fields.map((f) => `dpia.${f}`),
      `dpia ${row.purpose_id} r${row.revision} changed`,
    );
    return toDpia(await findDpia(tx, id));
  });

/**
 * Signs a draft off (Art. 35(7) complete, measures for every risk, residual risk assessed, Art. 36
 * consultation when it stays high, a review date after today — default one year). The revision it
 * reviews becomes superseded.
 */
export const signOffDpia = (ctx: AppContext, actor: Actor, id: string, input: DpiaSignOffInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'dpia.manage');
    const row = await findDraft(tx, id, input.version);
    const now = ctx.now();
    const today = berlinToday(now);
    const reviewAt = input.reviewAt ?? defaultReviewDate(today);
    const dpoOpinion = input.dpoOpinion ?? row.dpo_opinion;
    assertSignOff({
      answers: row.answers,
      risks: row.risks,
      dpoOpinion,
      consultationAt: row.consultation_at,
      reviewAt,
      today,
    });
    await repo.supersedeOthers(tx, row.series_id, row.id, now);
    const done = await repo.updateDpia(tx, id, input.version, {
      status: 'signed_off',
      signed_off_at: now,
      signed_off_by: actor.userId,
      review_at: reviewAt,
      dpo_opinion: dpoOpinion,
      updated_at: now,
    });
    if (!done) throw new AppError('version_conflict', { params: { current: row.version } });
    await audit(
      tx,
      ctx,
      actor,
      'update',
      ['dpia.status', 'dpia.review_at'],
      `dpia ${row.purpose_id} r${row.revision} signed off, review ${reviewAt}`,
    );
    return toDpia(await findDpia(tx, id));
  });

/**
 * Starts the review of a DPIA: a new draft revision with the content of the latest signed-off one and
 * the current screening triggers. The open draft of the series, if any, is returned instead (200).
 */
export const reviewDpia = (ctx: AppContext, actor: Actor, id: string) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'dpia.manage');
    const row = await findDpia(tx, id);
    const draft = await repo.findDraftOfSeries(tx, row.series_id);
    if (draft) return { created: false, dpia: toDpia(await findDpia(tx, draft.id)) };
    const base = (await repo.listDpias(tx)).find(
      (d) => d.series_id === row.series_id && d.status === 'signed_off',
    );
    if (!base) throw new AppError('not_found', { params: { entity: 'dpia' } });
    const now = ctx.now();
    const screening = await findScreened(tx, now, row.purpose_id);
    const newId = randomUUID();
    await repo.insertDpia(tx, {
      id: newId,
      tenant_id: actor.tenantId,
      purpose_id: base.purpose_id,
      series_id: base.series_id,
      revision: base.revision + 1,
      previous_id: base.id,
      title: base.title,
      triggers: screening.triggers,
      answers: JSON.stringify(base.answers),
      risks: repo.jsonRisks(base.risks),
      consultation_at: base.consultation_at,
      consultation_reference: base.consultation_reference,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    await audit(
      tx,
      ctx,
      actor,
      'create',
      ['dpia'],
      `dpia ${base.purpose_id} r${base.revision + 1} review started`,
    );
    return { created: true, dpia: toDpia(await findDpia(tx, newId)) };
  });

/** The DPIA as PDF (recorded as an export in the audit trail). */
export const dpiaPdf = async (ctx: AppContext, actor: Actor, id: string, language: 'de' | 'en') => {
  const { dpia, controller, purposeLabel } = await inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'ropa.read');
    const row = await findDpia(tx, id);
    const tenant = await tx.selectFrom('tenants').select('name').executeTakeFirst();
    const purpose = (await repo.listPurposes(tx)).find((p) => p.id === row.purpose_id);
    await audit(tx, ctx, actor, 'export', ['dpia'], `dpia ${row.purpose_id} r${row.revision} PDF`);
    return {
      dpia: toDpia(row),
      controller: tenant?.name ?? 'Custos',
      purposeLabel: (language === 'de' ? purpose?.label_de : purpose?.label_en) ?? row.purpose_id,
    };
  });
  return renderDpiaPdf({ language, controller, purposeLabel, printedAt: ctx.now(), dpia });
};
