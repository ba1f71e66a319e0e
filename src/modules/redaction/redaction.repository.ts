import type { Insertable } from 'kysely';
import type { RedactionFindingsTable } from '../../db/schema-redaction.ts';
import type { Tx } from '../../db/tenant.ts';

type SourceKey = { tenantId: string; kind: string; id: string; field: string };

const bySource = (tx: Tx, key: SourceKey) =>
  tx
    .deleteFrom('redaction_findings')
    .where('tenant_id', '=', key.tenantId)
    .where('source_kind', '=', key.kind)
    .where('source_id', '=', key.id)
    .where('field', '=', key.field);

export const deleteOpenFinding = (tx: Tx, key: SourceKey) =>
  bySource(tx, key).where('status', '=', 'open').execute();

/** Replaces the open finding of a source field (delete and insert in the caller's transaction). */
export const upsertOpenFinding = async (tx: Tx, row: Insertable<RedactionFindingsTable>) => {
  await deleteOpenFinding(tx, {
    tenantId: row.tenant_id,
    kind: row.source_kind,
    id: row.source_id,
    field: row.field,
  });
  return tx.insertInto('redaction_findings').values(row).returning('id').executeTakeFirstOrThrow();
};

// ---- the queue ---------------------------------------------------------------------------------

export const FINDING_STATUSES = ['open', 'redacted', 'dismissed'] as const;

const findingColumns = [
  'f.id',
  'f.person_id',
  'f.source_kind',
  'f.source_id',
  'f.field',
  'f.origin',
  'f.locale',
  'f.status',
  'f.hits',
  'f.kinds',
  'f.categories',
  'f.text_length',
  'f.detected_at',
  'f.decided_at',
  'f.redacted_kinds',
  'f.dismiss_reason',
  'f.notice_sent_at',
  'f.version',
  'p.first_name',
  'p.last_name',
  'p.email',
] as const;

const findings = (tx: Tx) =>
  tx
    .selectFrom('redaction_findings as f')
    .leftJoin('persons as p', 'p.id', 'f.person_id')
    .select(findingColumns);

export type FindingRow = Awaited<ReturnType<typeof findFinding>> & {};

export const listFindings = (tx: Tx, { status, limit }: { status: string; limit: number }) =>
  findings(tx)
    .where('f.status', '=', status)
    .orderBy('f.detected_at', 'desc')
    .orderBy('f.id')
    .limit(limit)
    .execute();

export const findFinding = (tx: Tx, id: string) => findings(tx).where('f.id', '=', id).executeTakeFirst();

export const decideFinding = (
  tx: Tx,
  id: string,
  values: {
    status: 'redacted' | 'dismissed';
    decided_at: Date;
    decided_by: string;
    redacted_kinds?: string[];
    dismiss_reason?: string;
  },
) =>
  tx
    .updateTable('redaction_findings')
    .set((eb) => ({ ...values, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('status', '=', 'open')
    .returning('id')
    .executeTakeFirst();

export const recordNotice = (tx: Tx, id: string, values: { at: Date; by: string; mailId: string }) =>
  tx
    .updateTable('redaction_findings')
    .set((eb) => ({
      notice_sent_at: values.at,
      notice_sent_by: values.by,
      notice_mail_id: values.mailId,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .execute();
