import { randomUUID } from 'node:crypto';
import { inTenant, type Tx } from '../../db/tenant.ts';
import { visibilityOf } from '../../db/visibility.ts';
import { AppError } from '../../domain/errors.ts';
import type { MarketingChannel } from '../../domain/marketing/eligibility.ts';
import { referencedIds, SegmentDefinition } from '../../domain/marketing/segment-definition.ts';
import { type Action, canDo } from '../../domain/permissions/roles.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { evaluateDefinitionWithin, marketingUseWithin } from './segments.evaluation.ts';
import * as repo from './segments.repository.ts';
import type {
  SegmentCreateInput,
  SegmentEvaluationView,
  SegmentPreviewInput,
  SegmentUpdateInput,
} from './segments.schemas.ts';

/**
 * Segments: saved filters over persons, their organisations, interactions, deals and orders. A segment
 * with a purpose and channel is a marketing segment: its evaluation leaves out every person the rule
 * `marketingEligibility` excludes, and counts them by reason.
 *
 * Visibility: a segment evaluated through these routes covers the persons the acting user may see
 * (department scope, as the persons list), so nobody learns about records of other departments from a
 * count or a sample. Campaigns (evaluateSegmentWithin, no actor) evaluate tenant-wide.
 */

const assertMay = (actor: Actor, action: Action) => {
  if (!canDo({ role: actor.role, action })) throw new AppError('forbidden');
};

const toSegment = (row: repo.SegmentRow) => ({
  id: row.id,
  name: row.name,
  description: row.description,
  definition: SegmentDefinition.parse(row.definition),
  purposeId: row.purpose_id,
  channel: row.channel,
  version: row.version,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

const findSegment = async (tx: Tx, id: string) => {
  const row = await repo.findSegment(tx, id);
  if (!row || row.archived_at !== null) throw new AppError('not_found', { params: { entity: 'segment' } });
  return row;
};

type Use = { purposeId?: string | null | undefined; channel?: MarketingChannel | null | undefined };

/**
 * A purpose needs a channel and vice versa (segment_purpose_required); the purpose must be declared
 * (unknown_purpose) and advertising (campaign_not_marketing); the definition's tags, customer groups
 * and purposes must exist in the tenant (unknown_tag, unknown_customer_group, unknown_purpose).
 */
const checkUse = async (tx: Tx, definition: SegmentDefinition, use: Use) => {
  const purposeId = use.purposeId ?? null;
  const channel = use.channel ?? null;
  if ((purposeId === null) !== (channel === null)) throw new AppError('segment_purpose_required');
  const refs = referencedIds(definition);
  const tags = new Set(await repo.existingTagIds(tx, refs.tagIds));
  const missingTag = refs.tagIds.find((id) => !tags.has(id));
  if (missingTag) throw new AppError('unknown_tag', { params: { id: missingTag } });
  const groups = new Set(await repo.existingCustomerGroupIds(tx, refs.customerGroupIds));
  const missingGroup = refs.customerGroupIds.find((id) => !groups.has(id));
  if (missingGroup) throw new AppError('unknown_customer_group', { params: { id: missingGroup } });
  for (const p of refs.purposeIds)
    if (!(await repo.purposeBases(tx, p))) throw new AppError('unknown_purpose', { params: { purpose: p } });
  return purposeId && channel ? marketingUseWithin(tx, purposeId, channel) : null;
};

const assertNameFree = async (tx: Tx, name: string, except?: string) => {
  const existing = await repo.findActiveSegmentByName(tx, name);
  if (existing && existing.id !== except) throw new AppError('segment_name_taken', { params: { name } });
};

export const listSegments = (ctx: AppContext, actor: Actor) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'marketing.read');
    return { items: (await repo.listSegments(tx)).map(toSegment) };
  });

export const getSegment = (ctx: AppContext, actor: Actor, id: string) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'marketing.read');
    return toSegment(await findSegment(tx, id));
  });

export const createSegment = (ctx: AppContext, actor: Actor, input: SegmentCreateInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'marketing.manage');
    await checkUse(tx, input.definition, input);
    await assertNameFree(tx, input.name);
    const id = randomUUID();
    await repo.insertSegment(tx, {
      id,
      tenant_id: actor.tenantId,
      name: input.name,
      description: input.description ?? null,
      definition: input.definition,
      purpose_id: input.purposeId ?? null,
      channel: input.channel ?? null,
      created_by: actor.userId,
      now: ctx.now(),
    });
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'settings_change',
      fields: ['segment'],
      note: `segment ${id} created${input.purposeId ? ` for ${input.purposeId} by ${input.channel}` : ''}`,
    });
    return toSegment(await findSegment(tx, id));
  });

export const updateSegment = (ctx: AppContext, actor: Actor, id: string, input: SegmentUpdateInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'marketing.manage');
    const current = await findSegment(tx, id);
    if (current.version !== input.version) throw new AppError('version_conflict');
    await checkUse(tx, input.definition, input);
    await assertNameFree(tx, input.name, id);
    const updated = await repo.updateSegment(tx, id, input.version, {
      name: input.name,
      description: input.description ?? null,
      definition: input.definition,
      purpose_id: input.purposeId ?? null,
      channel: input.channel ?? null,
      now: ctx.now(),
    });
    if (!updated) throw new AppError('version_conflict');
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'settings_change',
      fields: ['segment'],
      note: `segment ${id} changed`,
    });
    return toSegment(await findSegment(tx, id));
  });

/** Archives a segment; refused (409 segment_in_use) while a scheduled campaign will still use it. */
export const archiveSegment = (ctx: AppContext, actor: Actor, id: string) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'marketing.manage');
    await findSegment(tx, id);
    if ((await repo.pendingCampaignsOf(tx, id)).length > 0) throw new AppError('segment_in_use');
    await repo.archiveSegment(tx, id, ctx.now());
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'settings_change',
      fields: ['segment'],
      note: `segment ${id} archived`,
    });
  });

const evaluation = async (
  tx: Tx,
  ctx: AppContext,
  actor: Actor,
  definition: SegmentDefinition,
  use: repo.MarketingUse | null,
): Promise<SegmentEvaluationView> => {
  const evaluatedAt = ctx.now();
  const result = await evaluateDefinitionWithin(tx, ctx, {
    definition,
    use,
    visibility: visibilityOf(actor),
    includeRecipients: false,
  });
  return {
    matched: result.matched,
    eligible: result.eligible,
    excluded: result.excluded,
    sample: result.sample.map((s) => ({
      personId: s.id,
      firstName: s.first_name,
      lastName: s.last_name,
      basis: s.cls === 'consent' || s.cls === 'legitimate_interest' ? s.cls : null,
    })),
    purposeId: use?.purposeId ?? null,
    channel: use?.channel ?? null,
    evaluatedAt: evaluatedAt.toISOString(),
  };
};

/** Evaluates an unsaved definition (the editor's live count). */
export const previewSegment = (ctx: AppContext, actor: Actor, input: SegmentPreviewInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'marketing.read');
    const use = await checkUse(tx, input.definition, input);
    return evaluation(tx, ctx, actor, input.definition, use);
  });

/** Evaluates a saved segment for its purpose and channel, over the persons the user may see. */
export const evaluateSegment = (ctx: AppContext, actor: Actor, id: string) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'marketing.read');
    const row = await findSegment(tx, id);
    const use =
      row.purpose_id && row.channel ? await marketingUseWithin(tx, row.purpose_id, row.channel) : null;
    return evaluation(tx, ctx, actor, SegmentDefinition.parse(row.definition), use);
  });
