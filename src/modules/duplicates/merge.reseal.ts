import type { Tx } from '../../db/tenant.ts';
import { DecryptionError } from '../../domain/crypto/secret-box.ts';
import { openValue, sealValue } from '../keys/keys.service.ts';
import { openImage, sealImage } from '../photos/photos.crypto.ts';
import * as repo from './merge.repository.ts';

type Ref = { table: string; recordId: string; column: string };

/**
 * Moves the merged person's rows whose values are sealed under its data key to the survivor, each
 * value opened with the merged person's key and sealed again under the survivor's (same field context,
 * except field locks, whose context names the person). Without a merged key (shredded) values stay.
 */
export const resealAndMove = async (
  tx: Tx,
  input: { tenantId: string; from: string; to: string; fromKey: Buffer | null; toKey: Buffer },
) => {
  const { from, to, fromKey, toKey } = input;
  const reseal = (sealed: string | null, ref: Ref, toRef: Ref = ref): string | null => {
    if (sealed == null || !fromKey) return sealed;
    return sealValue(toKey, toRef, openValue(fromKey, ref, sealed)) ?? null;
  };
  const counts = {
    interactions: 0,
    case_messages: 0,
    consents: 0,
    disclosures: 0,
    field_locks: 0,
    web_form_submissions: 0,
    photos: 0,
  };

  for (const r of await repo.sealedInteractions(tx, from)) {
    await repo.moveInteraction(
      tx,
      r.id,
      to,
      reseal(r.body, { table: 'interactions', recordId: r.id, column: 'body' }),
    );
    counts.interactions += 1;
  }
  // case threads are sealed under the case person's key; the cases themselves move as plain rows
  for (const m of await repo.caseMessagesOf(tx, from)) {
    try {
      const body = reseal(m.body, { table: 'case_messages', recordId: m.id, column: 'body' });
      if (body !== null && body !== m.body) await repo.setCaseMessageBody(tx, m.id, body);
      counts.case_messages += 1;
    } catch (error) {
      // a message that was never sealed (e.g. written before the case had a person) stays as it is
      if (!(error instanceof DecryptionError)) throw error;
    }
  }
  await repo.allowConsentMove(tx);
  for (const c of await repo.consentsOf(tx, from)) {
    const stored = (typeof c.proof === 'string' ? JSON.parse(c.proof) : c.proof) as {
      sealed?: unknown;
    } | null;
    const proof =
      stored && typeof stored.sealed === 'string'
        ? JSON.stringify({
            sealed: reseal(stored.sealed, { table: 'consents', recordId: c.id, column: 'proof' }),
          })
        : JSON.stringify(stored ?? {});
    await repo.moveConsent(tx, c.id, to, proof);
    counts.consents += 1;
  }
  for (const d of await repo.disclosuresOf(tx, from)) {
    await repo.moveDisclosure(
      tx,
      d.id,
      to,
      reseal(d.note, { table: 'disclosures', recordId: d.id, column: 'note' }),
    );
    counts.disclosures += 1;
  }
  // web form submissions accepted into the person are sealed under its key (web-forms.sealing.ts)
  for (const w of await repo.webFormSubmissionsOf(tx, from)) {
    const values = reseal(w.values_enc, { table: 'web_form_submissions', recordId: w.id, column: 'values' });
    await repo.moveWebFormSubmission(tx, w.id, to, values ?? w.values_enc);
    counts.web_form_submissions += 1;
  }
  // the photo is sealed as bytes with the person's id as associated data (photos.crypto.ts); it moves
  // when the survivor has none, otherwise the survivor's own photo stays and the other goes with the row
  const photo = fromKey ? await repo.photoToMove(tx, from, to) : null;
  if (photo && fromKey) {
    const image = openImage({ dataKey: fromKey, personId: from, sealed: Buffer.from(photo) });
    await repo.movePhoto(tx, from, to, sealImage({ dataKey: toKey, personId: to, image }));
    counts.photos += 1;
  }
  // a field lock the survivor already has stays the survivor's; the others move (the key is per person)
  for (const lock of await repo.fieldLocksOf(tx, from)) {
    const reason = reseal(
      lock.reason,
      { table: 'field_locks', recordId: `${from}:${lock.field}`, column: 'reason' },
      { table: 'field_locks', recordId: `${to}:${lock.field}`, column: 'reason' },
    );
    await repo.insertFieldLock(tx, { ...lock, person_id: to, reason });
    counts.field_locks += 1;
  }
  return counts;
};
