/**
 * Writing the persons of a committed batch, like createPerson but in chunks: each person gets its own
 * data key (wrapped by the master key, one multi-row insert per chunk), notes sealed under it, phones
 * in E.164, source kind `import` with the file name, collected by the user, and the batch as
 * provenance (`persons.import_id`). Organisations and tags named in the file are looked up by name
 * or created. One audit entry per created person (fields, no values: see ADR 0029), appended in
 * chunks. The duplicate engine's blocking keys follow outside the commit (fillMissingMatchKeys, every
 * minute by the scheduler). Notes with sensitive data go to the redaction queue.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { insertJsonRows } from '../../db/bulk.ts';
import type { Tx } from '../../db/tenant.ts';
import { newDataKey, wrapDataKey } from '../../domain/crypto/envelope.ts';
import type { Actor, AppContext } from '../../server/context.ts';
import { type AuditRecord, recordAudits } from '../audit/audit.service.ts';
import { wrappingKey } from '../keys/keys.service.ts';
import { createdFields } from '../persons/persons.audit.ts';
import { sealPersonColumns } from '../persons/persons.sealed.ts';
import { addressColumns } from '../persons/persons.service.ts';
import { queueSensitiveText } from '../redaction/redaction.queue.ts';
import type { RowEvaluation } from './imports.check.ts';
import type { ImportRow } from './imports.repository.ts';

const CHUNK = 1000;

const byLowerName = async (
  tx: Tx,
  table: 'organizations' | 'tags',
  names: string[],
): Promise<Map<string, string>> => {
  const out = new Map<string, string>();
  if (names.length === 0) return out;
  const rows = await tx
    .selectFrom(table)
    .select(['id', 'name'])
    .where(sql<boolean>`lower(name) = any(${names.map((n) => n.toLowerCase())}::text[])`)
    .execute();
  for (const r of rows) if (!out.has(r.name.toLowerCase())) out.set(r.name.toLowerCase(), r.id);
  return out;
};

/** Organisations by name (case-insensitive), the missing ones created as prospects of the batch's departments. */
const organisationIds = async (tx: Tx, ctx: AppContext, actor: Actor, batch: ImportRow, names: string[]) => {
  const found = await byLowerName(tx, 'organizations', names);
  const missing = [
    ...new Map(names.filter((n) => !found.has(n.toLowerCase())).map((n) => [n.toLowerCase(), n])).values(),
  ];
  for (let i = 0; i < missing.length; i += CHUNK) {
    const rows = await tx
      .insertInto('organizations')
      .values(
        missing.slice(i, i + CHUNK).map((name) => ({
          tenant_id: actor.tenantId,
          name,
          kind: 'prospect',
          department_ids: batch.department_ids,
          created_by: actor.userId,
          updated_at: ctx.now(),
        })) as never,
      )
      .returning(['id', 'name'])
      .execute();
    for (const r of rows) found.set(r.name.toLowerCase(), r.id);
  }
  return found;
};

const tagIds = async (tx: Tx, actor: Actor, names: string[]) => {
  const found = await byLowerName(tx, 'tags', names);
  const missing = [
    ...new Map(names.filter((n) => !found.has(n.toLowerCase())).map((n) => [n.toLowerCase(), n])).values(),
  ];
  if (missing.length > 0) {
    const rows = await tx
      .insertInto('tags')
      .values(missing.map((name) => ({ tenant_id: actor.tenantId, name })))
      .returning(['id', 'name'])
      .execute();
    for (const r of rows) found.set(r.name.toLowerCase(), r.id);
  }
  return found;
};

