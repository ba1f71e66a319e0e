import { inTenant } from '../../db/tenant.ts';
import { visibilityOf } from '../../db/visibility.ts';
import { canRead } from '../../domain/permissions/roles.ts';
import { addDays, berlinDay, berlinInstant, isoDay } from '../../domain/service/business-calendar.ts';
import { slaSeverity } from '../../domain/service/sla.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { myOpenCases } from '../cases/cases.service.ts';
import * as repo from './tasks.repository.ts';
import { toTask, viewerOf } from './tasks.service.ts';

/** Deals expected to close within this many days from today show on my day. */
export const DEALS_WITHIN_DAYS = 7;

/**
 * The current user's day, with "today" in Europe/Berlin at ctx.now(): open tasks that are overdue or
 * due later today, tasks due later whose reminder has come, my open cases (breached and due soon
 * first) and the open deals I own expected to close within seven days.
 */
export const myDay = (ctx: AppContext, actor: Actor) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    const now = ctx.now();
    const today = berlinDay(now);
    const tomorrow = berlinInstant(addDays(today, 1));
    const tasks = (await repo.myOpenTasks(tx, viewerOf(actor), tomorrow, now)).map((r) => toTask(r, now));
    const hiddenFields: ('cases' | 'deals')[] = [];
    const openCases = await myOpenCases(tx, actor, now);
    if (!openCases) hiddenFields.push('cases');
    const cases = (openCases ?? [])
      .map((c, index) => ({ c, index }))
      .sort((a, b) => slaSeverity(b.c.slaState) - slaSeverity(a.c.slaState) || a.index - b.index)
      .map(({ c }) => c);
    let deals: Awaited<ReturnType<typeof repo.dealsClosingSoon>> = [];
    if (canRead({ role: actor.role, category: 'contract' })) {
      deals = await repo.dealsClosingSoon(
        tx,
        actor.userId,
        visibilityOf(actor),
        isoDay(today),
        isoDay(addDays(today, DEALS_WITHIN_DAYS)),
      );
    } else hiddenFields.push('deals');
    const tomorrowMs = tomorrow.getTime();
    return {
      date: isoDay(today),
      overdueTasks: tasks.filter((t) => t.overdue),
      todayTasks: tasks.filter((t) => !t.overdue && Date.parse(t.dueAt) < tomorrowMs),
      reminders: tasks.filter((t) => Date.parse(t.dueAt) >= tomorrowMs),
      cases,
      deals: deals.map((d) => ({
        id: d.id,
        title: d.title,
        value: d.value,
        currency: d.currency,
        probability: d.probability,
        expectedClose: d.expected_close,
        stage: { id: d.stage_id, nameDe: d.name_de, nameEn: d.name_en },
        customer: d.customer,
      })),
      hiddenFields,
    };
  });
