import type { FormKind } from './fields.ts';

/**
 * Request metadata a public form could record. By default a submission stores none of it: only the
 * day it arrived (the inbox needs an order and the retention a start). A declared purpose that needs
 * more says so here, with its reason; today only the newsletter does, because a consent must be
 * provable (Art. 7(1) GDPR) — and it records that proof through the double opt-in's consent ledger,
 * never in the form inbox.
 */
export const REQUEST_METADATA = ['ip_address', 'user_agent', 'referrer', 'time_of_day'] as const;
export type RequestMetadata = (typeof REQUEST_METADATA)[number];

export type MetadataNeed = { metadata: RequestMetadata; reason: string; storedIn: 'consent_signups' };

const NEEDS: Record<FormKind, readonly MetadataNeed[]> = {
  contact: [],
  wishlist: [],
  newsletter: [
    { metadata: 'ip_address', reason: 'consent proof (Art. 7(1) GDPR)', storedIn: 'consent_signups' },
    { metadata: 'user_agent', reason: 'consent proof (Art. 7(1) GDPR)', storedIn: 'consent_signups' },
    { metadata: 'time_of_day', reason: 'consent proof (Art. 7(1) GDPR)', storedIn: 'consent_signups' },
  ],
};

/** The metadata a form of this kind may record, and where. */
export const metadataNeeds = (kind: FormKind): readonly MetadataNeed[] => NEEDS[kind];

/** May this form kind record this piece of metadata at all? */
export const mayRecord = (input: { kind: FormKind; metadata: RequestMetadata }): boolean =>
  NEEDS[input.kind].some((n) => n.metadata === input.metadata);

/** The only time a submission row keeps: the calendar day in Berlin (no time of day). */
export const receivedDay = (now: Date): string =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Berlin',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);

/** When a submission received on `day` is purged: `retentionDays` after that day. */
export const purgeAfter = (input: { day: string; retentionDays: number }): string => {
  const d = new Date(`${input.day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + input.retentionDays);
  return d.toISOString().slice(0, 10);
};
