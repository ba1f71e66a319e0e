import { randomUUID } from 'node:crypto';
import type { Tx } from '../../db/tenant.ts';
import { AppError } from '../../domain/errors.ts';
import {
  assertConsentProof,
  consentState,
  proofRetainedUntil,
} from '../../domain/marketing/consent-ledger.ts';
import type { AppContext } from '../../server/context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { createSubjectKey, openValue, sealValue, subjectKey } from '../keys/keys.service.ts';
import { guardPersonWrite } from '../subject-rights/write-guard.ts';
import * as repo from './consent.repository.ts';
import type { ConsentChannel, ConsentRecordInput, ConsentView, WithdrawalMethod } from './consent.types.ts';

/*
 * The consent ledger's building blocks inside a caller's transaction, for the other modules
 * (sign-ups, one-click withdrawal, preference page, portal, campaigns). Owner: consent.
 * Consents are never edited: a new one supersedes the valid one, a withdrawal ends it; the database
 * lets the application role change only those columns, and each only once.
 */

const iso = (d: Date | string | null | undefined) => (d == null ? null : new Date(d).toISOString());

export const toConsentView = (
  row: repo.ConsentWithWordingRow,
  proof: Record<string, unknown>,
): ConsentView => ({
  id: row.id,
  personId: row.person_id,
  purposeId: row.purpose_id,
  channel: row.channel,
  address: row.address,
  wording: {
    id: row.wording_id,
    version: row.w_version,
    language: row.w_language,
    text: row.w_text,
    textSha256: row.w_text_sha256,
    advertiser: row.w_advertiser,
    productScope: row.w_product_scope,
  },
  method: row.method,
  givenAt: new Date(row.given_at).toISOString(),
  proof,
  recordedBy: row.recorded_by,
  state: consentState({ withdrawnAt: row.withdrawn_at, supersededAt: row.superseded_at }),
  supersedesId: row.supersedes_id,
  supersededAt: iso(row.superseded_at),
  supersededById: row.superseded_by_id,
  withdrawnAt: iso(row.withdrawn_at),
  withdrawalMethod: row.withdrawal_method,
  withdrawalNote: row.withdrawal_note,
  lastUsedAt: iso(row.last_used_at),
  proofRetainedUntil: iso(
    proofRetainedUntil({
      channel: row.channel,
      givenAt: row.given_at,
      lastUsedAt: row.last_used_at,
      withdrawnAt: row.withdrawn_at,
      supersededAt: row.superseded_at,
    }),
  ),
});

const auditActor = (userId: string | null) => (userId ? { userId } : null);

const proofRef = (consentId: string) => ({ table: 'consents', recordId: consentId, column: 'proof' });

/**
 * The proof (IP address, browser, form, staff note, …) is sealed under the person's data key like
 * every free text about a person; the column holds `{"sealed": "…"}`. An erasure shreds the key.
 */
const sealProof = async (
  tx: Tx,
  ctx: AppContext,
  input: { tenantId: string; personId: string; consentId: string; proof: Record<string, unknown> },
) => {
  const key =
    (await subjectKey(tx, ctx, input.tenantId, input.personId)) ??
    (await createSubjectKey(tx, ctx, input.tenantId, input.personId));
  return JSON.stringify({ sealed: sealValue(key, proofRef(input.consentId), JSON.stringify(input.proof)) });
};

const openProof = (key: Buffer | null, row: repo.ConsentWithWordingRow): Record<string, unknown> => {
  const stored = (row.proof ?? {}) as { sealed?: unknown };
  if (typeof stored.sealed !== 'string') return stored as Record<string, unknown>;
  const text = openValue(key, proofRef(row.id), stored.sealed);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
};

const viewsOf = async (tx: Tx, ctx: AppContext, tenantId: string, rows: repo.ConsentWithWordingRow[]) => {
  const keys = new Map<string, Buffer | null>();
  const views: ConsentView[] = [];
  for (const row of rows) {
    if (!keys.has(row.person_id)) keys.set(row.person_id, await subjectKey(tx, ctx, tenantId, row.person_id));
    views.push(toConsentView(row, openProof(keys.get(row.person_id) ?? null, row)));
  }
  return views;
};

const loadConsent = async (tx: Tx, ctx: AppContext, tenantId: string, id: string) => {
  const row = await repo.findConsent(tx, id);
  if (!row) throw new AppError('not_found', { params: { entity: 'consent' } });
  return (await viewsOf(tx, ctx, tenantId, [row]))[0] as ConsentView;
};

/**
 * Records a consent: checks the wording fits purpose, channel (and that the purpose allows consent),
 * supersedes a valid consent for the same person, purpose and channel, adds the purpose to the
 * person's purposes when missing (through guardPersonWrite), and writes the audit entry (actor null
 * when the person gave it themselves). Returns the new consent.
 */
