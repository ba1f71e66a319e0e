import { inTenant, type Tx } from '../../db/tenant.ts';
import { visibilityOf } from '../../db/visibility.ts';
import { AppError } from '../../domain/errors.ts';
import { prepareRecord } from '../../domain/matching/prepare.ts';
import type { Contribution } from '../../domain/matching/score.ts';
import { scorePair } from '../../domain/matching/score.ts';
import { defaultChoices, MERGE_FIELDS, type SurvivorshipRecord } from '../../domain/matching/survivorship.ts';
import { canDo } from '../../domain/permissions/roles.ts';
import { PERSON_FIELD_CATEGORIES, type PersonField } from '../../domain/privacy/data-categories.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { assertPersonVisible, loadPerson } from '../persons/persons.service.ts';
import { toDuplicatePerson, visibleExplanation } from './duplicates.mapper.ts';
import * as repo from './duplicates.repository.ts';
import { preparedOf, scanWithin, thresholdOf } from './duplicates.scan.ts';
import { matchKeysOf, matchRecordOf, refreshMatchKeys } from './match-keys.ts';

const assertReviewer = (actor: Actor) => {
  if (!canDo({ role: actor.role, action: 'duplicates.review' })) throw new AppError('forbidden');
};

const explanationOf = (value: unknown): Contribution[] =>
  (typeof value === 'string' ? JSON.parse(value) : value) as Contribution[];

/** POST /duplicates/scan: refreshes the suggestions of the whole tenant. */
export const scanDuplicates = (ctx: AppContext, actor: Actor) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertReviewer(actor);
    return scanWithin(tx, { tenantId: actor.tenantId, now: ctx.now() });
  });

/** The daily scan of every tenant (scheduler, CLI): no actor. */
export const scanTenant = (ctx: AppContext, tenantId: string) =>
  inTenant(ctx.db.kysely, tenantId, (tx) => scanWithin(tx, { tenantId, now: ctx.now() }));

const FILL_CHUNK = 1000;

/**
 * Blocking keys for the persons that have none yet: a bulk import writes persons without them (the
 * keys of 77,000 persons are ~460,000 indexed rows, which would double the import's time; the import
 * itself already compared its rows with each other and with the persons there). Runs in transactions
 * of 1,000 persons, stopping once `maxPersons` are done (the scheduler's share per minute), so it never
 * holds up other work for long (on PGlite every statement waits for it); returns how many got keys.
 */
export const fillMissingMatchKeys = async (
  ctx: AppContext,
  tenantId: string,
  options: { maxPersons?: number } = {},
) => {
  let filled = 0;
  let after: string | null = null;
  while (filled < (options.maxPersons ?? Number.POSITIVE_INFINITY)) {
    const ids: string[] = await inTenant(ctx.db.kysely, tenantId, async (tx) => {
      const ids = await repo.personIdsWithoutMatchKeys(tx, after, FILL_CHUNK);
      await refreshMatchKeys(tx, { tenantId, personIds: ids });
      return ids;
    });
    filled += ids.length;
    if (ids.length < FILL_CHUNK) return filled;
    after = ids[ids.length - 1] as string;
  }
  return filled;
};

const pairItems = async (
  tx: Tx,
  actor: Actor,
  rows: {
    id: string;
    person_a: string;
    person_b: string;
    score: string;
    explanation: unknown;
    names_swapped: boolean;
    found_at: Date;
  }[],
) => {
  const summaries = new Map(
    (
      await repo.summariesOf(
        tx,
        [...new Set(rows.flatMap((r) => [r.person_a, r.person_b]))],
        visibilityOf(actor),
      )
    ).map((r) => [r.id, toDuplicatePerson(r, actor.role)]),
  );
  return rows.flatMap((r) => {
    const a = summaries.get(r.person_a);
    const b = summaries.get(r.person_b);
    if (!a || !b) return [];
    return [
      {
        id: r.id,
        score: Number(r.score),
        namesSwapped: r.names_swapped,
        explanation: visibleExplanation(explanationOf(r.explanation), actor.role),
        foundAt: r.found_at.toISOString(),
        a,
        b,
      },
    ];
  });
};

/** GET /duplicates: open suggestions whose two persons the actor may see, best score first. */
export const listSuggestions = (
  ctx: AppContext,
  actor: Actor,
  query: { page: number; pageSize: number; personId?: string },
) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertReviewer(actor);
    const { rows, total } = await repo.listOpen(tx, { visibility: visibilityOf(actor), ...query });
    return { items: await pairItems(tx, actor, rows), total, page: query.page, pageSize: query.pageSize };
  });

/**
 * GET /persons/:id/duplicates: candidates for one person found now (blocking keys computed from its
 * current data, and trigram-similar names), scored; those at or above the threshold are stored as
 * open suggestions (so they can be dismissed or merged) unless the pair was decided before.
 */