/** Creates the persons; returns row number → person id. */
export const createImportedPersons = async (
  tx: Tx,
  ctx: AppContext,
  actor: Actor,
  input: { batch: ImportRow; rows: RowEvaluation[]; onProgress?: (done: number, total: number) => void },
): Promise<Map<number, string>> => {
  const { batch, rows } = input;
  const created = new Map<number, string>();
  if (rows.length === 0) return created;
  const now = ctx.now();
  const orgs = await organisationIds(tx, ctx, actor, batch, [
    ...new Set(rows.map((r) => r.person.organization).filter((o): o is string => Boolean(o))),
  ]);
  const tags = await tagIds(tx, actor, [...new Set(rows.flatMap((r) => r.person.tags ?? []))]);
  const master = ctx.config.benchBaseline ? null : await wrappingKey(tx, ctx, actor.tenantId);
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const persons = [];
    const keys = [];
    const personTags: { tenant_id: string; person_id: string; tag_id: string }[] = [];
    const audits: AuditRecord[] = [];
    for (const r of chunk) {
      const id = randomUUID();
      const p = r.person;
      const values = {
        tenant_id: actor.tenantId,
        kind: batch.person_kind ?? 'prospect',
        first_name: p.firstName as string,
        last_name: p.lastName as string,
        email: p.email ?? null,
        phone: p.phone ?? null,
        birth_date: p.birthDate ?? null,
        job_title: p.jobTitle ?? null,
        ...addressColumns(p.address),
        notes: p.notes ?? null,
        organization_id: p.organization ? (orgs.get(p.organization.toLowerCase()) ?? null) : null,
        department_ids: batch.department_ids,
        legal_basis: batch.legal_basis as string,
        purposes: batch.purposes as string[],
        source_kind: 'import',
        source_detail: batch.file_name,
        collected_at: now,
        collected_by: actor.userId,
        import_id: batch.id,
        updated_at: now,
      };
      let sealed = values;
      if (!ctx.config.benchBaseline) {
        const dataKey = newDataKey();
        keys.push({
          tenant_id: actor.tenantId,
          subject_id: id,
          subject_type: 'person' as const,
          wrapped_key: wrapDataKey({
            masterKey: master!.key,
            dataKey,
            tenantId: actor.tenantId,
            subjectId: id,
          }),
          master_key_id: master!.id,
        });
        sealed = sealPersonColumns(dataKey, id, values);
      }
      persons.push({ id, ...sealed });
      const tagged = [
        ...new Set(
          (p.tags ?? []).map((t) => tags.get(t.toLowerCase())).filter((t): t is string => Boolean(t)),
        ),
      ];
      for (const tag of tagged) personTags.push({ tenant_id: actor.tenantId, person_id: id, tag_id: tag });
      const fields = createdFields(values).fields;
      audits.push({
        actor,
        action: 'create',
        subject: { type: 'person', id },
        fields: tagged.length > 0 ? [...fields, 'tags'] : fields,
        note: `import ${batch.id} row ${r.rowNumber}`,
      });
      created.set(r.rowNumber, id);
    }
    await insertJsonRows(tx, 'subject_keys', keys);
    await insertJsonRows(tx, 'persons', persons);
    if (personTags.length > 0) await tx.insertInto('person_tags').values(personTags).execute();
    await recordAudits(tx, ctx, actor.tenantId, audits);
    input.onProgress?.(Math.min(i + CHUNK, rows.length), rows.length);
  }
  for (const r of rows) {
    if (!r.sensitive || !r.person.notes) continue;
    const personId = created.get(r.rowNumber) as string;
    await flagSensitiveImportText(tx, ctx, { tenantId: actor.tenantId, personId, text: r.person.notes });
  }
  return created;
};

/** Notes of an imported person that hold special-category data or identifiers: into the redaction queue. */
export const flagSensitiveImportText = (
  tx: Tx,
  ctx: AppContext,
  input: { tenantId: string; personId: string; text: string },
) =>
  queueSensitiveText(tx, ctx, {
    tenantId: input.tenantId,
    personId: input.personId,
    source: { kind: 'person_notes', id: input.personId, field: 'notes' },
    origin: 'import',
    text: input.text,
  });
