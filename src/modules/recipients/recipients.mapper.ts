import type { DataCategory } from '../../domain/privacy/data-categories.ts';
import {
  type NotificationStatus,
  notificationAgeDays,
} from '../../domain/requests/recipient-notifications.ts';
import {
  assessEntry,
  type EntryFacts,
  type Location,
  type SccModule,
  type TransferMechanism,
} from '../../domain/transfers/transfers.ts';
import { openValue } from '../keys/keys.service.ts';
import type { DisclosureRow, NotificationRow, RecipientRow } from './recipients.repository.ts';
import type { NotificationAction, RecipientKind } from './recipients.schemas.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The register facts of a row as the transfer rules read them. */
export const entryFactsOf = (row: RecipientRow): EntryFacts => ({
  kind: row.kind,
  location: row.location,
  country: row.country,
  mechanism: row.transfer_mechanism as TransferMechanism | null,
  sccModule: row.scc_module as SccModule | null,
  tiaDate: row.tia_date,
  dpfCheckedOn: row.dpf_checked_on,
  avvSignedOn: row.avv_signed_on,
  hasAvvDocument: row.avv_file_name !== null,
});

export const toRecipient = (row: RecipientRow) => ({
  id: row.id,
  name: row.name,
  kind: row.kind as RecipientKind,
  country: row.country,
  contact: row.contact,
  notes: row.notes,
  archivedAt: iso(row.archived_at),
  createdAt: row.created_at.toISOString(),
  location: row.location as Location | null,
  purposes: row.purposes,
  dataCategories: row.data_categories as DataCategory[],
  subjectGroups: row.subject_groups,
  transferMechanism: row.transfer_mechanism as TransferMechanism | null,
  sccModule: row.scc_module as SccModule | null,
  tiaDate: row.tia_date,
  dpfCheckedOn: row.dpf_checked_on,
  transferNote: row.transfer_note,
  avvSignedOn: row.avv_signed_on,
  avvDocument:
    row.avv_file_name !== null && row.avv_uploaded_at !== null
      ? {
          fileName: row.avv_file_name,
          size: Number(row.avv_size ?? 0),
          uploadedAt: row.avv_uploaded_at.toISOString(),
        }
      : null,
  toms: row.toms,
  subProcessors: row.sub_processors,
  assessment: assessEntry(entryFactsOf(row)),
});

/** Where a disclosure's note is sealed: under the person's data key, bound to this row and column. */
export const disclosureNoteRef = (id: string) => ({ table: 'disclosures', recordId: id, column: 'note' });

/**
 * A disclosure as the API shows it. `dataKey` opens the note; null (note hidden, or the key shredded)
 * gives a null note.
 */
export const toDisclosure = (row: DisclosureRow, dataKey: Buffer | null) => ({
  id: row.id,
  personId: row.person_id,
  recipient: { id: row.recipient_id, name: row.recipient_name, kind: row.recipient_kind as RecipientKind },
  categories: row.categories as DataCategory[],
  purpose: row.purpose,
  disclosedAt: row.disclosed_at.toISOString(),
  note: dataKey ? openValue(dataKey, disclosureNoteRef(row.id), row.note) : null,
  recordedBy: row.recorded_by ? { id: row.recorded_by, displayName: row.recorded_by_name ?? '' } : null,
  createdAt: row.created_at.toISOString(),
});

export const toNotification = (row: NotificationRow, now: Date) => ({
  id: row.id,
  requestId: row.request_id,
  requestNumber: row.request_number,
  requestType: row.request_type,
  recipient: {
    id: row.recipient_id,
    name: row.recipient_name,
    kind: row.recipient_kind as RecipientKind,
    contact: row.recipient_contact,
  },
  action: row.action as NotificationAction,
  categories: row.categories as DataCategory[],
  status: row.status as NotificationStatus,
  note: row.note,
  createdAt: row.created_at.toISOString(),
  resolvedAt: iso(row.resolved_at),
  resolvedBy: row.resolved_by ? { id: row.resolved_by, displayName: row.resolved_by_name ?? '' } : null,
  ageDays: notificationAgeDays(row.created_at, now),
});
