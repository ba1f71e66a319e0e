import { randomUUID } from 'node:crypto';
import { asSystem, inTenant, type Tx } from '../../db/tenant.ts';
import { AppError } from '../../domain/errors.ts';
import type { AppContext } from '../../server/context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { newSecretToken, safeEqual, sha256 } from '../auth/secret-tokens.ts';
import { listConsentsWithin, withdrawConsentWithin } from '../consent/consent.ledger.ts';
import type { ConsentView } from '../consent/consent.types.ts';
import { sealValue, subjectKey } from '../keys/keys.service.ts';
import { loadMarketingSettings, queueMails, recentMailsTo } from '../mail/mail.service.ts';
import { renderMailTemplate } from '../mail/mail-templates.ts';
import { requestRef } from '../requests/requests.mapper.ts';
import * as requestsRepo from '../requests/requests.repository.ts';
import { createRequestFromSubject } from '../requests/subject-requests.ts';
import { compileSubjectData } from '../subject-data/subject-data.service.ts';
import { recordObjectionBySubject } from '../subject-rights/subject-objection.ts';
import * as repo from './portal.repository.ts';
import type { PortalRequestCreateInput } from './portal.schemas.ts';

export const LOGIN_TTL_MS = 15 * 60_000;
export const SESSION_TTL_MS = 60 * 60_000;
/** Login mails to one address per hour; further requests are answered alike but send nothing. */
export const MAX_LOGIN_MAILS_PER_HOUR = 3;
const NOTE = 'privacy portal';

type Locale = 'de' | 'en';

/** A resolved portal session: the tenant and the persons (still existing) it acts for. */
export type PortalSession = {
  sessionId: string;
  tenantId: string;
  personIds: string[];
  csrfTokenHash: string;
};

const person = (personId: string) => ({ type: 'person' as const, id: personId });

// ---- login -------------------------------------------------------------------------------------

/** The tenant named, or the installation's only one (more than one and none named: tenant_required). */
const tenantFor = async (ctx: AppContext, tenantId: string | undefined) => {
  if (tenantId) return tenantId;
  const tenants = await asSystem(ctx.db.kysely, repo.tenantIds);
  if (tenants.length !== 1 || !tenants[0]) throw new AppError('tenant_required');
  return tenants[0].id;
};

/**
 * Prepares a magic link to the address if persons of the tenant have it, at most three per hour, and
 * returns the delivery to run after answering (null when nothing is to be sent); the caller always
 * answers the same, so nobody learns whether an address is known.
 */
export const requestPortalLogin = async (
  ctx: AppContext,
  input: { email: string; language: Locale; tenantId?: string | undefined },
) => {
  const tenantId = await tenantFor(ctx, input.tenantId);
  const email = input.email.trim().toLowerCase();
  const now = ctx.now();
  const prepared = await inTenant(ctx.db.kysely, tenantId, async (tx) => {
    const persons = await repo.personsWithEmail(tx, email);
    if (persons.length === 0) return null;
    const sent = await recentMailsTo(tx, {
      address: email,
      kind: 'portal_login',
      since: new Date(now.getTime() - 60 * 60_000),
    });
    if (sent >= MAX_LOGIN_MAILS_PER_HOUR) return null;
    const token = newSecretToken('cpl_');
    const id = randomUUID();
    await repo.insertLoginToken(tx, {
      id,
      tenant_id: tenantId,
      person_ids: persons.map((p) => p.id),
      token_hash: sha256(token),
      expires_at: new Date(now.getTime() + LOGIN_TTL_MS),
      created_at: now,
    });
    const settings = await loadMarketingSettings(tx, ctx, tenantId);
    const link = `${settings.publicUrl}/privacy/login?token=${encodeURIComponent(token)}`;
    const rendered = await renderMailTemplate(tx, ctx, {
      tenantId,
      key: 'portal_login',
      language: input.language,
      vars: { link, minutes: String(LOGIN_TTL_MS / 60_000), firstName: persons[0]?.first_name ?? '' },
    });
    return { id, rendered, personId: persons.length === 1 ? (persons[0]?.id ?? null) : null };
  });
  if (!prepared) return null;
  // after the commit: a rollback never leaves a mail with a link that does not exist. The mail is
  // recorded now; the caller answers first and delivers afterwards, so the response time does not
  // tell whether the address is known.
  const { queued, deliver } = await queueMails(ctx, {
    tenantId,
    mails: [
      {
        kind: 'portal_login',
        to: email,
        subject: prepared.rendered.subject,
        text: prepared.rendered.text,
        personId: prepared.personId,
      },
    ],
  });
  const mailId = queued[0]?.id;
  if (mailId)
    await inTenant(ctx.db.kysely, tenantId, (tx) => repo.setLoginTokenMail(tx, prepared.id, mailId));
  return deliver;
};

