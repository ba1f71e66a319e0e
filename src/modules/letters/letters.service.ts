import { randomUUID } from 'node:crypto';
import { inTenant, type Tx } from '../../db/tenant.ts';
import { AppError } from '../../domain/errors.ts';
import { type Action, canDo } from '../../domain/permissions/roles.ts';
import {
  assertLetterApplicable,
  DEFAULT_LETTER_TEMPLATES,
  formatLetterDate,
  LETTER_KINDS,
  LETTER_LOCALES,
  LETTER_PLACEHOLDERS,
  type LetterKind,
  type LetterLocale,
  type LetterTemplate,
  letterValues,
  renderLetter,
  validateTemplate,
} from '../../domain/requests/letter-templates.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { readAudited } from '../audit/audit.reads.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { openValue, sealValue, subjectKey } from '../keys/keys.service.ts';
import type { SubjectExport } from '../subject-data/subject-data.types.ts';
import { renderLetterPdf } from './letter-pdf.ts';
import * as repo from './letters.repository.ts';
import type { LetterCreateInput, LetterTemplateUpdateInput } from './letters.schemas.ts';

const assertMay = (actor: Actor, action: Action) => {
  if (!canDo({ role: actor.role, action })) throw new AppError('forbidden');
};

const letterRef = (id: string, column: 'subject' | 'body') => ({
  table: 'dsr_letters',
  recordId: id,
  column,
});
const exportRef = (requestId: string) => ({ table: 'dsr_requests', recordId: requestId, column: 'export' });

// ---- templates -----------------------------------------------------------------------------------

/** The tenant's template of a kind and language, else the built-in one. */
const templateOf = async (tx: Tx, kind: LetterKind, locale: LetterLocale): Promise<LetterTemplate> =>
  (await repo.findTemplate(tx, kind, locale)) ?? DEFAULT_LETTER_TEMPLATES[kind][locale];

const loadTemplates = async (tx: Tx) => {
  const edited = await repo.listTemplates(tx);
  const items = LETTER_KINDS.flatMap((kind) =>
    LETTER_LOCALES.map((locale) => {
      const row = edited.find((t) => t.kind === kind && t.locale === locale);
      return row
        ? {
            kind,
            locale,
            subject: row.subject,
            body: row.body,
            isDefault: false,
            updatedAt: row.updated_at.toISOString(),
            updatedBy: row.updated_by ? { id: row.updated_by, displayName: row.display_name ?? '' } : null,
          }
        : {
            kind,
            locale,
            ...DEFAULT_LETTER_TEMPLATES[kind][locale],
            isDefault: true,
            updatedAt: null,
            updatedBy: null,
          };
    }),
  );
  return { items, placeholders: [...LETTER_PLACEHOLDERS] };
};

/** Templates are no personal data: whoever takes in requests may read them, the DPO edits them. */
export const listTemplates = (ctx: AppContext, actor: Actor) =>
  inTenant(ctx.db.kysely, actor.tenantId, (tx) => {
    assertMay(actor, 'requests.intake');
    return loadTemplates(tx);
  });

const oneTemplate = async (tx: Tx, kind: LetterKind, locale: LetterLocale) => {
  const item = (await loadTemplates(tx)).items.find((t) => t.kind === kind && t.locale === locale);
  if (!item) throw new Error('template kind missing');
  return item;
};

export const updateTemplate = (
  ctx: AppContext,
  actor: Actor,
  kind: LetterKind,
  locale: LetterLocale,
  input: LetterTemplateUpdateInput,
) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'templates.manage');
    validateTemplate(input.subject);
    validateTemplate(input.body);
    await repo.upsertTemplate(tx, {
      tenant_id: actor.tenantId,
      kind,
      locale,
      subject: input.subject,
      body: input.body,
      updated_by: actor.userId,
      updated_at: ctx.now(),
    });
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'settings_change',
      fields: [`letterTemplate.${kind}.${locale}`],
      note: `letter template ${kind} (${locale}) edited`,
    });
    return oneTemplate(tx, kind, locale);
  });