export const duplicatesOfPerson = (ctx: AppContext, actor: Actor, personId: string) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertReviewer(actor);
    await assertPersonVisible(tx, actor, personId);
    const [row] = await repo.matchColumnsOf(tx, [personId]);
    if (!row) throw new AppError('not_found', { params: { entity: 'person' } });
    const prepared = prepareRecord({ record: matchRecordOf(row) });
    const ids = await repo.candidatesOf(tx, {
      personId,
      keys: matchKeysOf(actor.tenantId, prepared),
      names: `${row.first_name} ${row.last_name}`,
      visibility: visibilityOf(actor),
      limit: 200,
    });
    const threshold = await thresholdOf(tx);
    const decided = await repo.decidedPairs(tx, personId);
    const others = await preparedOf(tx, ids);
    const inserts: repo.SuggestionInsert[] = [];
    for (const [id, other] of others) {
      const [a, b] = personId < id ? [personId, id] : [id, personId];
      if (decided.has(`${a}|${b}`)) continue;
      const scored =
        a === personId ? scorePair({ a: prepared, b: other }) : scorePair({ a: other, b: prepared });
      if (scored.score < threshold) continue;
      inserts.push({
        tenant_id: actor.tenantId,
        person_a: a,
        person_b: b,
        score: scored.score,
        explanation: JSON.stringify(scored.contributions),
        names_swapped: scored.namesSwapped,
        found_at: ctx.now(),
      });
    }
    await repo.upsertSuggestions(tx, inserts);
    const { rows } = await repo.listOpen(tx, {
      visibility: visibilityOf(actor),
      personId,
      page: 1,
      pageSize: 200,
    });
    const items = await pairItems(tx, actor, rows);
    return { items, total: items.length, page: 1, pageSize: 200 };
  });

/** POST /duplicates/:id/dismiss: "not the same person"; the pair is never suggested again. */
export const dismissSuggestion = (ctx: AppContext, actor: Actor, id: string) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertReviewer(actor);
    const row = await repo.findSuggestion(tx, id);
    if (!row) throw new AppError('not_found', { params: { entity: 'duplicate_suggestion' } });
    await assertPersonVisible(tx, actor, row.person_a);
    await assertPersonVisible(tx, actor, row.person_b);
    if (row.status !== 'open') throw new AppError('duplicate_already_decided');
    await repo.decideSuggestion(tx, { id, status: 'dismissed', by: actor.userId, at: ctx.now() });
    for (const [subject, other] of [
      [row.person_a, row.person_b],
      [row.person_b, row.person_a],
    ] as const)
      await recordAudit(tx, ctx, actor.tenantId, {
        actor,
        action: 'update',
        subject: { type: 'person', id: subject },
        fields: ['duplicate_dismissed'],
        note: `not a duplicate of ${other}`,
      });
    return { id, status: 'dismissed' as const };
  });

const verifiedAtOf = (p: object) => {
  const v = (p as { verifiedAt?: string | null }).verifiedAt;
  return v ? new Date(v) : null;
};

const survivorshipOf = (p: Awaited<ReturnType<typeof loadPerson>>): SurvivorshipRecord => ({
  values: {
    kind: p.kind,
    firstName: p.firstName,
    lastName: p.lastName,
    email: p.email,
    phone: p.phone,
    birthDate: p.birthDate,
    jobTitle: p.jobTitle,
    address: p.address,
    organization: p.organization?.id ?? null,
    notes: p.notes,
    accessibilityNeeds: p.accessibilityNeeds,
  },
  updatedAt: new Date(p.updatedAt),
  verifiedAt: verifiedAtOf(p),
});

/** GET /duplicates/compare: both persons side by side with the survivorship defaults per field. */
export const comparePersons = (
  ctx: AppContext,
  actor: Actor,
  input: { survivorId: string; mergedId: string },
) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertReviewer(actor);
    const survivor = await loadPerson(tx, ctx, actor, input.survivorId);
    const merged = await loadPerson(tx, ctx, actor, input.mergedId);
    for (const p of [survivor, merged])
      await recordAudit(tx, ctx, actor.tenantId, {
        actor,
        action: 'read',
        subject: { type: 'person', id: p.id },
        fields: Object.keys(PERSON_FIELD_CATEGORIES).filter(
          (f) => !p.hiddenFields.includes(f as PersonField),
        ),
      });
    const suggestion = await repo.findSuggestionByPair(tx, input.survivorId, input.mergedId);
    return {
      survivor,
      merged,
      defaults: defaultChoices({ survivor: survivorshipOf(survivor), merged: survivorshipOf(merged) }),
      fields: [...MERGE_FIELDS],
      suggestionId: suggestion?.status === 'open' ? suggestion.id : null,
    };
  });