/** Exchanges a magic link for a portal session (single use). */
export const startPortalSession = async (ctx: AppContext, token: string) => {
  const now = ctx.now();
  const row = await asSystem(ctx.db.kysely, (tx) => repo.findLoginToken(tx, sha256(token)));
  if (!row) throw new AppError('link_invalid');
  if (row.used_at) throw new AppError('link_used');
  if (row.expires_at.getTime() <= now.getTime()) throw new AppError('link_expired');
  return inTenant(ctx.db.kysely, row.tenant_id, async (tx) => {
    if (!(await repo.useLoginToken(tx, row.id, now))) throw new AppError('link_used');
    // persons erased since the link was sent are gone
    const persons = await repo.personsByIds(tx, row.person_ids);
    if (persons.length === 0) throw new AppError('link_invalid');
    const sessionToken = newSecretToken('cps_');
    const csrfToken = newSecretToken();
    const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
    await repo.insertSession(tx, {
      id: randomUUID(),
      tenant_id: row.tenant_id,
      person_ids: persons.map((p) => p.id),
      token_hash: sha256(sessionToken),
      csrf_token_hash: sha256(csrfToken),
      created_at: now,
      expires_at: expiresAt,
    });
    for (const p of persons)
      await recordAudit(tx, ctx, row.tenant_id, {
        actor: null,
        action: 'login',
        subject: person(p.id),
        note: `${NOTE}: magic link used`,
      });
    return {
      sessionToken,
      csrfToken,
      expiresAt: expiresAt.toISOString(),
      persons: persons.map((p) => ({ id: p.id, firstName: p.first_name })),
    };
  });
};

/** The live session of a cookie (null: missing, expired, ended, or none of its persons left). */
export const resolvePortalSession = async (ctx: AppContext, token: string): Promise<PortalSession | null> => {
  const row = await asSystem(ctx.db.kysely, (tx) => repo.findLiveSession(tx, sha256(token), ctx.now()));
  if (!row || row.livePersonIds.length === 0) return null;
  return {
    sessionId: row.id,
    tenantId: row.tenant_id,
    personIds: row.livePersonIds,
    csrfTokenHash: row.csrf_token_hash,
  };
};

export const csrfMatches = (session: PortalSession, sent: unknown) =>
  typeof sent === 'string' && safeEqual(sha256(sent), session.csrfTokenHash);

export const endPortalSession = (ctx: AppContext, session: PortalSession) =>
  inTenant(ctx.db.kysely, session.tenantId, (tx) => repo.endSession(tx, session.sessionId, ctx.now()));

// ---- reading -----------------------------------------------------------------------------------

const assertOwn = (session: PortalSession, personId: string) => {
  if (!session.personIds.includes(personId))
    throw new AppError('not_found', { params: { entity: 'person' } });
};

type Labels = Map<string, { label_de: string; label_en: string }>;
const labelOf = (labels: Labels, id: string, locale: Locale) => {
  const p = labels.get(id);
  return p ? (locale === 'de' ? p.label_de : p.label_en) : id;
};

const toPortalConsent = (c: ConsentView, labels: Labels, locale: Locale) => ({
  id: c.id,
  personId: c.personId,
  purposeId: c.purposeId,
  purpose: { id: c.purposeId, label: labelOf(labels, c.purposeId, locale) },
  channel: c.channel,
  address: c.address,
  wording: {
    id: c.wording.id,
    version: c.wording.version,
    language: c.wording.language,
    text: c.wording.text,
    advertiser: c.wording.advertiser,
    productScope: c.wording.productScope,
  },
  method: c.method,
  givenAt: c.givenAt,
  state: c.state,
  withdrawnAt: c.withdrawnAt,
  withdrawalMethod: c.withdrawalMethod,
});

const purposeLabels = async (tx: Tx): Promise<Labels> =>
  new Map((await repo.purposes(tx)).map((p) => [p.id, p]));

