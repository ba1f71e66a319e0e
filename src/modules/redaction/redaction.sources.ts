import type { Tx } from '../../db/tenant.ts';
import type { DataCategory } from '../../domain/privacy/data-categories.ts';
import type { AppContext } from '../../server/context.ts';
import { openValue, sealValue, subjectKey } from '../keys/keys.service.ts';
import * as repo from './redaction.sources.repository.ts';

/**
 * Where a finding's text lives: read it (opened) and write its redacted form back, sealed again
 * under the same data key with a fresh nonce (secret-box draws a new IV for every seal). The old
 * ciphertext is overwritten in the same transaction; nothing keeps it.
 */
export type SourceRef = { kind: string; id: string; field: string; personId: string | null };

export type SourceText = {
  text: string;
  /** the data category of the field itself (communication content, or the accessibility needs) */
  category: DataCategory;
  write: (redacted: string) => Promise<void>;
};

const ref = (table: string, recordId: string, column: string) => ({ table, recordId, column });

const keyOf = async (tx: Tx, ctx: AppContext, tenantId: string, subjectId: string) => {
  const key = await subjectKey(tx, ctx, tenantId, subjectId);
  if (!key) throw new Error('data key shredded');
  return key;
};

const personNotes = async (
  tx: Tx,
  ctx: AppContext,
  tenantId: string,
  s: SourceRef,
): Promise<SourceText | null> => {
  const column = s.field === 'accessibility_needs' ? 'accessibility_needs' : 'notes';
  const row = await repo.personText(tx, s.id, column);
  const sealed = row?.[column];
  if (!row || !sealed) return null;
  const dataKey = await subjectKey(tx, ctx, tenantId, s.id);
  const text = openValue(dataKey, ref('persons', s.id, column), sealed);
  if (text == null || !dataKey) return null;
  return {
    text,
    category: column === 'notes' ? 'communication' : 'special_health',
    write: async (redacted) => {
      const resealed = sealValue(dataKey, ref('persons', s.id, column), redacted) as string;
      await repo.setPersonText(tx, s.id, column, resealed, ctx.now());
    },
  };
};

const interaction = async (
  tx: Tx,
  ctx: AppContext,
  tenantId: string,
  s: SourceRef,
): Promise<SourceText | null> => {
  const row = await repo.interactionText(tx, s.id);
  if (!row) return null;
  if (s.field === 'subject')
    return {
      text: row.subject,
      category: 'communication',
      write: async (redacted) => {
        await repo.setInteractionText(tx, s.id, { subject: redacted });
      },
    };
  if (!row.body) return null;
  const dataKey = await keyOf(tx, ctx, tenantId, row.person_id);
  const text = openValue(dataKey, ref('interactions', s.id, 'body'), row.body);
  if (text == null) return null;
  return {
    text,
    category: 'communication',
    write: async (redacted) => {
      await repo.setInteractionText(tx, s.id, {
        body: sealValue(dataKey, ref('interactions', s.id, 'body'), redacted) as string,
      });
    },
  };
};

const caseMessage = async (
  tx: Tx,
  ctx: AppContext,
  tenantId: string,
  s: SourceRef,
): Promise<SourceText | null> => {
  const row = await repo.caseMessage(tx, s.id);
  if (!row) return null;
  // messages of an organisation-only case are stored as written (ADR 0012)
  const dataKey = row.person_id ? await keyOf(tx, ctx, tenantId, row.person_id) : null;
  const text = dataKey ? openValue(dataKey, ref('case_messages', s.id, 'body'), row.body) : row.body;
  if (text == null) return null;
  return {
    text,
    category: 'communication',
    write: async (redacted) => {
      await repo.setCaseMessage(
        tx,
        s.id,
        dataKey ? (sealValue(dataKey, ref('case_messages', s.id, 'body'), redacted) as string) : redacted,
      );
    },
  };
};

const formSubmission = async (
  tx: Tx,
  ctx: AppContext,
  tenantId: string,
  s: SourceRef,
): Promise<SourceText | null> => {
  const row = await repo.submission(tx, s.id);
  if (!row) return null;
  // sealed under a key of its own, or under the person's once accepted (web-forms.sealing.ts)
  const dataKey = await subjectKey(tx, ctx, tenantId, row.person_id ?? row.id);
  const plain = openValue(dataKey, ref('web_form_submissions', s.id, 'values'), row.values_enc);
  if (plain == null || !dataKey) return null;
  const values = JSON.parse(plain) as Record<string, string | boolean>;
  const text = values[s.field];
  if (typeof text !== 'string') return null;
  return {
    text,
    category: 'communication',
    write: async (redacted) => {
      const next = JSON.stringify({ ...values, [s.field]: redacted });
      await repo.setSubmission(
        tx,
        s.id,
        sealValue(dataKey, ref('web_form_submissions', s.id, 'values'), next) as string,
      );
    },
  };
};

const READERS: Record<string, typeof personNotes> = {
  person_notes: personNotes,
  interaction,
  case_message: caseMessage,
  form_submission: formSubmission,
};

/** The source text of a finding, or null when it is gone (deleted, or its key shredded). */
export const loadSource = (tx: Tx, ctx: AppContext, tenantId: string, s: SourceRef) => {
  const reader = READERS[s.kind];
  return reader ? reader(tx, ctx, tenantId, s) : Promise.resolve(null);
};
