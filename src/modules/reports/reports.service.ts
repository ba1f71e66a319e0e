import { inTenant } from '../../db/tenant.ts';
import { visibilityOf } from '../../db/visibility.ts';
import { assertCurrency, formatCents } from '../../domain/billing/money.ts';
import { AppError } from '../../domain/errors.ts';
import { canDo } from '../../domain/permissions/roles.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import type { Locale } from '../../server/messages.ts';
import { quarterLabel, quarterRange, quarterStart } from './quarters.ts';
import * as repo from './reports.repository.ts';
import { AGE_BUCKETS, type CASE_PRIORITIES, type RevenueQueryInput } from './reports.schemas.ts';

/**
 * The dashboards' figures. Every report needs the action `reports.read` (every role but readonly)
 * and aggregates by customer group, product, pipeline stage, case age or priority — never by
 * employee (BetrVG § 87: no performance monitoring through the CRM). Deals and cases count only as
 * far as the actor's departments see them; revenue is a tenant-wide ledger without departments.
 *
 * Extension point: "campaign response by segment" (issue 4) needs campaigns, which do not exist yet.
 * When they do, add `campaignResponse` here with a ledger of its own (responses per campaign and
 * segment, never per employee) and a route `GET /reports/campaign-response`, like the others.
 */

const NO_GROUP_LABEL: Record<Locale, string> = { de: 'ohne Kundengruppe', en: 'no customer group' };

const assertMayRead = (actor: Actor) => {
  if (!canDo({ role: actor.role, action: 'reports.read' })) throw new AppError('forbidden');
};

/** A decimal string from PostgreSQL ("-12.5", "1234.50") in integer cents; null counts as 0. */
export const centsOf = (value: string | null | undefined): bigint => {
  if (value == null) return 0n;
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(value);
  if (!match) throw new Error('not a two-decimal amount');
  const cents = BigInt(match[2] ?? '0') * 100n + BigInt((match[3] ?? '').padEnd(2, '0'));
  return match[1] ? -cents : cents;
};

export const revenueReport = (ctx: AppContext, actor: Actor, query: RevenueQueryInput, locale: Locale) => {
  assertMayRead(actor);
  const quarters = quarterRange(query, ctx.now());
  const currency = assertCurrency(query.currency);
  const starts = quarters.map(quarterStart);
  const column = new Map(starts.map((start, i) => [start, i]));
  return inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    const rows = await repo.revenueByQuarter(tx, {
      from: starts[0]!,
      to: starts[starts.length - 1]!,
      currency,
      groupBy: query.groupBy,
    });
    const values = new Map<string, bigint[]>();
    const cell = (key: string) => {
      let list = values.get(key);
      if (!list) {
        list = quarters.map(() => 0n);
        values.set(key, list);
      }
      return list;
    };
    for (const row of rows) {
      const i = column.get(row.quarter);
      if (i !== undefined) cell(row.key)[i]! += centsOf(row.net);
    }
    let series: { key: string; label: string; noCustomerGroup: boolean }[];
    if (query.groupBy === 'customerGroup') {
      // every group of the tenant (a group without revenue shows as zeros), the group-less last
      const groups = await repo.customerGroups(tx);
      const names = new Map(groups.map((g) => [g.id, g.name]));
      for (const g of groups) cell(g.id);
      series = [...values.keys()]
        .filter((key) => key !== repo.NO_CUSTOMER_GROUP)
        .map((key) => ({ key, label: names.get(key) ?? key, noCustomerGroup: false }))
        .sort((a, b) => a.label.localeCompare(b.label, locale));
      if (values.has(repo.NO_CUSTOMER_GROUP))
        series.push({ key: repo.NO_CUSTOMER_GROUP, label: NO_GROUP_LABEL[locale], noCustomerGroup: true });
    } else {
      const sum = (key: string) => values.get(key)!.reduce((a, b) => a + b, 0n);
      series = [...values.keys()]
        .sort((a, b) => {
          const d = sum(b) - sum(a);
          return d > 0n ? 1 : d < 0n ? -1 : a.localeCompare(b, locale);
        })
        .map((key) => ({ key, label: key, noCustomerGroup: false }));
    }
    const totals = quarters.map((_, i) => [...values.values()].reduce((a, list) => a + list[i]!, 0n));
    return {
      currency,
      groupBy: query.groupBy,
      quarters: quarters.map(quarterLabel),
      series: series.map((s) => {
        const list = values.get(s.key)!;
        return { ...s, values: list.map(formatCents), total: formatCents(list.reduce((a, b) => a + b, 0n)) };
      }),
      totals: totals.map(formatCents),
      total: formatCents(totals.reduce((a, b) => a + b, 0n)),
    };
  });
};

type CurrencyTotals = { currency: string; count: number; value: bigint; weighted: bigint };

const addTo = (
  map: Map<string, CurrencyTotals>,
  currency: string,
  count: number,
  value: bigint,
  weighted: bigint,
) => {
  const t = map.get(currency) ?? { currency, count: 0, value: 0n, weighted: 0n };
  t.count += count;
  t.value += value;
  t.weighted += weighted;
  map.set(currency, t);
};

const amountsOut = (map: Map<string, CurrencyTotals>) =>
  [...map.values()]
    .sort((a, b) => a.currency.localeCompare(b.currency))
    .map((t) => ({ ...t, value: formatCents(t.value), weighted: formatCents(t.weighted) }));

export const pipelineReport = (ctx: AppContext, actor: Actor) => {
  assertMayRead(actor);
  return inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    const rows = await repo.pipelineByStage(tx, visibilityOf(actor));
    const stages = new Map<
      string,
      { row: repo.PipelineRow; count: number; amounts: Map<string, CurrencyTotals> }
    >();
    const totals = new Map<string, CurrencyTotals>();
    for (const row of rows) {
      const stage = stages.get(row.stage_id) ?? { row, count: 0, amounts: new Map() };
      stages.set(row.stage_id, stage);
      if (row.currency === null) continue;
      stage.count += row.count;
      addTo(stage.amounts, row.currency, row.count, centsOf(row.value), centsOf(row.weighted));
      addTo(totals, row.currency, row.count, centsOf(row.value), centsOf(row.weighted));
    }
    return {
      stages: [...stages.values()].map(({ row, count, amounts }) => ({
        id: row.stage_id,
        nameDe: row.name_de,
        nameEn: row.name_en,
        position: row.position,
        probability: row.probability,
        count,
        amounts: amountsOut(amounts),
      })),
      totals: amountsOut(totals),
    };
  });
};

type Priority = (typeof CASE_PRIORITIES)[number];
const noPriorities = (): Record<Priority, number> => ({ low: 0, normal: 0, high: 0, urgent: 0 });

export const casesByAgeReport = (ctx: AppContext, actor: Actor) => {
  assertMayRead(actor);
  const now = ctx.now();
  return inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    const rows = await repo.openCasesByAge(tx, visibilityOf(actor), now);
    const buckets = AGE_BUCKETS.map((bucket) => ({
      bucket,
      total: 0,
      byPriority: noPriorities(),
      breached: 0,
    }));
    const byPriority = noPriorities();
    for (const row of rows) {
      const b = buckets[row.bucket]!;
      const priority = row.priority as Priority;
      b.total += row.count;
      b.breached += row.breached;
      b.byPriority[priority] += row.count;
      byPriority[priority] += row.count;
    }
    return {
      at: now.toISOString(),
      buckets,
      total: buckets.reduce((a, b) => a + b.total, 0),
      breached: buckets.reduce((a, b) => a + b.breached, 0),
      byPriority,
    };
  });
};
