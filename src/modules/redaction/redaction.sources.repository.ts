import type { Tx } from '../../db/tenant.ts';

/** SQL of the places a finding's text lives in (its source) and of the copies a redaction scrubs. */

export type PersonTextColumn = 'notes' | 'accessibility_needs';

export const personText = (tx: Tx, personId: string, column: PersonTextColumn) =>
  tx.selectFrom('persons').select(['id', column]).where('id', '=', personId).executeTakeFirst();

export const setPersonText = (tx: Tx, personId: string, column: PersonTextColumn, sealed: string, at: Date) =>
  tx
    .updateTable('persons')
    .set((eb) => ({ [column]: sealed, updated_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', personId)
    .execute();

export const interactionText = (tx: Tx, id: string) =>
  tx
    .selectFrom('interactions')
    .select(['id', 'person_id', 'subject', 'body'])
    .where('id', '=', id)
    .executeTakeFirst();

export const setInteractionText = (tx: Tx, id: string, values: { subject?: string; body?: string }) =>
  tx.updateTable('interactions').set(values).where('id', '=', id).execute();

export const caseMessage = (tx: Tx, id: string) =>
  tx
    .selectFrom('case_messages as m')
    .innerJoin('cases as c', 'c.id', 'm.case_id')
    .select(['m.id', 'm.body', 'c.person_id'])
    .where('m.id', '=', id)
    .executeTakeFirst();

export const setCaseMessage = (tx: Tx, id: string, body: string) =>
  tx.updateTable('case_messages').set({ body }).where('id', '=', id).execute();

export const submission = (tx: Tx, id: string) =>
  tx
    .selectFrom('web_form_submissions')
    .select(['id', 'person_id', 'values_enc'])
    .where('id', '=', id)
    .executeTakeFirst();

export const setSubmission = (tx: Tx, id: string, valuesEnc: string) =>
  tx.updateTable('web_form_submissions').set({ values_enc: valuesEnc }).where('id', '=', id).execute();

// ---- copies ------------------------------------------------------------------------------------

export const auditValuesOf = (tx: Tx, personId: string) =>
  tx
    .selectFrom('audit_log')
    .select(['seq', 'values_enc', 'values_digest'])
    .where('subject_id', '=', personId)
    .where('values_enc', 'is not', null)
    .orderBy('seq')
    .execute();

/** Destroys the sealed values of entries that commit to their digest (the chain stays verifiable). */
export const destroyAuditValues = (tx: Tx, tenantId: string, seqs: number[]) =>
  seqs.length
    ? tx
        .updateTable('audit_log')
        .set({ values_enc: null })
        .where('tenant_id', '=', tenantId)
        .where('seq', 'in', seqs)
        .where('values_digest', 'is not', null)
        .executeTakeFirst()
    : Promise.resolve(null);

export const mailsOf = (tx: Tx, personId: string) =>
  tx
    .selectFrom('outbound_mails')
    .select(['id', 'subject', 'body_text', 'body_html'])
    .where('person_id', '=', personId)
    .execute();

export const setMail = (
  tx: Tx,
  id: string,
  values: { subject: string; body_text: string; body_html: string | null },
) => tx.updateTable('outbound_mails').set(values).where('id', '=', id).execute();

export const requestExportsOf = (tx: Tx, personId: string) =>
  tx
    .selectFrom('dsr_requests')
    .select(['id', 'export_enc'])
    .where('person_id', '=', personId)
    .where('export_enc', 'is not', null)
    .execute();

export const setRequestExport = (tx: Tx, id: string, exportEnc: string) =>
  tx.updateTable('dsr_requests').set({ export_enc: exportEnc }).where('id', '=', id).execute();

export const lettersOf = (tx: Tx, personId: string) =>
  tx
    .selectFrom('dsr_letters as l')
    .innerJoin('dsr_requests as r', 'r.id', 'l.request_id')
    .select(['l.id', 'l.subject_enc', 'l.body_enc'])
    .where('r.person_id', '=', personId)
    .execute();

export const setLetter = (
  tx: Tx,
  id: string,
  values: { subject_enc: string | null; body_enc: string | null },
) => tx.updateTable('dsr_letters').set(values).where('id', '=', id).execute();

export const mergeSnapshotsOf = (tx: Tx, personId: string) =>
  tx
    .selectFrom('person_merges')
    .select(['id', 'snapshot_enc'])
    .where('survivor_id', '=', personId)
    .where('snapshot_enc', 'is not', null)
    .execute();

export const setMergeSnapshot = (tx: Tx, id: string, snapshotEnc: string) =>
  tx.updateTable('person_merges').set({ snapshot_enc: snapshotEnc }).where('id', '=', id).execute();
