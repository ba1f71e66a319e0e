import { asSystem } from '../../src/db/tenant.ts';
import { decryptField, unwrapDataKey } from '../../src/domain/crypto/envelope.ts';
import { openSealed } from '../../src/domain/crypto/secret-box.ts';
import type { TestApp } from './app.ts';

/**
 * Collects every ciphertext that belongs to a person (their sealed columns, interaction bodies,
 * audit values) and tries to open each with every key the installation still holds: the master
 * key and all unwrappable subject keys, under the right context. Returns what opened.
 */
export const tryAllKeys = async (t: TestApp, personId: string) => {
  const { rows, keys } = await asSystem(t.db.kysely, async (tx) => {
    const person = await tx
      .selectFrom('persons')
      .select(['notes', 'accessibility_needs'])
      .where('id', '=', personId)
      .executeTakeFirst();
    const interactions = await tx
      .selectFrom('interactions')
      .select(['id', 'body'])
      .where('person_id', '=', personId)
      .execute();
    const audit = await tx
      .selectFrom('audit_log')
      .select(['tenant_id', 'seq', 'values_enc'])
      .where('subject_id', '=', personId)
      .where('values_enc', 'is not', null)
      .execute();
    const subjectKeys = await tx
      .selectFrom('subject_keys')
      .select(['tenant_id', 'subject_id', 'wrapped_key'])
      .where('wrapped_key', 'is not', null)
      .execute();
    const sealed: { value: string; context: string }[] = [];
    if (person?.notes) sealed.push({ value: person.notes, context: `persons:${personId}:notes` });
    if (person?.accessibility_needs)
      sealed.push({ value: person.accessibility_needs, context: `persons:${personId}:accessibility_needs` });
    for (const i of interactions)
      if (i.body) sealed.push({ value: i.body, context: `interactions:${i.id}:body` });
    for (const a of audit)
      sealed.push({ value: a.values_enc!, context: `audit_log:${a.tenant_id}:${a.seq}:values` });
    const dataKeys = subjectKeys.map((k) =>
      unwrapDataKey({
        masterKey: t.ctx.masterKey,
        wrapped: k.wrapped_key!,
        tenantId: k.tenant_id,
        subjectId: k.subject_id,
      }),
    );
    return { rows: sealed, keys: [t.ctx.masterKey, ...dataKeys] };
  });
  const decrypted: string[] = [];
  for (const row of rows) {
    for (const key of keys) {
      try {
        decrypted.push(decryptField({ dataKey: key, sealed: row.value, context: row.context }));
      } catch {
        try {
          decrypted.push(openSealed({ key, sealed: row.value, context: row.context }).toString());
        } catch {
          // not this key
        }
      }
    }
  }
  return { ciphertexts: rows.length, decrypted };
};
