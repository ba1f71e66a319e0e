import { type Insertable, sql } from 'kysely';
import { jsonRowsInsert } from '../../db/bulk.ts';
import type { AuditLogTable } from '../../db/schema.ts';
import type { Tx } from '../../db/tenant.ts';

/**
 * Takes the next `count` sequence numbers of the tenant's chain in one statement, creating the head on
 * first use; the row lock serialises appends per tenant until the transaction ends. Returns the first
 * number taken and the hash of the entry before it.
 */
export const advanceHead = async (tx: Tx, tenantId: string, genesis: string, count = 1) => {
  const head = await tx
    .insertInto('audit_heads')
    .values({ tenant_id: tenantId, last_seq: count, last_hash: genesis })
    .onConflict((oc) =>
      oc.column('tenant_id').doUpdateSet({ last_seq: sql`audit_heads.last_seq + ${count}` }),
    )
    .returning(['last_seq', 'last_hash'])
    .executeTakeFirstOrThrow();
  return { seq: Number(head.last_seq) - count + 1, prevHash: head.last_hash };
};

export type AuditRowInsert = Insertable<AuditLogTable>;

/** Inserts entries (in chain order) and moves the head's hash to the last of them, in one statement. */
export const appendEntries = async (tx: Tx, tenantId: string, rows: AuditRowInsert[], headHash: string) => {
  const insert = jsonRowsInsert('audit_log', rows);
  if (!insert) return;
  await sql`with appended as (${insert} returning seq)
    update audit_heads set last_hash = ${headHash} where tenant_id = ${tenantId}`.execute(tx);
};

export const head = (tx: Tx, tenantId: string) =>
  tx
    .selectFrom('audit_heads')
    .select(['last_seq', 'last_hash'])
    .where('tenant_id', '=', tenantId)
    .executeTakeFirst();

/** A batch of the chain for verification, in the exact form it was hashed (time as ISO 8601 text). */
export const chainBatch = (tx: Tx, tenantId: string, afterSeq: number, limit: number) =>
  tx
    .selectFrom('audit_log')
    .select([
      'tenant_id',
      'seq',
      'actor_user_id',
      'actor_token_id',
      'action',
      'subject_type',
      'subject_id',
      'fields',
      'values_enc',
      'values_digest',
      'note',
      'prev_hash',
      'hash',
    ])
    .select(sql<string>`to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`.as('at_iso'))
    .where('tenant_id', '=', tenantId)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();

export type AuditFilter = {
  subjectId?: string;
  action?: string;
  from?: Date;
  to?: Date;
  beforeSeq?: number;
  limit: number;
};

/** Entries for the DPO's audit view, newest first; filters by subject, action and period only. */
export const listEntries = (tx: Tx, f: AuditFilter) => {
  let q = tx
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.actor_user_id')
    .selectAll('a')
    .select('u.display_name as actor_name');
  // a person's history includes the entries of the persons merged into it (ADR 0030); one array of
  // ids, so the (tenant_id, subject_id, seq) index serves the lookup (an OR with a subquery made
  // PostgreSQL walk the whole trail backwards to find a subject's few entries)
  const subjectId = f.subjectId;
  if (subjectId)
    q = q.where(
      'a.subject_id',
      '=',
      sql<string>`any(array[${subjectId}::uuid] || array(select m.merged_person_id from person_merges m where m.survivor_id = ${subjectId}::uuid))`,
    );
  if (f.action) q = q.where('a.action', '=', f.action);
  if (f.from) q = q.where('a.at', '>=', f.from);
  if (f.to) q = q.where('a.at', '<', f.to);
  if (f.beforeSeq) q = q.where('a.seq', '<', f.beforeSeq);
  return q.orderBy('a.seq', 'desc').limit(f.limit).execute();
};
export type AuditListRow = Awaited<ReturnType<typeof listEntries>>[number];

export const tenantIds = async (tx: Tx) =>
  (await tx.selectFrom('tenants').select('id').orderBy('created_at').execute()).map((t) => t.id);