export const resetTemplate = (ctx: AppContext, actor: Actor, kind: LetterKind, locale: LetterLocale) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'templates.manage');
    if (await repo.deleteTemplate(tx, kind, locale))
      await recordAudit(tx, ctx, actor.tenantId, {
        actor,
        action: 'settings_change',
        fields: [`letterTemplate.${kind}.${locale}`],
        note: `letter template ${kind} (${locale}) reset to the built-in text`,
      });
    return oneTemplate(tx, kind, locale);
  });

// ---- letters -------------------------------------------------------------------------------------

const findRequest = async (tx: Tx, id: string) => {
  const request = await repo.findRequest(tx, id);
  if (!request) throw new AppError('not_found', { params: { entity: 'request' } });
  return request;
};

const personName = (p: repo.PersonRow) => `${p.first_name} ${p.last_name}`.trim();

/** The completed request's export (SubjectExport), opened with the person's key; 409 when there is none. */
const exportOf = (request: repo.RequestRow, dataKey: Buffer | null): SubjectExport => {
  if (request.status !== 'completed' || !request.export_enc) throw new AppError('export_not_available');
  const json = openValue(dataKey, exportRef(request.id), request.export_enc);
  if (json == null) throw new AppError('export_not_available');
  return JSON.parse(json) as SubjectExport;
};

export const toLetter = (row: repo.LetterRow, dataKey: Buffer | null) => ({
  id: row.id,
  requestId: row.request_id,
  kind: row.kind as LetterKind,
  locale: row.locale as LetterLocale,
  subject: openValue(dataKey, letterRef(row.id, 'subject'), row.subject_enc),
  body: openValue(dataKey, letterRef(row.id, 'body'), row.body_enc),
  createdAt: row.created_at.toISOString(),
  createdBy: row.created_by ? { id: row.created_by, displayName: row.created_by_name ?? '' } : null,
  sentAt: row.sent_at ? row.sent_at.toISOString() : null,
});

/**
 * Renders a letter for a request from the tenant's template (or the built-in one) and stores its text
 * sealed under the person's data key: it names the person, and becomes unreadable with their erasure.
 */
export const createLetter = (ctx: AppContext, actor: Actor, requestId: string, input: LetterCreateInput) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'requests.manage');
    const request = await findRequest(tx, requestId);
    const locale = input.locale ?? (request.locale as LetterLocale);
    assertLetterApplicable(input.kind, {
      type: request.type,
      status: request.status,
      extendedDueAt: request.extended_due_at,
    });
    const person = await repo.findPerson(tx, request.person_id);
    const dataKey = person ? await subjectKey(tx, ctx, actor.tenantId, request.person_id) : null;
    if (!person || !dataKey) throw new AppError('letter_unavailable');
    const subjectExport = input.kind === 'access_answer' ? exportOf(request, dataKey) : undefined;
    const now = ctx.now();
    const values = letterValues({
      locale,
      request: {
        number: request.number,
        type: request.type,
        receivedAt: request.received_at,
        dueAt: request.due_at,
        extendedDueAt: request.extended_due_at,
        extensionReason: request.extension_reason,
        refusalReason: request.refusal_reason,
        refusalDetails: request.refusal_details,
      },
      personName: personName(person),
      companyName: await repo.tenantName(tx),
      now,
      ...(subjectExport ? { facts: subjectExport.facts, tables: subjectExport.tables } : {}),
    });
    const text = renderLetter(await templateOf(tx, input.kind, locale), values);
    const id = randomUUID();
    await repo.insertLetter(tx, {
      id,
      tenant_id: actor.tenantId,
      request_id: requestId,
      kind: input.kind,
      locale,
      subject_enc: sealValue(dataKey, letterRef(id, 'subject'), text.subject) ?? null,
      body_enc: sealValue(dataKey, letterRef(id, 'body'), text.body) ?? null,
      created_by: actor.userId,
      created_at: now,
    });
    await repo.insertEvent(tx, {
      tenant_id: actor.tenantId,
      request_id: requestId,
      kind: 'letter_created',
      detail: input.kind,
      actor_id: actor.userId,
      at: now,
    });
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'create',
      subject: { type: 'person', id: request.person_id },
      fields: ['dsrLetter'],
      values: { new: { dsrLetter: { id, requestId, number: request.number, kind: input.kind, locale } } },
    });
    const row = await repo.findLetter(tx, id);
    if (!row) throw new Error('letter not stored');
    return toLetter(row, dataKey);
  });

