import type { Tx } from '../../db/tenant.ts';
import type { FieldDefinition } from '../../domain/web-forms/fields.ts';
import * as repo from './web-forms.repository.ts';
import { openSubmission } from './web-forms.sealing.ts';

/*
 * Art. 15 and 17 for migration 0019: the web form submissions accepted into a person belong to that
 * person (sealed under their key). Submissions not accepted are nobody's yet and expire with their
 * form's retention. Owner: web-forms.
 */

export const compileWebFormSections = async (
  tx: Tx,
  input: { personId: string; dataKey: Buffer | null },
): Promise<Record<string, Record<string, unknown>[]>> => {
  const rows = await repo.submissionsOfPerson(tx, input.personId);
  const forms = new Map<string, FieldDefinition[]>();
  for (const r of rows)
    if (!forms.has(r.form_id)) forms.set(r.form_id, (await repo.findForm(tx, r.form_id))?.fields ?? []);
  return {
    web_form_submissions: rows.map((r) => {
      const values = openSubmission(input.dataKey, r.id, r.values_enc) ?? {};
      return {
        id: r.id,
        form: r.form_name,
        kind: r.kind,
        receivedOn: r.received_on,
        acceptedAt: r.decided_at ? r.decided_at.toISOString() : null,
        values: (forms.get(r.form_id) ?? [])
          .filter((f) => values[f.key] !== undefined)
          .map((f) => ({ field: f.label.en, value: values[f.key] })),
      };
    }),
  };
};

export const eraseWebFormSubmissions = async (tx: Tx, personId: string): Promise<Record<string, number>> => ({
  web_form_submissions: (await repo.deleteSubmissionsOfPerson(tx, personId)).length,
});