/** What is held about the session's persons (each read audited, no staff actor). */
export const portalMe = (ctx: AppContext, session: PortalSession, locale: Locale) =>
  inTenant(ctx.db.kysely, session.tenantId, async (tx) => {
    const [persons, labels, requests] = await Promise.all([
      repo.personsByIds(tx, session.personIds),
      purposeLabels(tx),
      repo.requestsOf(tx, session.personIds),
    ]);
    const out = [];
    for (const p of persons) {
      const consents = await listConsentsWithin(tx, ctx, { tenantId: session.tenantId, personId: p.id });
      out.push({
        id: p.id,
        firstName: p.first_name,
        lastName: p.last_name,
        email: p.email,
        phone: p.phone,
        birthDate: p.birth_date,
        address: { street: p.street, postalCode: p.postal_code, city: p.city, country: p.country },
        purposes: p.purposes.map((id) => ({ id, label: labelOf(labels, id, locale) })),
        legalBasis: p.legal_basis,
        source: { kind: p.source_kind, detail: p.source_detail },
        collectedAt: p.collected_at.toISOString(),
        restricted: p.restricted_at !== null,
        marketingObjection: p.marketing_objection_at !== null,
        consents: consents.map((c) => toPortalConsent(c, labels, locale)),
        requests: requests
          .filter((r) => r.person_id === p.id)
          .map((r) => ({ id: r.id, number: r.number, type: r.type, status: r.status, dueAt: r.due_at })),
      });
      await recordAudit(tx, ctx, session.tenantId, {
        actor: null,
        action: 'read',
        subject: person(p.id),
        fields: ['identity', 'contact', 'privacyFacts', 'consents', 'dataSubjectRequests'],
        note: NOTE,
      });
    }
    // the controller (Art. 13(1)(a)): the tenant's name and the postal address of its mails
    const settings = await loadMarketingSettings(tx, ctx, session.tenantId);
    const controller = { name: settings.senderName, postalAddress: settings.postalAddress };
    return { controller, persons: out };
  });

/**
 * The access export (Art. 15), downloaded by the person: recorded as a completed access request
 * (channel web, identity verified by the magic link) with the export sealed on it, so the DPO's
 * register shows what was handed out and when.
 */
export const portalExport = (ctx: AppContext, session: PortalSession, personId: string, locale: Locale) =>
  inTenant(ctx.db.kysely, session.tenantId, async (tx) => {
    assertOwn(session, personId);
    const tenantId = session.tenantId;
    const request = await createRequestFromSubject(tx, ctx, {
      tenantId,
      personId,
      type: 'access',
      locale,
      details: null,
    });
    const data = await compileSubjectData(tx, ctx, { tenantId, personId, scope: 'access', locale });
    const dataKey = await subjectKey(tx, ctx, tenantId, personId);
    if (!dataKey) throw new AppError('not_found', { params: { entity: 'person' } });
    const now = ctx.now();
    const outcome = 'access export downloaded in the privacy portal';
    await requestsRepo.updateRequest(
      tx,
      request.id,
      {
        export_enc: sealValue(dataKey, requestRef(request.id, 'export'), JSON.stringify(data)) as string,
        status: 'completed',
        closed_at: now,
        outcome,
      },
      now,
    );
    await requestsRepo.insertEvent(tx, {
      tenant_id: tenantId,
      request_id: request.id,
      kind: 'fulfilled',
      detail: outcome,
      actor_id: null,
      at: now,
    });
    await recordAudit(tx, ctx, tenantId, {
      actor: null,
      action: 'export',
      subject: person(personId),
      fields: ['access_export'],
      note: `${outcome} (request ${request.number})`,
    });
    return data;
  });

// ---- changes -----------------------------------------------------------------------------------

export const portalWithdrawConsent = (
  ctx: AppContext,
  session: PortalSession,
  consentId: string,
  locale: Locale,
) =>
  inTenant(ctx.db.kysely, session.tenantId, async (tx) => {
    const owner = await repo.consentOwner(tx, consentId);
    if (!owner || !session.personIds.includes(owner))
      throw new AppError('not_found', { params: { entity: 'consent' } });
    const view = await withdrawConsentWithin(tx, ctx, {
      tenantId: session.tenantId,
      personId: owner,
      consentId,
      method: 'portal',
      note: NOTE,
      actorUserId: null,
    });
    return toPortalConsent(view, await purposeLabels(tx), locale);
  });

export const portalObject = (ctx: AppContext, session: PortalSession, personId: string) =>
  inTenant(ctx.db.kysely, session.tenantId, async (tx) => {
    assertOwn(session, personId);
    await recordObjectionBySubject(tx, ctx, { tenantId: session.tenantId, personId, via: 'portal' });
    return { personId, marketingObjection: true as const };
  });

export const portalCreateRequest = (
  ctx: AppContext,
  session: PortalSession,
  input: PortalRequestCreateInput,
  locale: Locale,
) =>
  inTenant(ctx.db.kysely, session.tenantId, async (tx) => {
    assertOwn(session, input.personId);
    const details: Record<string, unknown> = {};
    if (input.details?.message) {
      details.message = input.details.message;
      // fulfil takes a restriction's grounds from `reason`
      if (input.type === 'restriction') details.reason = input.details.message;
    }
    if (input.details?.corrections && Object.keys(input.details.corrections).length > 0)
      details.corrections = input.details.corrections;
    return createRequestFromSubject(tx, ctx, {
      tenantId: session.tenantId,
      personId: input.personId,
      type: input.type,
      locale,
      details: Object.keys(details).length > 0 ? details : null,
    });
  });
