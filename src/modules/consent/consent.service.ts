import { randomUUID } from 'node:crypto';
import { inTenant, type Tx } from '../../db/tenant.ts';
import { AppError } from '../../domain/errors.ts';
import { wordingHash } from '../../domain/marketing/consent-ledger.ts';
import { type Action, canDo, canRead } from '../../domain/permissions/roles.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { readAudited } from '../audit/audit.reads.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { assertPersonVisible } from '../persons/persons.service.ts';
import { listConsentsWithin, recordConsentWithin, withdrawConsentWithin } from './consent.ledger.ts';
import * as repo from './consent.repository.ts';
import type { ConsentCreateInput, ConsentWordingCreateInput } from './consent.schemas.ts';
import type { ConsentChannel, ConsentView } from './consent.types.ts';
import { renderConsentHistoryPdf } from './consent-history-pdf.ts';

/**
 * Staff side of the consent ledger: a person's consents (everyone who sees the person), recording
 * and withdrawing them (consents.record), and the versioned consent wordings (consent_wordings.manage).
 */

const EARLIEST = Date.parse('1990-01-01T00:00:00Z');
const FUTURE_TOLERANCE_MS = 5 * 60_000;

const assertMay = (actor: Actor, action: Action) => {
  if (!canDo({ role: actor.role, action })) throw new AppError('forbidden');
};
const mayAny = (actor: Actor, actions: Action[]) =>
  actions.some((action) => canDo({ role: actor.role, action }));

/** The address a consent was given for is contact data: left out for roles that may not read it. */
const redact = (actor: Actor, consents: ConsentView[]): ConsentView[] =>
  canRead({ role: actor.role, category: 'contact' })
    ? consents
    : consents.map((c) => ({ ...c, address: null }));

const readConsents = (ctx: AppContext, actor: Actor, personId: string, field: string) =>
  readAudited(
    ctx,
    actor.tenantId,
    async (tx) => {
      await assertPersonVisible(tx, actor, personId);
      return redact(actor, await listConsentsWithin(tx, ctx, { tenantId: actor.tenantId, personId }));
    },
    () => ({ actor, action: 'read', subject: { type: 'person', id: personId }, fields: [field] }),
  );

/** A person's whole consent ledger, newest first; needs that the actor sees the person. */
export const listPersonConsents = async (ctx: AppContext, actor: Actor, personId: string) => ({
  items: await readConsents(ctx, actor, personId, 'consents'),
});

/** Records a consent a person gave to staff (phone, in person, letter, a form, an import). */
export const recordPersonConsent = (
  ctx: AppContext,
  actor: Actor,
  personId: string,
  input: ConsentCreateInput,
) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    const person = await assertPersonVisible(tx, actor, personId);
    assertMay(actor, 'consents.record');
    const givenAt = new Date(input.givenAt);
    const now = ctx.now();
    if (givenAt.getTime() < EARLIEST || givenAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS)
      throw new AppError('invalid_date_range', {
        params: { detail: 'givenAt must lie between 1990-01-01 and now' },
      });
    const defaultAddress =
      input.channel === 'email'
        ? person.email
        : input.channel === 'phone' || input.channel === 'sms'
          ? person.phone
          : null;
    const proof: Record<string, unknown> = {};
    if (input.proof.note) proof.note = input.proof.note;
    if (input.proof.formUrl) proof.formUrl = input.proof.formUrl;
    if (input.proof.documentRef) proof.documentRef = input.proof.documentRef;
    const recorded = await recordConsentWithin(tx, ctx, {
      tenantId: actor.tenantId,
      personId,
      purposeId: input.purposeId,
      channel: input.channel,
      address: input.address === undefined ? (defaultAddress ?? null) : input.address,
      wordingId: input.wordingId,
      method: input.method,
      givenAt,
      proof,
      recordedBy: actor.userId,
    });
    return redact(actor, [recorded])[0] as ConsentView;
  });

/** Withdraws a consent on the person's behalf (they told staff). */
export const withdrawPersonConsent = (
  ctx: AppContext,
  actor: Actor,
  personId: string,
  consentId: string,
  input: { note?: string },
) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    await assertPersonVisible(tx, actor, personId);
    assertMay(actor, 'consents.record');
    const [view] = redact(actor, [
      await withdrawConsentWithin(tx, ctx, {
        tenantId: actor.tenantId,
        personId,
        consentId,
        method: 'staff',
        note: input.note ? input.note : null,
        actorUserId: actor.userId,
      }),
    ]);
    return view as ConsentView;
  });

