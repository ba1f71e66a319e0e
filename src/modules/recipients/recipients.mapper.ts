import type { DataCategory } from '../../domain/privacy/data-categories.ts';
import {
  type NotificationStatus,
  notificationAgeDays,
} from '../../domain/requests/recipient-notifications.ts';
import { openValue } from '../keys/keys.service.ts';
import type { DisclosureRow, NotificationRow, RecipientRow } from './recipients.repository.ts';
import type { NotificationAction, RecipientKind } from './recipients.schemas.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const toRecipient = (row: RecipientRow) => ({
  id: row.id,
  name: row.name,
  kind: row.kind as RecipientKind,
  country: row.country,
  contact: row.contact,
  notes: row.notes,
  archivedAt: iso(row.archived_at),
  createdAt: row.created_at.toISOString(),
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
