import type { CountryCode } from 'libphonenumber-js';
import { inTenant, type Tx } from '../../db/tenant.ts';
import { type Visibility, visibilityOf } from '../../db/visibility.ts';
import { germanPostalTable } from '../../domain/contact/postal.ts';
import { AppError } from '../../domain/errors.ts';
import { canDo, canRead, canWrite } from '../../domain/permissions/roles.ts';
import {
  type Finding,
  isWarning,
  percent,
  QUALITY_CATEGORIES,
  QUALITY_FIELDS,
  type QualityCategory,
  staleCutoff,
  validityFindings,
} from '../../domain/quality/rules.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { tenantPhoneRegion } from '../persons/persons.contact.ts';
import * as repo from './data-quality.repository.ts';
import type {
  QualityDashboardType,
  QualityListQueryType,
  QualityListType,
  QualityProblem,
} from './data-quality.schemas.ts';

/**
 * The data quality dashboard (accuracy, Art. 5(1)(d)): completeness and staleness are counted in SQL;
 * validity needs the JS rules (libphonenumber, the postal code table), so the few columns they read
 * stream through in batches and only counts (or, for a list, ids with findings) are kept.
 */

const BATCH = 2000;

const assertQualityRead = (actor: Actor) => {
  if (!canDo({ role: actor.role, action: 'quality.read' })) throw new AppError('forbidden');
  if (!canRead({ role: actor.role, category: 'identity' }))
    throw new AppError('field_not_readable', { params: { field: 'firstName', category: 'identity' } });
};

const readableCategories = (actor: Actor) =>
  QUALITY_CATEGORIES.filter((category) => canRead({ role: actor.role, category }));

type Scanned = { id: string; first_name: string; last_name: string; findings: Finding[] };

/** Runs the validity rules over every visible person in batches; `onPerson` sees each one's findings. */
const scanValidity = async (
  tx: Tx,
  input: { ctx: AppContext; visibility: Visibility; onPerson: (p: Scanned) => void },
) => {
  const region = (await tenantPhoneRegion(tx)) as CountryCode;
  const now = input.ctx.now();
  const postalTable = germanPostalTable();
  let afterId: string | null = null;
  for (;;) {
    const rows = await repo.validityBatch(tx, { visibility: input.visibility, afterId, limit: BATCH });
    for (const r of rows) {
      const findings = validityFindings({
        person: {
          email: r.email,
          phone: r.phone,
          postalCode: r.postal_code,
          city: r.city,
          country: r.country,
          birthDate: r.birth_date,
        },
        now,
        region,
        postalTable,
      });
      input.onPerson({ id: r.id, first_name: r.first_name, last_name: r.last_name, findings });
    }
    if (rows.length < BATCH) return;
    afterId = rows[rows.length - 1]!.id;
  }
};

export const qualityDashboard = async (ctx: AppContext, actor: Actor): Promise<QualityDashboardType> => {
  assertQualityRead(actor);
  const visibility = visibilityOf(actor);
  const categories = readableCategories(actor);
  return inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    const months = await repo.staleMonths(tx);
    const cutoff = staleCutoff({ now: ctx.now(), months });
    const counts = await repo.completenessCounts(tx, { visibility, cutoff });
    const duplicates = await repo.duplicateCounts(tx, { visibility });
    const invalid = new Map<
      QualityCategory,
      { invalid: number; warnings: number; problems: Map<string, number> }
    >(categories.map((c) => [c, { invalid: 0, warnings: 0, problems: new Map() }]));
    await scanValidity(tx, {
      ctx,
      visibility,
      onPerson: ({ findings }) => {
        for (const c of categories) {
          const mine = findings.filter((f) => f.category === c);
          if (mine.length === 0) continue;
          const tally = invalid.get(c)!;
          if (mine.some((f) => !isWarning(f.problem))) tally.invalid += 1;
          else tally.warnings += 1;
          for (const problem of new Set(mine.map((f) => f.problem)))
            tally.problems.set(problem, (tally.problems.get(problem) ?? 0) + 1);
        }
      },
    });
    const total = counts.total;
    return {
      generatedAt: ctx.now().toISOString(),
      persons: total,
      categories: categories.map((category) => {
        const tally = invalid.get(category)!;
        const complete = counts.complete[category];
        return {
          category,
          fields: QUALITY_FIELDS[category].map((field) => ({
            field,
            filled: counts.filled[field],
            filledPercent: percent({ part: counts.filled[field], total }),
          })),
          complete,
          completePercent: percent({ part: complete, total }),
          invalid: tally.invalid,
          invalidPercent: percent({ part: tally.invalid, total }),
          warnings: tally.warnings,
          problems: [...tally.problems].map(([problem, count]) => ({
            problem: problem as QualityProblem,
            count,
          })),
        };
      }),
      duplicates: { ...duplicates, personsPercent: percent({ part: duplicates.persons, total }) },
      staleness: {
        months,
        cutoff: cutoff.toISOString(),
        stale: counts.stale,
        stalePercent: percent({ part: counts.stale, total }),
      },
    };
  });
};

