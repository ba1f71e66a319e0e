import { randomUUID } from 'node:crypto';
import type { Tx } from '../../db/tenant.ts';
import { AppError } from '../../domain/errors.ts';
import { dueDate } from '../../domain/requests/deadline.ts';
import { berlinDay } from '../../domain/service/business-calendar.ts';
import type { AppContext } from '../../server/context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { createSubjectKey, sealValue, subjectKey } from '../keys/keys.service.ts';
import { nextDocumentNumber } from '../shared/document-numbers.ts';
import { requestRef, stepNoteRef } from './requests.mapper.ts';
import * as repo from './requests.repository.ts';
import { configuredState } from './requests.service.ts';

/** What the verification step records: the person proved control of the address on record. */
const VERIFICATION_NOTE = 'privacy portal: magic link sent to the e-mail address on record was used';

/**
 * A request the person makes themselves in the privacy portal (channel 'web'): numbered, due date as
 * for every request, identity recorded as verified by the magic link sent to their e-mail address,
 * no staff creator; it lands in the DPO inbox. Owner: portal.
 *
 * `details.message` (the person's own words) is shown to the DPO as the requester's note;
 * `details.corrections` (rectification) and `details.reason` (restriction) are what fulfil uses.
 */
export const createRequestFromSubject = async (
  tx: Tx,
  ctx: AppContext,
  input: {
    tenantId: string;
    personId: string;
    type: 'access' | 'rectification' | 'erasure' | 'restriction' | 'objection';
    locale: 'de' | 'en';
    details: Record<string, unknown> | null;
  },
): Promise<{ id: string; number: string; dueAt: string }> => {
  const { tenantId, personId, type } = input;
  const person = await tx
    .selectFrom('persons')
    .select(['id', 'first_name', 'last_name', 'email'])
    .where('id', '=', personId)
    .executeTakeFirst();
  if (!person) throw new AppError('unknown_person', { params: { id: personId } });
  const now = ctx.now();
  const state = await configuredState(tx, tenantId);
  const id = randomUUID();
  const number = await nextDocumentNumber(tx, tenantId, 'request', berlinDay(now).year);
  const dataKey =
    (await subjectKey(tx, ctx, tenantId, personId)) ?? (await createSubjectKey(tx, ctx, tenantId, personId));
  const message = typeof input.details?.message === 'string' ? input.details.message : null;
  const requester = {
    name: `${person.first_name} ${person.last_name}`,
    contact: person.email,
    note: message ?? 'privacy portal',
  };
  const details = input.details && Object.keys(input.details).length > 0 ? input.details : null;
  const due = dueDate(now, state);
  await repo.insertRequest(tx, {
    id,
    tenant_id: tenantId,
    number,
    type,
    channel: 'web',
    person_id: personId,
    locale: input.locale,
    received_at: now,
    due_at: due,
    identity_status: 'verified',
    assignee_id: null,
    requester_enc: sealValue(dataKey, requestRef(id, 'requester'), JSON.stringify(requester)) as string,
    details_enc: details
      ? (sealValue(dataKey, requestRef(id, 'details'), JSON.stringify(details)) as string)
      : null,
    created_by: null,
    created_at: now,
    updated_at: now,
  });
  const stepId = randomUUID();
  // performed by nobody on the staff: the magic link to the address on record is the check
  await tx
    .insertInto('dsr_verification_steps')
    .values({
      id: stepId,
      tenant_id: tenantId,
      request_id: id,
      method: 'portal_login',
      outcome: 'passed',
      note: sealValue(dataKey, stepNoteRef(stepId), VERIFICATION_NOTE) as string,
      performed_by: null,
      performed_at: now,
    })
    .execute();
  const event = (kind: string, detail: string) =>
    repo.insertEvent(tx, { tenant_id: tenantId, request_id: id, kind, detail, actor_id: null, at: now });
  await event('received', `${type} via web`);
  await event('verification', 'portal_login: passed');
  await recordAudit(tx, ctx, tenantId, {
    actor: null,
    action: 'create',
    subject: { type: 'person', id: personId },
    fields: ['dataSubjectRequest'],
    values: {
      new: {
        dataSubjectRequest: {
          id,
          number,
          type,
          channel: 'web',
          receivedAt: now.toISOString(),
          requester,
          details,
        },
      },
    },
    note: 'privacy portal',
  });
  return { id, number, dueAt: due };
};
