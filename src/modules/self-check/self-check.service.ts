import { asSystem, inTenant, type Tx } from '../../db/tenant.ts';
import { NOTIFY_WITHIN_HOURS } from '../../domain/breaches/breach-rules.ts';
import { AppError } from '../../domain/errors.ts';
import { canDo } from '../../domain/permissions/roles.ts';
import type { CheckId, Finding } from '../../domain/self-check/checks.ts';
import { buildReport, type SelfCheckReport } from '../../domain/self-check/report.ts';
import { berlinDay, isoDay } from '../../domain/service/business-calendar.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { dpiaFindings } from '../dpia/dpia.checks.ts';
import { registerFindings } from '../recipients/register.checks.ts';
import { retentionFindings } from '../retention/retention.checks.ts';
import * as repo from './self-check.repository.ts';

/**
 * The self-check (Art. 5(2) GDPR): every check over the live data of one tenant, in one transaction,
 * so the report is one consistent picture. It reads ids and counts only and changes nothing. The
 * checks of the retention sweep, the register and the DPIA module contribute their findings.
 */

const HOUR = 3_600_000;

const toFinding = (
  check: CheckId,
  type: string,
  result: repo.CheckResult,
  detail: (flags: Record<string, number>) => Finding['detail'] = () => undefined,
): Finding => {
  const d = result.count > 0 ? detail(result.flags) : undefined;
  return {
    check,
    count: result.count,
    refs: result.refs.map((r) =>
      r.personId && r.personId !== r.id ? { type, id: r.id, personId: r.personId } : { type, id: r.id },
    ),
    ...(d ? { detail: d } : {}),
  };
};

/** The findings of the self-check's own checks (persons, consents, requests, breaches). */
export const ownFindings = async (tx: Tx, input: { now: Date }): Promise<Finding[]> => {
  const today = isoDay(berlinDay(input.now));
  const notifyBefore = new Date(input.now.getTime() - NOTIFY_WITHIN_HOURS * HOUR);
  const persons = await repo.personsWithoutPurpose(tx);
  const special = await repo.specialWithoutArt9(tx);
  const consents = await repo.consentsWithoutProof(tx);
  const requests = await repo.requestsOverdue(tx, { today });
  const breaches = await repo.breachesOverdue(tx, { notifyBefore });
  return [
    toFinding('person_without_purpose', 'person', persons, (f) => ({
      undeclaredPurpose: f.undeclared ?? 0,
      legalBasisNotAllowed: f.basis_not_allowed ?? 0,
    })),
    toFinding('special_without_art9', 'person', special),
    toFinding('consent_without_proof', 'consent', consents, (f) => ({
      emptyProof: f.empty_proof ?? 0,
      wordingMismatch: f.wording_mismatch ?? 0,
      doubleOptInUnconfirmed: f.doi_unconfirmed ?? 0,
    })),
    toFinding('request_overdue', 'request', requests, (f) => ({ extended: f.extended ?? 0 })),
    toFinding('breach_overdue', 'breach', breaches, (f) => ({ unassessed: f.unassessed ?? 0 })),
  ];
};

/** Every check of one tenant inside its transaction: the own ones and those of the other modules. */
export const selfCheckWithin = async (
  tx: Tx,
  ctx: AppContext,
  input: { tenantId: string; now: Date },
): Promise<SelfCheckReport> => {
  const findings = [
    ...(await ownFindings(tx, { now: input.now })),
    ...(await retentionFindings(tx, ctx, input)),
    ...(await registerFindings(tx, ctx, input)),
    ...(await dpiaFindings(tx, ctx, input)),
  ];
  return buildReport({ findings, checkedAt: input.now });
};

/** GET /self-check: the admin's and the DPO's dashboard (self_check.read). */
export const runSelfCheck = async (ctx: AppContext, actor: Actor): Promise<SelfCheckReport> => {
  if (!canDo({ role: actor.role, action: 'self_check.read' })) throw new AppError('forbidden');
  const now = ctx.now();
  return inTenant(ctx.db.kysely, actor.tenantId, (tx) =>
    selfCheckWithin(tx, ctx, { tenantId: actor.tenantId, now }),
  );
};

export type TenantReport = SelfCheckReport & { tenant: { id: string; name: string } };

/** `custos check`: the report of every tenant of the installation, oldest tenant first. */
export const checkAllTenants = async (ctx: AppContext): Promise<TenantReport[]> => {
  const tenants = await asSystem(ctx.db.kysely, (tx) =>
    tx.selectFrom('tenants').select(['id', 'name']).orderBy('created_at').orderBy('id').execute(),
  );
  if (tenants.length === 0) throw new AppError('not_initialized');
  const reports: TenantReport[] = [];
  for (const tenant of tenants) {
    const now = ctx.now();
    const report = await inTenant(ctx.db.kysely, tenant.id, (tx) =>
      selfCheckWithin(tx, ctx, { tenantId: tenant.id, now }),
    );
    reports.push({ tenant: { id: tenant.id, name: tenant.name }, ...report });
  }
  return reports;
};
