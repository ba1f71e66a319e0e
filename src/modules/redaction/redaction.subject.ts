import type { Tx } from '../../db/tenant.ts';

/**
 * Art. 15 for the redaction queue: which kinds of sensitive data were found in the person's free text,
 * where, and what was decided (the text itself is in its own section, or was removed).
 */
export const compileRedactionSection = async (tx: Tx, input: { personId: string }) => {
  const rows = await tx
    .selectFrom('redaction_findings')
    .select([
      'source_kind',
      'field',
      'status',
      'kinds',
      'detected_at',
      'decided_at',
      'dismiss_reason',
      'notice_sent_at',
    ])
    .where('person_id', '=', input.personId)
    .orderBy('detected_at')
    .execute();
  return {
    redaction_findings: rows.map((r) => ({
      source: r.source_kind,
      field: r.field,
      status: r.status,
      kinds: r.kinds,
      detectedAt: r.detected_at.toISOString(),
      decidedAt: r.decided_at?.toISOString() ?? null,
      dismissReason: r.dismiss_reason,
      noticeSentAt: r.notice_sent_at?.toISOString() ?? null,
    })),
  };
};
