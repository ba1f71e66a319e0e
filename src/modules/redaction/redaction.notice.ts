import { inTenant } from '../../db/tenant.ts';
import { AppError } from '../../domain/errors.ts';
import { canDo } from '../../domain/permissions/roles.ts';
import { KIND_LABEL, type SensitiveKind } from '../../domain/sensitive/types.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { loadMarketingSettings, queueMails } from '../mail/mail.service.ts';
import { renderMailTemplate } from '../mail/mail-templates.ts';
import { toFinding, toHits } from './redaction.mapper.ts';
import * as repo from './redaction.repository.ts';
import { findOrThrow } from './redaction.service.ts';

/**
 * The notice to the customer after a redaction ("we removed information we should not hold"), from
 * the versioned mail template `redaction_notice`: it names the kinds removed, never the text. Goes to
 * the person's e-mail address through the outbox (409 redaction_no_email without one), once.
 */
export const sendRedactionNotice = async (
  ctx: AppContext,
  actor: Actor,
  id: string,
  { language }: { language: 'de' | 'en' },
) => {
  const prepared = await inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    if (!canDo({ role: actor.role, action: 'redactions.review' })) throw new AppError('forbidden');
    const row = await findOrThrow(tx, id);
    if (row.status !== 'redacted') throw new AppError('redaction_not_redacted');
    if (row.notice_sent_at) throw new AppError('conflict');
    if (!row.person_id || !row.email) throw new AppError('redaction_no_email');
    const settings = await loadMarketingSettings(tx, ctx, actor.tenantId);
    const kinds = (row.redacted_kinds ?? row.kinds) as SensitiveKind[];
    const mail = await renderMailTemplate(tx, ctx, {
      tenantId: actor.tenantId,
      key: 'redaction_notice',
      language,
      vars: {
        senderName: settings.senderName,
        firstName: row.first_name ?? '',
        lastName: row.last_name ?? '',
        removed: kinds.map((k) => KIND_LABEL[k][language]).join(', '),
        date: new Intl.DateTimeFormat(language === 'de' ? 'de-DE' : 'en-GB', {
          dateStyle: 'long',
          timeZone: 'Europe/Berlin',
        }).format(row.decided_at ?? ctx.now()),
      },
    });
    return { to: row.email, personId: row.person_id, mail };
  });
  const { queued, deliver } = await queueMails(ctx, {
    tenantId: actor.tenantId,
    mails: [
      {
        kind: 'notice',
        to: prepared.to,
        subject: prepared.mail.subject,
        text: prepared.mail.text,
        personId: prepared.personId,
      },
    ],
  });
  const mailId = queued[0]?.id as string;
  const finding = await inTenant(ctx.db.kysely, actor.tenantId, async (tx) => {
    await repo.recordNotice(tx, id, { at: ctx.now(), by: actor.userId, mailId });
    await recordAudit(tx, ctx, actor.tenantId, {
      actor,
      action: 'create',
      subject: { type: 'person', id: prepared.personId },
      fields: ['redactionNotice'],
      note: JSON.stringify({ finding: id, mail: mailId, template: prepared.mail.version, language }),
    });
    const row = await findOrThrow(tx, id);
    return { ...toFinding(row), hits: toHits(row.hits), text: null, textHidden: 'decided' as const };
  });
  await deliver();
  return finding;
};
