import { inTenant } from '../../db/tenant.ts';
import { AppError } from '../../domain/errors.ts';
import { canDo } from '../../domain/permissions/roles.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { subjectKey } from '../keys/keys.service.ts';
import { sendMails } from '../mail/mail.service.ts';
import * as repo from './letters.repository.ts';
import { findLetter, markLetterSent, toLetter } from './letters.service.ts';

/**
 * Sends a request letter to the person's e-mail address on record (through SMTP, or into the outbox
 * without it) and marks it sent. The mail is in the outbox with the person's id, so the access export
 * lists it and an erasure removes it. 422 no_email_address without an address, 409 letter_unavailable
 * once the person was erased, 422 email_undeliverable on a bounce, 503 mail_delivery_failed when the
 * mail server cannot be reached (then the letter stays unsent).
 */
export const emailLetter = async (ctx: AppContext, actor: Actor, id: string) => {
  const prepared = await inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    if (!canDo({ role: actor.role, action: 'requests.manage' })) throw new AppError('forbidden');
    const row = await findLetter(tx, id);
    const letter = toLetter(row, await subjectKey(tx, ctx, actor.tenantId, row.person_id));
    const person = await repo.findPerson(tx, row.person_id);
    if (letter.subject == null || letter.body == null || !person) throw new AppError('letter_unavailable');
    if (!person.email) throw new AppError('no_email_address');
    return { personId: person.id, to: person.email, subject: letter.subject, text: letter.body };
  });
  const [result] = await sendMails(ctx, {
    tenantId: actor.tenantId,
    mails: [
      {
        kind: 'notice',
        to: prepared.to,
        subject: prepared.subject,
        text: prepared.text,
        personId: prepared.personId,
      },
    ],
  });
  if (result?.status === 'bounced') throw new AppError('email_undeliverable');
  if (result?.status === 'failed') throw new AppError('mail_delivery_failed');
  return markLetterSent(ctx, actor, id);
};