/** The printable consent history of a person (BGH I ZR 164/09: each consent provable). */
export const consentHistoryPdf = async (
  ctx: AppContext,
  actor: Actor,
  personId: string,
  language: 'de' | 'en',
) => {
  const { consents, person, tenantName } = await readAudited(
    ctx,
    actor.tenantId,
    async (tx) => {
      const person = await assertPersonVisible(tx, actor, personId);
      const consents = redact(
        actor,
        await listConsentsWithin(tx, ctx, { tenantId: actor.tenantId, personId }),
      );
      const tenant = await tx.selectFrom('tenants').select('name').executeTakeFirst();
      return { consents, person, tenantName: tenant?.name ?? 'Custos' };
    },
    () => ({
      actor,
      action: 'export',
      subject: { type: 'person', id: personId },
      fields: ['consents'],
      note: 'consent history PDF',
    }),
  );
  return renderConsentHistoryPdf({
    language,
    controller: tenantName,
    personName: `${person.first_name} ${person.last_name}`.trim(),
    personId,
    printedAt: ctx.now(),
    consents,
  });
};

// ---- wordings -------------------------------------------------------------------------------------

type WordingRow = repo.WordingRow;

const toWording = (row: WordingRow, current: boolean) => ({
  id: row.id,
  purposeId: row.purpose_id,
  channel: row.channel,
  language: row.language,
  version: row.version,
  text: row.text,
  textSha256: row.text_sha256,
  advertiser: row.advertiser,
  productScope: row.product_scope,
  createdAt: new Date(row.created_at).toISOString(),
  current,
});

const withCurrent = (rows: WordingRow[]) => {
  const newest = new Map<string, number>();
  for (const r of rows) {
    const k = `${r.purpose_id}|${r.channel}|${r.language}`;
    newest.set(k, Math.max(newest.get(k) ?? 0, r.version));
  }
  return rows.map((r) =>
    toWording(r, newest.get(`${r.purpose_id}|${r.channel}|${r.language}`) === r.version),
  );
};

/** Every wording version (newest first per purpose, channel and language). */
export const listWordings = (
  ctx: AppContext,
  actor: Actor,
  query: { purposeId?: string; channel?: ConsentChannel; language?: 'de' | 'en' },
) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    if (!mayAny(actor, ['marketing.read', 'consents.record', 'consent_wordings.manage']))
      throw new AppError('forbidden');
    // the filter narrows the list, but `current` is computed over all versions of each group
    return { items: withCurrent(await repo.listWordings(tx, query)) };
  });

/** A new wording version (the old ones stay: consents name the version they were given on). */
export const createWording = (ctx: AppContext, actor: Actor, input: ConsentWordingCreateInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'consent_wordings.manage');
    await assertConsentPurpose(tx, input.purposeId);
    const version = await repo.nextWordingVersion(tx, input);
    const id = randomUUID();
    await repo.insertWording(tx, {
      id,
      tenant_id: actor.tenantId,
      purpose_id: input.purposeId,
      channel: input.channel,
      language: input.language,
      version,
      text: input.text,
      text_sha256: wordingHash(input.text),
      advertiser: input.advertiser,
      product_scope: input.productScope ?? null,
      created_at: ctx.now(),
      created_by: actor.userId,
    });
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'settings_change',
      fields: ['consent_wording'],
      note: `consent wording ${id} version ${version} (${input.purposeId}/${input.channel}/${input.language})`,
    });
    const row = await repo.findWording(tx, id);
    if (!row) throw new AppError('not_found', { params: { entity: 'consent_wording' } });
    return toWording(row, true);
  });

const assertConsentPurpose = async (tx: Tx, purposeId: string) => {
  const purpose = await repo.findPurpose(tx, purposeId);
  if (!purpose) throw new AppError('unknown_purpose', { params: { purpose: purposeId } });
  if (!purpose.legal_bases.includes('consent'))
    throw new AppError('legal_basis_not_allowed', {
      params: { purpose: purposeId, legalBasis: 'consent', allowed: purpose.legal_bases.join(', ') },
    });
};