/** The letters of a request with their text (null once the person was erased); the read is audited. */
export const listLetters = (ctx: AppContext, actor: Actor, requestId: string) =>
  readAudited(
    ctx,
    actor.tenantId,
    async (tx) => {
      assertMay(actor, 'requests.manage');
      const request = await findRequest(tx, requestId);
      const dataKey = await subjectKey(tx, ctx, actor.tenantId, request.person_id);
      const items = (await repo.listLetters(tx, requestId)).map((r) => toLetter(r, dataKey));
      return { personId: request.person_id, items };
    },
    (r) => ({ actor, action: 'read', subject: { type: 'person', id: r.personId }, fields: ['dsrLetter'] }),
  ).then((r) => ({ items: r.items }));

export const findLetter = async (tx: Tx, id: string) => {
  const row = await repo.findLetter(tx, id);
  if (!row) throw new AppError('not_found', { params: { entity: 'letter' } });
  return row;
};

const REFERENCE_LABEL: Record<LetterLocale, string> = { de: 'Unser Zeichen', en: 'Our reference' };

/** The letter as an A4 PDF; 409 letter_unavailable once the person was erased. */
export const letterPdf = (ctx: AppContext, actor: Actor, id: string) =>
  readAudited(
    ctx,
    actor.tenantId,
    async (tx) => {
      assertMay(actor, 'requests.manage');
      const row = await findLetter(tx, id);
      const dataKey = await subjectKey(tx, ctx, actor.tenantId, row.person_id);
      const letter = toLetter(row, dataKey);
      const person = await repo.findPerson(tx, row.person_id);
      if (letter.subject == null || letter.body == null || !person) throw new AppError('letter_unavailable');
      const postal = [
        person.street,
        [person.postal_code, person.city].filter(Boolean).join(' '),
        person.country && person.country !== 'DE' ? person.country : null,
      ].filter((l): l is string => Boolean(l));
      const pdf = await renderLetterPdf({
        sender: await repo.tenantName(tx),
        recipient: { name: personName(person), lines: postal },
        place: null,
        date: formatLetterDate(row.created_at, letter.locale) ?? '',
        subject: letter.subject,
        body: letter.body,
        reference: { label: REFERENCE_LABEL[letter.locale], value: row.request_number },
        locale: letter.locale,
      });
      return { personId: row.person_id, pdf, number: row.request_number, kind: letter.kind };
    },
    (r) => ({ actor, action: 'read', subject: { type: 'person', id: r.personId }, fields: ['dsrLetter'] }),
  );

/** Marks a letter as sent (the first time counts); recorded on the request's history. */
export const markLetterSent = (ctx: AppContext, actor: Actor, id: string) =>
  inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    assertMay(actor, 'requests.manage');
    const row = await findLetter(tx, id);
    if (!row.sent_at) {
      const now = ctx.now();
      await repo.markSent(tx, id, now);
      await repo.insertEvent(tx, {
        tenant_id: actor.tenantId,
        request_id: row.request_id,
        kind: 'letter_sent',
        detail: row.kind,
        actor_id: actor.userId,
        at: now,
      });
      await recordAudit(tx, ctx, actor.tenantId, {
        actor,
        action: 'update',
        subject: { type: 'person', id: row.person_id },
        fields: ['dsrLetter.sentAt'],
        values: { new: { dsrLetter: { id, kind: row.kind, sentAt: now.toISOString() } } },
      });
    }
    const dataKey = await subjectKey(tx, ctx, actor.tenantId, row.person_id);
    return toLetter(await findLetter(tx, id), dataKey);
  });