export const recordConsentWithin = async (
  tx: Tx,
  ctx: AppContext,
  input: ConsentRecordInput,
): Promise<ConsentView> => {
  const person = await repo.findPersonForConsent(tx, input.personId);
  if (!person) throw new AppError('not_found', { params: { entity: 'person' } });
  const purpose = await repo.findPurpose(tx, input.purposeId);
  if (!purpose) throw new AppError('unknown_purpose', { params: { purpose: input.purposeId } });
  if (!purpose.legal_bases.includes('consent'))
    throw new AppError('legal_basis_not_allowed', {
      params: { purpose: input.purposeId, legalBasis: 'consent', allowed: purpose.legal_bases.join(', ') },
    });
  const wording = await repo.findWording(tx, input.wordingId);
  if (!wording || wording.purpose_id !== input.purposeId || wording.channel !== input.channel)
    throw new AppError('consent_wording_mismatch');
  assertConsentProof({ method: input.method, channel: input.channel, proof: input.proof });

  const addPurpose = !person.purposes.includes(input.purposeId);
  await guardPersonWrite(tx, ctx, {
    tenantId: input.tenantId,
    personId: input.personId,
    fields: addPurpose ? ['consents', 'purposes'] : ['consents'],
    purposes: addPurpose ? [input.purposeId] : undefined,
  });

  const now = ctx.now();
  const id = randomUUID();
  const previous = await repo.findValidConsent(tx, input);
  await repo.insertConsent(tx, {
    id,
    tenant_id: input.tenantId,
    person_id: input.personId,
    purpose_id: input.purposeId,
    channel: input.channel,
    address: input.address,
    wording_id: input.wordingId,
    method: input.method,
    given_at: input.givenAt,
    proof: await sealProof(tx, ctx, {
      tenantId: input.tenantId,
      personId: input.personId,
      consentId: id,
      proof: input.proof ?? {},
    }),
    signup_id: input.signupId ?? null,
    recorded_by: input.recordedBy,
    supersedes_id: previous[0]?.id ?? null,
    created_at: now,
  });
  if (previous.length > 0)
    await repo.markSuperseded(
      tx,
      previous.map((p) => p.id),
      now,
      id,
    );
  if (addPurpose) await repo.addPersonPurpose(tx, input.personId, [...person.purposes, input.purposeId]);

  await recordAudit(tx, ctx, input.tenantId, {
    actor: auditActor(input.recordedBy),
    action: 'create',
    subject: { type: 'person', id: input.personId },
    fields: addPurpose ? ['consents', 'purposes'] : ['consents'],
    values: {
      new: {
        consentId: id,
        purposeId: input.purposeId,
        channel: input.channel,
        method: input.method,
        wordingId: input.wordingId,
        ...(addPurpose ? { purposes: [...person.purposes, input.purposeId] } : {}),
      },
      ...(addPurpose ? { old: { purposes: person.purposes } } : {}),
    },
    note: `consent ${id} recorded (${input.purposeId}/${input.channel}, ${input.method}${
      previous.length > 0 ? `, supersedes ${previous.map((p) => p.id).join(', ')}` : ''
    })`,
  });
  return loadConsent(tx, ctx, input.tenantId, id);
};

/**
 * Withdraws one consent at once (Art. 7(3)); `consent_already_withdrawn` when it is no longer valid,
 * `not_found` when it is not this person's. `actorUserId` null: the person themselves.
 */
export const withdrawConsentWithin = async (
  tx: Tx,
  ctx: AppContext,
  input: {
    tenantId: string;
    personId: string;
    consentId: string;
    method: WithdrawalMethod;
    note?: string | null;
    actorUserId: string | null;
  },
): Promise<ConsentView> => {
  const row = await repo.findConsent(tx, input.consentId);
  if (!row || row.person_id !== input.personId)
    throw new AppError('not_found', { params: { entity: 'consent' } });
  if (row.withdrawn_at || row.superseded_at) throw new AppError('consent_already_withdrawn');
  // no guardPersonWrite: a withdrawal is always possible, also for a restricted person (Art. 7(3))
  const updated = await repo.markWithdrawn(tx, input.consentId, {
    at: ctx.now(),
    method: input.method,
    note: input.note ?? null,
  });
  if (!updated) throw new AppError('consent_already_withdrawn');
  await recordAudit(tx, ctx, input.tenantId, {
    actor: auditActor(input.actorUserId),
    action: 'update',
    subject: { type: 'person', id: input.personId },
    fields: ['consents'],
    note: `consent ${input.consentId} withdrawn (${row.purpose_id}/${row.channel}) by ${input.method}`,
  });
  return loadConsent(tx, ctx, input.tenantId, input.consentId);
};

/** The person's whole ledger, newest first (valid, withdrawn and superseded). */
export const listConsentsWithin = async (
  tx: Tx,
  ctx: AppContext,
  input: { tenantId: string; personId: string },
): Promise<ConsentView[]> => viewsOf(tx, ctx, input.tenantId, await repo.listConsents(tx, input.personId));

/** The newest wording version for a purpose, channel and language, or null when none is declared. */
export const currentWordingWithin = async (
  tx: Tx,
  input: { purposeId: string; channel: ConsentChannel; language: 'de' | 'en' },
): Promise<{
  id: string;
  version: number;
  text: string;
  textSha256: string;
  advertiser: string;
  productScope: string | null;
} | null> => {
  const row = await repo.currentWording(tx, input);
  return row
    ? {
        id: row.id,
        version: row.version,
        text: row.text,
        textSha256: row.text_sha256,
        advertiser: row.advertiser,
        productScope: row.product_scope,
      }
    : null;
};

/** § 7a UWG: notes each use of these consents (a campaign sent on them). */
export const markConsentsUsedWithin = async (
  tx: Tx,
  input: { consentIds: string[]; at: Date },
): Promise<void> => {
  const ids = [...new Set(input.consentIds)];
  for (let i = 0; i < ids.length; i += 1000) await repo.markUsed(tx, ids.slice(i, i + 1000), input.at);
};