const ref = (id: string, first: string, last: string) => ({ id, firstName: first, lastName: last });
const emptyItem = { findings: [], duplicateOf: null, suggestionId: null, lastConfirmedAt: null };

/** One page of persons to work through for a check, within the caller's departments and read rights. */
export const qualityList = async (
  ctx: AppContext,
  actor: Actor,
  check: QualityListType['check'],
  query: QualityListQueryType,
): Promise<QualityListType> => {
  assertQualityRead(actor);
  const visibility = visibilityOf(actor);
  const readable = readableCategories(actor);
  if (query.category && !readable.includes(query.category))
    throw new AppError('field_not_readable', { params: { field: query.category, category: query.category } });
  const categories = query.category ? [query.category] : readable;
  const page = { page: query.page, pageSize: query.pageSize };
  const items = await inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    if (check === 'incomplete') {
      const fields = categories.flatMap((c) => [...QUALITY_FIELDS[c]]);
      const { rows, total } = await repo.listIncomplete(tx, { ...page, visibility, fields });
      return {
        total,
        items: rows.map((r) => ({
          ...emptyItem,
          person: ref(r.id, r.first_name, r.last_name),
          findings: r.missing.map((field) => ({ field, problem: 'missing' as const })),
        })),
      };
    }
    if (check === 'stale') {
      const cutoff = staleCutoff({ now: ctx.now(), months: await repo.staleMonths(tx) });
      const { rows, total } = await repo.listStale(tx, { ...page, visibility, cutoff });
      return {
        total,
        items: rows.map((r) => ({
          ...emptyItem,
          person: ref(r.id, r.first_name, r.last_name),
          findings: [{ field: null, problem: 'stale' as const }],
          lastConfirmedAt: new Date(r.last_confirmed_at).toISOString(),
        })),
      };
    }
    if (check === 'duplicates') {
      const { rows, total } = await repo.listDuplicates(tx, { ...page, visibility });
      return {
        total,
        items: rows.map((r) => ({
          ...emptyItem,
          person: ref(r.person_a, r.a_first_name, r.a_last_name),
          findings: [{ field: null, problem: 'duplicate' as const }],
          duplicateOf: { ...ref(r.person_b, r.b_first_name, r.b_last_name), score: Number(r.score) },
          suggestionId: r.id,
        })),
      };
    }
    const found: Scanned[] = [];
    await scanValidity(tx, {
      ctx,
      visibility,
      onPerson: (p) => {
        const mine = p.findings.filter((f) => categories.includes(f.category));
        if (mine.length > 0) found.push({ ...p, findings: mine });
      },
    });
    found.sort(
      (a, b) =>
        a.last_name.localeCompare(b.last_name, 'de') ||
        a.first_name.localeCompare(b.first_name, 'de') ||
        a.id.localeCompare(b.id),
    );
    const start = (query.page - 1) * query.pageSize;
    return {
      total: found.length,
      items: found.slice(start, start + query.pageSize).map((p) => ({
        ...emptyItem,
        person: ref(p.id, p.first_name, p.last_name),
        findings: p.findings.map((f) => ({ field: f.field, problem: f.problem })),
      })),
    };
  });
  return { check, ...items, ...page };
};

export const qualitySettings = async (ctx: AppContext, actor: Actor) => {
  assertQualityRead(actor);
  return { staleMonths: await inTenant(ctx.db.kysely, actor.tenantId, repo.staleMonths) };
};

export const updateQualitySettings = async (
  ctx: AppContext,
  actor: Actor,
  input: { staleMonths: number },
) => {
  if (!canDo({ role: actor.role, action: 'quality.manage' })) throw new AppError('forbidden');
  return inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    const before = await repo.staleMonths(tx);
    await repo.saveStaleMonths(tx, {
      tenantId: actor.tenantId,
      months: input.staleMonths,
      userId: actor.userId,
      now: ctx.now(),
    });
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'settings_change',
      fields: ['dataQuality.staleMonths'],
      note: `data quality: stale after ${before} → ${input.staleMonths} months`,
    });
    return { staleMonths: input.staleMonths };
  });
};

/** Marks a person's data as confirmed today (accuracy check done): sets verified_at, audited. */
export const markPersonVerified = async (ctx: AppContext, actor: Actor, id: string) => {
  if (!canDo({ role: actor.role, action: 'quality.read' })) throw new AppError('forbidden');
  if (!canWrite({ role: actor.role, category: 'identity' }))
    throw new AppError('field_not_writable', { params: { field: 'verifiedAt', category: 'identity' } });
  return inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    const row = await repo.markVerified(tx, { id, visibility: visibilityOf(actor), at: ctx.now() });
    if (!row?.verified_at) throw new AppError('not_found', { params: { entity: 'Person' } });
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'update',
      subject: { type: 'person', id },
      fields: ['verifiedAt'],
      note: 'data quality: verified',
    });
    return { id, verifiedAt: row.verified_at.toISOString() };
  });
};
